package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import io.dnsplane.model.RecordTypes;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * core/v1 Service to endpoints, as ExternalDNS's service source: the hostname annotation on a
 * LoadBalancer (targets: the target annotation, else spec.externalIPs, else
 * status.loadBalancer.ingress) or an ExternalName Service (a CNAME to spec.externalName); the
 * internal-hostname annotation on any Service with a cluster IP (targets: spec.clusterIPs).
 * {@code --publish-internal-services} publishes the hostname annotation of ClusterIP Services with
 * their cluster IPs; {@code --fqdn-template} names Services without a hostname annotation
 * ({@code {{.Name}}}, {@code {{.Namespace}}}). A headless Service publishes the addresses of its
 * ready endpoints (EndpointSlices); a NodePort Service the nodes' addresses (ExternalIP, or
 * InternalIP with the {@code access: private} annotation or when nodes have no external address)
 * and an SRV record per port ({@code _port._tcp.name 0 50 nodePort name}).
 */
public final class ServiceSource implements Source<Service> {
  public static final String KIND = "service";

  private final Set<String> typeFilter;
  private final boolean publishInternal;
  private final Extraction extraction;
  private final ClusterLookups lookups;

  /** What a Service's records depend on besides the Service: its EndpointSlices and the Nodes. */
  public interface ClusterLookups {
    /**
     * Addresses of the ready endpoints of a Service; with the endpoints-type annotation
     * {@code NodeExternalIP} the ExternalIP, or {@code HostIP} the InternalIP, of each endpoint's node.
     */
    List<String> readyAddresses(String namespace, String service, String endpointsType);

    /** Node addresses of a type: ExternalIP or InternalIP. */
    List<String> nodeAddresses(String type);

    ClusterLookups NONE = new ClusterLookups() {
      @Override
      public List<String> readyAddresses(String namespace, String service, String endpointsType) {
        return List.of();
      }

      @Override
      public List<String> nodeAddresses(String type) {
        return List.of();
      }
    };
  }

  /**
   * @param typeFilter --service-type-filter: the Service types to publish; empty for all
   * @param publishInternal --publish-internal-services
   * @param fqdnTemplate --fqdn-template, empty for none
   */
  public ServiceSource(Set<String> typeFilter, boolean publishInternal, String fqdnTemplate, ClusterLookups lookups) {
    this(new Extraction(ObjectFilter.ALL, Set.of(), typeFilter, publishInternal, new FqdnTemplate(fqdnTemplate), false,
        false, false, false, Extraction.GatewayFilter.ALL, EndpointProcessing.NONE), lookups);
  }

  /** --service-type-filter, --publish-internal-services, --fqdn-template, --ignore-hostname-annotation... */
  public ServiceSource(Extraction extraction, ClusterLookups lookups) {
    this.extraction = extraction;
    this.typeFilter = extraction.serviceTypeFilter();
    this.publishInternal = extraction.publishInternalServices();
    this.lookups = lookups;
  }

  public ServiceSource(Set<String> typeFilter, boolean publishInternal, String fqdnTemplate) {
    this(typeFilter, publishInternal, fqdnTemplate, ClusterLookups.NONE);
  }

  public ServiceSource(Set<String> typeFilter) {
    this(typeFilter, false, "");
  }

  /** True for Services whose records come from EndpointSlices. */
  public static boolean isHeadless(Service service) {
    return service.getSpec() != null && "None".equals(service.getSpec().getClusterIP());
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<Endpoint> endpoints(Service service) {
    String type = service.getSpec() == null || service.getSpec().getType() == null ? "ClusterIP" : service.getSpec().getType();
    if (!typeFilter.isEmpty() && !typeFilter.contains(type)) {
      return List.of();
    }
    Map<String, String> annotations = service.getMetadata().getAnnotations();
    String resource = refOf(service).resourceLabel();
    long ttl = SourceSupport.ttl(annotations, refOf(service));
    List<Endpoint> endpoints = new ArrayList<>();

    List<String> clusterIps = clusterIps(service);
    String ns = service.getMetadata().getNamespace();
    List<String> targets = switch (type) {
      case "LoadBalancer" -> loadBalancerTargets(service, annotations);
      case "ExternalName" -> service.getSpec().getExternalName() == null ? List.of() : List.of(service.getSpec().getExternalName());
      case "ClusterIP" -> isHeadless(service)
          ? lookups.readyAddresses(ns, service.getMetadata().getName(), Annotations.get(annotations, "endpoints-type").orElse(""))
          : publishInternal ? clusterIps : List.of();
      case "NodePort" -> nodeTargets(annotations);
      default -> List.of();
    };
    List<String> names = extraction.hostnames(extraction.annotatedHostnames(annotations), service, KIND);
    for (String host : SourceSupport.hostnames(names, refOf(service))) {
      if (type.equals("ExternalName")) {
        targets.forEach(t -> endpoints.add(new Endpoint(host, RecordTypes.CNAME, List.of(t), ttl, "",
            Map.of(Endpoint.LABEL_RESOURCE, resource), Map.of())));
      } else {
        endpoints.addAll(Targets.endpointsFor(host, targets, ttl, resource));
        if (type.equals("NodePort") && !targets.isEmpty()) {
          endpoints.addAll(srvRecords(service, host, ttl, resource));
        }
      }
    }

    for (String host : SourceSupport.hostnames(Annotations.list(annotations, Annotations.INTERNAL_HOSTNAME), refOf(service))) {
      endpoints.addAll(Targets.endpointsFor(host, clusterIps, ttl, resource));
    }
    return SourceSupport.decorate(endpoints, annotations);
  }

  private List<String> nodeTargets(Map<String, String> annotations) {
    String access = Annotations.get(annotations, "access").orElse("");
    if (access.equals("private")) {
      return lookups.nodeAddresses("InternalIP");
    }
    List<String> external = lookups.nodeAddresses("ExternalIP");
    return !external.isEmpty() || access.equals("public") ? external : lookups.nodeAddresses("InternalIP");
  }

  /**
   * ExternalDNS's SRV records of a NodePort Service: {@code _<service>._<protocol>.<host>}, each node
   * port as {@code 0 50 <port> <host>.}. Ports of one protocol share the name; ExternalDNS's planner
   * keeps one of them, dnsplane publishes them all in the record set.
   */
  private static List<Endpoint> srvRecords(Service service, String host, long ttl, String resource) {
    Map<String, List<String>> byProtocol = new java.util.TreeMap<>();
    for (var port : service.getSpec().getPorts() == null ? List.<io.fabric8.kubernetes.api.model.ServicePort>of()
        : service.getSpec().getPorts()) {
      if (port.getNodePort() == null || port.getNodePort() <= 0) {
        continue;
      }
      String protocol = port.getProtocol() == null || port.getProtocol().isBlank() ? "tcp"
          : port.getProtocol().toLowerCase(java.util.Locale.ROOT);
      byProtocol.computeIfAbsent(protocol, p -> new ArrayList<>()).add("0 50 " + port.getNodePort() + " " + host + ".");
    }
    List<Endpoint> srv = new ArrayList<>();
    byProtocol.forEach((protocol, targets) -> srv.add(new Endpoint("_" + service.getMetadata().getName() + "._" + protocol
        + "." + host, "SRV", targets, ttl, "", Map.of(Endpoint.LABEL_RESOURCE, resource), Map.of())));
    return srv;
  }

  private static List<String> loadBalancerTargets(Service service, Map<String, String> annotations) {
    List<String> targets = Annotations.list(annotations, Annotations.TARGET);
    if (!targets.isEmpty()) {
      return targets;
    }
    if (service.getSpec().getExternalIPs() != null && !service.getSpec().getExternalIPs().isEmpty()) {
      return List.copyOf(service.getSpec().getExternalIPs());
    }
    List<String> lb = new ArrayList<>();
    if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null
        && service.getStatus().getLoadBalancer().getIngress() != null) {
      for (LoadBalancerIngress ingress : service.getStatus().getLoadBalancer().getIngress()) {
        if (ingress.getIp() != null && !ingress.getIp().isBlank()) {
          lb.add(ingress.getIp().trim());
        }
        if (ingress.getHostname() != null && !ingress.getHostname().isBlank()) {
          lb.add(ingress.getHostname().trim());
        }
      }
    }
    return lb;
  }

  private static List<String> clusterIps(Service service) {
    if (service.getSpec() == null) {
      return List.of();
    }
    List<String> ips = new ArrayList<>();
    if (service.getSpec().getClusterIPs() != null) {
      ips.addAll(service.getSpec().getClusterIPs());
    } else if (service.getSpec().getClusterIP() != null) {
      ips.add(service.getSpec().getClusterIP());
    }
    ips.removeIf(ip -> ip == null || ip.isBlank() || ip.equals("None"));
    return ips;
  }
}
