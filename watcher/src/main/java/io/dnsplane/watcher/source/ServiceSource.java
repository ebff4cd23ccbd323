package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import io.dnsplane.model.RecordTypes;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * core/v1 Service to endpoints, as ExternalDNS's service source (source/service.go): the hostname
 * annotation (or --fqdn-template) of a LoadBalancer (spec.externalIPs, else
 * status.loadBalancer.ingress), an ExternalName Service (a CNAME to spec.externalName, or its
 * externalIPs), a headless Service (its endpoints from EndpointSlices, each pod with a host name at
 * {@code <hostname>.<name>} too), a NodePort Service (its nodes' addresses per the access annotation,
 * and SRV records {@code _<service>._<protocol>.<name>}) and, with --publish-internal-services, a
 * ClusterIP Service's cluster IPs; the target annotation gives any type its targets. The
 * internal-hostname annotation publishes the cluster IPs. Pure: the EndpointSlices and Nodes come
 * through {@link ClusterLookups}.
 */
public final class ServiceSource implements Source<Service> {
  public static final String KIND = "service";

  private final Extraction extraction;
  private final ClusterLookups lookups;

  /**
   * What a Service's records depend on besides the Service, read from the watcher's informers (or
   * a plan's manifests): its EndpointSlices and the Nodes.
   */
  public interface ClusterLookups {
    /** The EndpointSlices of a Service (labelled kubernetes.io/service-name). */
    List<EndpointSlice> endpointSlices(String namespace, String service);

    List<Node> nodes();

    /**
     * The addresses a host name resolves to (--resolve-service-load-balancer-hostname).
     *
     * @throws java.net.UnknownHostException when it resolves to none
     */
    List<String> addresses(String hostname) throws java.net.UnknownHostException;

    ClusterLookups NONE = of(List::of, List::of);

    /** The system resolver's answer, as ExternalDNS's net.LookupIP. */
    static List<String> systemAddresses(String hostname) throws java.net.UnknownHostException {
      return java.util.Arrays.stream(java.net.InetAddress.getAllByName(hostname))
          .map(java.net.InetAddress::getHostAddress).toList();
    }

    /** Lookups over everything the suppliers hold now; host names resolved by the system resolver. */
    static ClusterLookups of(Supplier<? extends Collection<EndpointSlice>> slices, Supplier<? extends Collection<Node>> nodes) {
      return of(slices, nodes, ClusterLookups::systemAddresses);
    }

    /** A resolver of host names to addresses. */
    interface Resolver {
      List<String> addresses(String hostname) throws java.net.UnknownHostException;
    }

    static ClusterLookups of(Supplier<? extends Collection<EndpointSlice>> slices, Supplier<? extends Collection<Node>> nodes,
        Resolver resolver) {
      return new ClusterLookups() {
        @Override
        public List<String> addresses(String hostname) throws java.net.UnknownHostException {
          return resolver.addresses(hostname);
        }

        @Override
        public List<EndpointSlice> endpointSlices(String namespace, String service) {
          return slices.get().stream().filter(s -> namespace.equals(s.getMetadata().getNamespace())
              && s.getMetadata().getLabels() != null
              && service.equals(s.getMetadata().getLabels().get(SERVICE_NAME_LABEL))).toList();
        }

        @Override
        public List<Node> nodes() {
          return List.copyOf(nodes.get());
        }
      };
    }
  }

  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  /**
   * @param typeFilter --service-type-filter: the Service types to publish; empty for all
   * @param publishInternal --publish-internal-services
   * @param fqdnTemplate --fqdn-template, empty for none
   */
  public ServiceSource(Set<String> typeFilter, boolean publishInternal, String fqdnTemplate, ClusterLookups lookups) {
    this(new Extraction(ObjectFilter.ALL, Set.of(), new Extraction.Services(typeFilter, publishInternal, false, true),
        new FqdnTemplate(fqdnTemplate), false, false, false, false, Extraction.GatewayFilter.ALL, EndpointProcessing.NONE, ""),
        lookups);
  }

  /** --service-type-filter, --publish-internal-services, --fqdn-template, --ignore-hostname-annotation... */
  public ServiceSource(Extraction extraction, ClusterLookups lookups) {
    this.extraction = extraction;
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
    Set<String> typeFilter = extraction.services().typeFilter();
    if (!typeFilter.isEmpty() && !typeFilter.contains(type)) {
      return List.of();
    }
    Map<String, String> annotations = service.getMetadata().getAnnotations();
    String resource = refOf(service).resourceLabel();
    long ttl = SourceSupport.ttl(annotations, refOf(service));
    List<Endpoint> endpoints = new ArrayList<>();

    List<String> clusterIps = clusterIps(service);
    String ns = service.getMetadata().getNamespace();
    // ExternalDNS: the target annotation gives the targets of any Service type.
    List<String> annotated = Annotations.list(annotations, Annotations.TARGET);
    boolean headless = type.equals("ClusterIP") && isHeadless(service) && annotated.isEmpty();
    List<String> targets = !annotated.isEmpty() ? annotated : switch (type) {
      case "LoadBalancer" -> loadBalancerTargets(service, extraction.services().resolveLoadBalancerHostname());
      case "ExternalName" -> service.getSpec().getExternalIPs() != null && !service.getSpec().getExternalIPs().isEmpty()
          ? List.copyOf(service.getSpec().getExternalIPs())
          : service.getSpec().getExternalName() == null ? List.of() : List.of(service.getSpec().getExternalName());
      case "ClusterIP" -> headless ? List.of() : extraction.services().publishInternal() ? clusterIps : List.of();
      case "NodePort" -> nodeTargets(service, annotations);
      default -> List.of();
    };
    List<String> names = extraction.hostnames(extraction.annotatedHostnames(annotations), service, KIND);
    for (String host : SourceSupport.hostnames(names, refOf(service))) {
      if (headless) {
        endpoints.addAll(headlessEndpoints(service, host, ttl, resource, annotations));
      } else if (type.equals("ExternalName") && annotated.isEmpty() && (service.getSpec().getExternalIPs() == null
          || service.getSpec().getExternalIPs().isEmpty())) {
        targets.forEach(t -> endpoints.add(new Endpoint(host, RecordTypes.CNAME, List.of(t), ttl, "",
            Map.of(Endpoint.LABEL_RESOURCE, resource), Map.of())));
      } else {
        endpoints.addAll(Targets.endpointsFor(host, targets, ttl, resource));
        if (type.equals("NodePort") && annotated.isEmpty() && !targets.isEmpty()) {
          endpoints.addAll(srvRecords(service, host, ttl, resource));
        }
      }
    }

    for (String host : SourceSupport.hostnames(Annotations.list(annotations, Annotations.INTERNAL_HOSTNAME), refOf(service))) {
      endpoints.addAll(Targets.endpointsFor(host, clusterIps, ttl, resource));
    }
    return SourceSupport.decorate(endpoints, annotations);
  }

  /**
   * ExternalDNS's headless Service records: the addresses of its endpoints (ready ones, or all with
   * publishNotReadyAddresses or --always-publish-not-ready-addresses) at the Service's name, and
   * each endpoint that has a host name (a StatefulSet's pods) at {@code <hostname>.<name>} too; with
   * the endpoints-type annotation NodeExternalIP or HostIP the addresses of the endpoints' nodes.
   * ExternalDNS reads a pod's spec.hostname; the EndpointSlice carries it for pods whose subdomain
   * is the Service (as a StatefulSet's are), so dnsplane needs no Pod informer.
   */
  private List<Endpoint> headlessEndpoints(Service service, String host, long ttl, String resource,
      Map<String, String> annotations) {
    boolean notReadyToo = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses())
        || extraction.services().alwaysPublishNotReadyAddresses();
    String endpointsType = Annotations.get(annotations, "endpoints-type").orElse("");
    Map<String, List<String>> byName = new java.util.TreeMap<>();
    for (EndpointSlice slice : lookups.endpointSlices(service.getMetadata().getNamespace(), service.getMetadata().getName())) {
      if (slice.getEndpoints() == null) {
        continue;
      }
      for (var e : slice.getEndpoints()) {
        boolean ready = e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady());
        if (!ready && !notReadyToo) {
          continue;
        }
        List<String> addresses = switch (endpointsType) {
          case "NodeExternalIP" -> nodeAddresses(e.getNodeName(), "ExternalIP");
          case "HostIP" -> nodeAddresses(e.getNodeName(), "InternalIP");
          default -> e.getAddresses() == null ? List.of() : e.getAddresses();
        };
        byName.computeIfAbsent(host, n -> new ArrayList<>()).addAll(addresses);
        if (e.getHostname() != null && !e.getHostname().isBlank()) {
          byName.computeIfAbsent(e.getHostname() + "." + host, n -> new ArrayList<>()).addAll(addresses);
        }
      }
    }
    List<Endpoint> out = new ArrayList<>();
    byName.forEach((name, addresses) -> out.addAll(Targets.endpointsFor(name, new java.util.LinkedHashSet<>(addresses),
        ttl, resource)));
    return out;
  }

  private List<String> nodeAddresses(String nodeName, String type) {
    return lookups.nodes().stream().filter(n -> n.getMetadata().getName().equals(nodeName))
        .flatMap(n -> addressesOf(n, type).stream()).toList();
  }

  /** ExternalDNS's --expose-internal-ipv6: the internal IPv6 addresses beside the external ones. */
  static List<String> withInternalIpv6(List<String> external, List<String> internal, boolean expose) {
    if (!expose) {
      return external;
    }
    List<String> out = new ArrayList<>(external);
    internal.stream().filter(Targets::isIpv6).forEach(out::add);
    return out;
  }

  private static List<String> addressesOf(Node node, String type) {
    if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
      return List.of();
    }
    return node.getStatus().getAddresses().stream().filter(a -> type.equals(a.getType())).map(a -> a.getAddress()).toList();
  }

  /**
   * ExternalDNS's NodePort targets: the nodes' ExternalIPs, or InternalIPs with the access: private
   * annotation or when no node has an external one; only nodes running the Service's endpoints with
   * externalTrafficPolicy: Local; cordoned nodes left out with --exclude-unschedulable.
   */
  private List<String> nodeTargets(Service service, Map<String, String> annotations) {
    List<Node> nodes = lookups.nodes();
    if ("Local".equals(service.getSpec().getExternalTrafficPolicy())) {
      Set<String> serving = new java.util.HashSet<>();
      lookups.endpointSlices(service.getMetadata().getNamespace(), service.getMetadata().getName()).stream()
          .filter(s -> s.getEndpoints() != null).flatMap(s -> s.getEndpoints().stream())
          .filter(e -> e.getNodeName() != null).forEach(e -> serving.add(e.getNodeName()));
      nodes = nodes.stream().filter(n -> serving.contains(n.getMetadata().getName())).toList();
    }
    if (extraction.services().excludeUnschedulable()) {
      nodes = nodes.stream().filter(n -> n.getSpec() == null || !Boolean.TRUE.equals(n.getSpec().getUnschedulable())).toList();
    }
    List<String> external = nodes.stream().flatMap(n -> addressesOf(n, "ExternalIP").stream()).toList();
    List<String> internal = nodes.stream().flatMap(n -> addressesOf(n, "InternalIP").stream()).toList();
    String access = Annotations.get(annotations, "access").orElse("");
    if (access.equals("private")) {
      return internal;
    }
    if (!external.isEmpty() || access.equals("public")) {
      return withInternalIpv6(external, internal, extraction.services().exposeInternalIpv6());
    }
    return internal;
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

  /** ExternalDNS's extractLoadBalancerTargets: a host name that does not resolve is reported and skipped. */
  private List<String> loadBalancerTargets(Service service, boolean resolveHostnames) {
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
          String hostname = ingress.getHostname().trim();
          if (!resolveHostnames) {
            lb.add(hostname);
            continue;
          }
          try {
            lb.addAll(lookups.addresses(hostname));
          } catch (java.net.UnknownHostException e) {
            ExtractionProblems.report("load balancer host name " + hostname + " does not resolve: " + e.getMessage());
          }
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
