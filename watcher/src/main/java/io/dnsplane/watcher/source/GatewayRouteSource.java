package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TCPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.UDPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Gateway API routes to endpoints, as ExternalDNS's gateway-httproute and gateway-grpcroute
 * sources (source/gateway.go). Only parents that admit the route count: a parent in the route's
 * {@code status.parents} that is one of its {@code spec.parentRefs}, whose Accepted condition is True
 * for the route's generation, and a listener of that parent's section and port, speaking HTTP(S), that
 * allows routes of the route's namespace and kind ({@link RouteAdmission}). The route's
 * {@code spec.hostnames} and hostname annotation are narrowed by each such listener's hostname (a
 * route without host names takes the listener's); targets come from the Gateway's target
 * annotation, else its {@code status.addresses}. A route no parent admits gets no DNS, and its
 * problems say why. Pure: Gateways and namespace labels come from lookups (informer stores).
 */
public final class GatewayRouteSource<R extends HasMetadata> implements Source<R> {
  private final String kind;
  private final String routeKind;
  private final Function<R, List<String>> hostnamesOf;
  private final Function<R, List<ParentReference>> parentsOf;
  private final Function<R, List<RouteParentStatus>> statusOf;
  private final BiFunction<String, String, Optional<Gateway>> gateways;
  private final Function<String, Optional<Map<String, String>>> namespaceLabels;
  private final Extraction extraction;

  private GatewayRouteSource(String kind, String routeKind, Function<R, List<String>> hostnamesOf,
      Function<R, List<ParentReference>> parentsOf, Function<R, List<RouteParentStatus>> statusOf,
      BiFunction<String, String, Optional<Gateway>> gateways, Function<String, Optional<Map<String, String>>> namespaceLabels,
      Extraction extraction) {
    this.extraction = extraction;
    this.kind = kind;
    this.routeKind = routeKind;
    this.hostnamesOf = hostnamesOf;
    this.parentsOf = parentsOf;
    this.statusOf = statusOf;
    // --gateway-name, --gateway-namespace, --gateway-label-filter: other Gateways' routes get no records.
    this.gateways = (ns, name) -> gateways.apply(ns, name).filter(extraction.gateways()::admits);
    this.namespaceLabels = namespaceLabels;
  }

  /**
   * @param gateways namespace and name to Gateway
   * @param namespaceLabels a namespace's labels, for listeners that select route namespaces by label
   */
  public static GatewayRouteSource<HTTPRoute> httpRoutes(BiFunction<String, String, Optional<Gateway>> gateways,
      Function<String, Optional<Map<String, String>>> namespaceLabels, Extraction extraction) {
    return new GatewayRouteSource<>("httproute", "HTTPRoute", r -> r.getSpec() == null ? null : r.getSpec().getHostnames(),
        r -> r.getSpec() == null ? null : r.getSpec().getParentRefs(),
        r -> r.getStatus() == null ? null : r.getStatus().getParents(), gateways, namespaceLabels, extraction);
  }

  public static GatewayRouteSource<GRPCRoute> grpcRoutes(BiFunction<String, String, Optional<Gateway>> gateways,
      Function<String, Optional<Map<String, String>>> namespaceLabels, Extraction extraction) {
    return new GatewayRouteSource<>("grpcroute", "GRPCRoute", r -> r.getSpec() == null ? null : r.getSpec().getHostnames(),
        r -> r.getSpec() == null ? null : r.getSpec().getParentRefs(),
        r -> r.getStatus() == null ? null : r.getStatus().getParents(), gateways, namespaceLabels, extraction);
  }

  /** TLSRoutes (gateway.networking.k8s.io/v1, as ExternalDNS v0.22 reads them): host names, TLS listeners. */
  public static GatewayRouteSource<TLSRoute> tlsRoutes(BiFunction<String, String, Optional<Gateway>> gateways,
      Function<String, Optional<Map<String, String>>> namespaceLabels, Extraction extraction) {
    return new GatewayRouteSource<>("tlsroute", "TLSRoute", r -> r.getSpec() == null ? null : r.getSpec().getHostnames(),
        r -> r.getSpec() == null ? null : r.getSpec().getParentRefs(),
        r -> r.getStatus() == null ? null : r.getStatus().getParents(), gateways, namespaceLabels, extraction);
  }

  /** TCPRoutes: no host names of their own (the annotation's, or the listeners'), TCP or TLS listeners. */
  public static GatewayRouteSource<TCPRoute> tcpRoutes(BiFunction<String, String, Optional<Gateway>> gateways,
      Function<String, Optional<Map<String, String>>> namespaceLabels, Extraction extraction) {
    return new GatewayRouteSource<>("tcproute", "TCPRoute", r -> null,
        r -> r.getSpec() == null ? null : r.getSpec().getParentRefs(),
        r -> r.getStatus() == null ? null : r.getStatus().getParents(), gateways, namespaceLabels, extraction);
  }

  /** UDPRoutes: no host names of their own, UDP listeners. */
  public static GatewayRouteSource<UDPRoute> udpRoutes(BiFunction<String, String, Optional<Gateway>> gateways,
      Function<String, Optional<Map<String, String>>> namespaceLabels, Extraction extraction) {
    return new GatewayRouteSource<>("udproute", "UDPRoute", r -> null,
        r -> r.getSpec() == null ? null : r.getSpec().getParentRefs(),
        r -> r.getStatus() == null ? null : r.getStatus().getParents(), gateways, namespaceLabels, extraction);
  }

  public static GatewayRouteSource<HTTPRoute> httpRoutes(BiFunction<String, String, Optional<Gateway>> gateways,
      Function<String, Optional<Map<String, String>>> namespaceLabels) {
    return httpRoutes(gateways, namespaceLabels, Extraction.DEFAULT);
  }

  public static GatewayRouteSource<GRPCRoute> grpcRoutes(BiFunction<String, String, Optional<Gateway>> gateways,
      Function<String, Optional<Map<String, String>>> namespaceLabels) {
    return grpcRoutes(gateways, namespaceLabels, Extraction.DEFAULT);
  }

  /** Without namespace labels: listeners that select namespaces by label admit nothing. */
  public static GatewayRouteSource<HTTPRoute> httpRoutes(BiFunction<String, String, Optional<Gateway>> gateways) {
    return httpRoutes(gateways, ns -> Optional.empty());
  }

  public static GatewayRouteSource<GRPCRoute> grpcRoutes(BiFunction<String, String, Optional<Gateway>> gateways) {
    return grpcRoutes(gateways, ns -> Optional.empty());
  }

  @Override
  public String kind() {
    return kind;
  }

  private List<ParentReference> parents(R route) {
    List<ParentReference> parents = parentsOf.apply(route);
    return parents == null ? List.of() : parents;
  }

  /** The (namespace, name) of every Gateway a route attaches to. */
  public List<String[]> parentGateways(R route) {
    List<String[]> parents = new ArrayList<>();
    for (ParentReference ref : parents(route)) {
      if (ref.getKind() != null && !ref.getKind().equals("Gateway")) {
        continue;
      }
      String ns = ref.getNamespace() == null ? route.getMetadata().getNamespace() : ref.getNamespace();
      parents.add(new String[] {ns, ref.getName()});
    }
    return parents;
  }

  @Override
  public List<Endpoint> endpoints(R route) {
    ObjectRef ref = refOf(route);
    Map<String, String> annotations = route.getMetadata().getAnnotations();
    String namespace = route.getMetadata().getNamespace();
    long ttl = SourceSupport.ttl(annotations, ref);
    List<String> specHosts = hostnamesOf.apply(route) == null ? List.of() : hostnamesOf.apply(route);
    List<String> own = new ArrayList<>(specHosts);
    own.addAll(extraction.annotatedHostnames(annotations));
    List<String> hosts = new ArrayList<>(extraction.hostnames(own, route, kind));
    if (specHosts.isEmpty()) {
      hosts.add(""); // the listeners' own host names
    }
    List<RouteParentStatus> statuses = statusOf.apply(route) == null ? List.of() : statusOf.apply(route);
    if (statuses.isEmpty() && !parents(route).isEmpty()) {
      ExtractionProblems.report("no Gateway has accepted it yet (its status names no parent)");
    }
    Map<String, Set<String>> targetsByHost = new LinkedHashMap<>();
    for (RouteParentStatus status : statuses) {
      ParentReference parent = status.getParentRef();
      if (parent == null || !RouteAdmission.isGateway(parent)
          || parents(route).stream().noneMatch(p -> RouteAdmission.sameParent(p, parent, namespace))) {
        continue;
      }
      String gwNamespace = RouteAdmission.orDefault(parent.getNamespace(), namespace);
      String gwName = "Gateway " + gwNamespace + "/" + parent.getName();
      Optional<Gateway> gateway = gateways.apply(gwNamespace, parent.getName());
      if (gateway.isEmpty()) {
        continue;
      }
      Optional<String> notAccepted = RouteAdmission.notAccepted(status.getConditions(), route.getMetadata().getGeneration());
      if (notAccepted.isPresent()) {
        ExtractionProblems.report(gwName + ": " + notAccepted.get());
        continue;
      }
      List<String> refusals = new ArrayList<>();
      boolean admitted = false;
      List<String> targets = gatewayTargets(gateway.get());
      for (Listener listener : listeners(gateway.get(), parent.getSectionName())) {
        Optional<String> refusal = RouteAdmission.refusal(gateway.get(), listener, parent, routeKind, namespace,
            namespaceLabels);
        if (refusal.isPresent()) {
          refusals.add(refusal.get());
          continue;
        }
        String listenerHost = listener.getHostname() == null ? "" : listener.getHostname().toLowerCase(Locale.ROOT);
        for (String host : hosts) {
          if (host.isEmpty() && listenerHost.isEmpty()) {
            continue;
          }
          Optional<String> matched = narrowed(host.toLowerCase(Locale.ROOT), listenerHost);
          if (matched.isPresent()) {
            targetsByHost.computeIfAbsent(matched.get(), h -> new LinkedHashSet<>()).addAll(targets);
            admitted = true;
          } else {
            refusals.add("listener " + listener.getName() + " serves " + listenerHost + ", not " + host);
          }
        }
      }
      if (!admitted) {
        ExtractionProblems.report(gwName + " admits it on no listener"
            + (parent.getSectionName() == null ? "" : " named " + parent.getSectionName())
            + (refusals.isEmpty() ? "" : ": " + String.join("; ", new LinkedHashSet<>(refusals))));
      }
    }
    List<Endpoint> endpoints = new ArrayList<>();
    targetsByHost.forEach((raw, targets) -> SourceSupport.hostnames(List.of(raw), ref).forEach(host ->
        endpoints.addAll(Targets.endpointsFor(host, targets, ttl, ref.resourceLabel()))));
    return SourceSupport.decorate(endpoints, annotations);
  }

  private static List<Listener> listeners(Gateway gateway, String sectionName) {
    if (gateway.getSpec() == null || gateway.getSpec().getListeners() == null) {
      return List.of();
    }
    return gateway.getSpec().getListeners().stream()
        .filter(l -> sectionName == null || sectionName.isEmpty() || sectionName.equals(l.getName())).toList();
  }

  private static List<String> gatewayTargets(Gateway gateway) {
    List<String> targets = Annotations.list(gateway.getMetadata().getAnnotations(), Annotations.TARGET);
    if (!targets.isEmpty() || gateway.getStatus() == null || gateway.getStatus().getAddresses() == null) {
      return targets;
    }
    List<String> addresses = new ArrayList<>();
    for (GatewayStatusAddress address : gateway.getStatus().getAddresses()) {
      if (address.getValue() != null && !address.getValue().isBlank()) {
        addresses.add(address.getValue().trim());
      }
    }
    return addresses;
  }

  /** The host name both the route and the listener match, wildcards included (Gateway API's rules). */
  static Optional<String> narrowed(String route, String listener) {
    if (route.isEmpty()) {
      return Optional.of(listener);
    }
    if (listener.isEmpty() || route.equals(listener)) {
      return Optional.of(route);
    }
    if (listener.startsWith("*.") && !route.startsWith("*.") && route.endsWith(listener.substring(1))) {
      return Optional.of(route);
    }
    if (route.startsWith("*.") && !listener.startsWith("*.") && listener.endsWith(route.substring(1))) {
      return Optional.of(listener);
    }
    return Optional.empty();
  }
}
