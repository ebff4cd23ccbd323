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
 * ({@code {{.Name}}}, {@code {{.Namespace}}}). Headless Services and NodePort addresses need
 * EndpointSlices and Nodes, which this source does not watch yet.
 */
public final class ServiceSource implements Source<Service> {
  public static final String KIND = "service";

  private final Set<String> typeFilter;
  private final boolean publishInternal;
  private final String fqdnTemplate;

  /**
   * @param typeFilter --service-type-filter: the Service types to publish; empty for all
   * @param publishInternal --publish-internal-services
   * @param fqdnTemplate --fqdn-template, empty for none
   */
  public ServiceSource(Set<String> typeFilter, boolean publishInternal, String fqdnTemplate) {
    this.typeFilter = Set.copyOf(typeFilter);
    this.publishInternal = publishInternal;
    this.fqdnTemplate = fqdnTemplate == null ? "" : fqdnTemplate;
  }

  public ServiceSource(Set<String> typeFilter) {
    this(typeFilter, false, "");
  }

  /** ExternalDNS's --fqdn-template for the fields it can hold here: one or more comma-separated names. */
  static List<String> fromTemplate(String template, String name, String namespace) {
    if (template.isBlank()) {
      return List.of();
    }
    String filled = template.replaceAll("\\{\\{\\s*\\.Name\\s*}}", name)
        .replaceAll("\\{\\{\\s*\\.Namespace\\s*}}", namespace);
    if (filled.contains("{{")) {
      throw new IllegalArgumentException("--fqdn-template supports {{.Name}} and {{.Namespace}} only: " + template);
    }
    List<String> names = new ArrayList<>();
    for (String n : filled.split(",")) {
      if (!n.isBlank()) {
        names.add(n.trim());
      }
    }
    return names;
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
    List<String> targets = switch (type) {
      case "LoadBalancer" -> loadBalancerTargets(service, annotations);
      case "ExternalName" -> service.getSpec().getExternalName() == null ? List.of() : List.of(service.getSpec().getExternalName());
      case "ClusterIP" -> publishInternal ? clusterIps : List.of();
      default -> List.of();
    };
    List<String> names = Annotations.list(annotations, Annotations.HOSTNAME);
    if (names.isEmpty()) {
      names = fromTemplate(fqdnTemplate, service.getMetadata().getName(), service.getMetadata().getNamespace());
    }
    for (String host : SourceSupport.hostnames(names, refOf(service))) {
      if (type.equals("ExternalName")) {
        targets.forEach(t -> endpoints.add(new Endpoint(host, RecordTypes.CNAME, List.of(t), ttl, "",
            Map.of(Endpoint.LABEL_RESOURCE, resource), Map.of())));
      } else {
        endpoints.addAll(Targets.endpointsFor(host, targets, ttl, resource));
      }
    }

    for (String host : SourceSupport.hostnames(Annotations.list(annotations, Annotations.INTERNAL_HOSTNAME), refOf(service))) {
      endpoints.addAll(Targets.endpointsFor(host, clusterIps, ttl, resource));
    }
    return SourceSupport.decorate(endpoints, annotations);
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
