package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
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
 * sources: the route's {@code spec.hostnames} (and its hostname annotation), narrowed by the
 * hostname of each parent Gateway listener it attaches to (a route without host names takes the
 * listener's); targets from the parent Gateway's target annotation, else its
 * {@code status.addresses}. Pure: Gateways come from a lookup (the Gateway informer's store).
 */
public final class GatewayRouteSource<R extends HasMetadata> implements Source<R> {
  private final String kind;
  private final Function<R, List<String>> hostnamesOf;
  private final Function<R, List<ParentReference>> parentsOf;
  private final BiFunction<String, String, Optional<Gateway>> gateways;

  private GatewayRouteSource(String kind, Function<R, List<String>> hostnamesOf, Function<R, List<ParentReference>> parentsOf,
      BiFunction<String, String, Optional<Gateway>> gateways) {
    this.kind = kind;
    this.hostnamesOf = hostnamesOf;
    this.parentsOf = parentsOf;
    this.gateways = gateways;
  }

  /** @param gateways namespace and name to Gateway */
  public static GatewayRouteSource<HTTPRoute> httpRoutes(BiFunction<String, String, Optional<Gateway>> gateways) {
    return new GatewayRouteSource<>("httproute", r -> r.getSpec() == null ? null : r.getSpec().getHostnames(),
        r -> r.getSpec() == null ? null : r.getSpec().getParentRefs(), gateways);
  }

  public static GatewayRouteSource<GRPCRoute> grpcRoutes(BiFunction<String, String, Optional<Gateway>> gateways) {
    return new GatewayRouteSource<>("grpcroute", r -> r.getSpec() == null ? null : r.getSpec().getHostnames(),
        r -> r.getSpec() == null ? null : r.getSpec().getParentRefs(), gateways);
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
    long ttl = SourceSupport.ttl(annotations, ref);
    List<String> routeHosts = new ArrayList<>();
    if (hostnamesOf.apply(route) != null) {
      routeHosts.addAll(hostnamesOf.apply(route));
    }
    Map<String, Set<String>> targetsByHost = new LinkedHashMap<>();
    for (ParentReference parent : parents(route)) {
      if (parent.getKind() != null && !parent.getKind().equals("Gateway")) {
        continue;
      }
      String ns = parent.getNamespace() == null ? route.getMetadata().getNamespace() : parent.getNamespace();
      Optional<Gateway> gateway = gateways.apply(ns, parent.getName());
      if (gateway.isEmpty()) {
        continue;
      }
      List<String> targets = gatewayTargets(gateway.get());
      for (String host : hostsThrough(gateway.get(), parent.getSectionName(), routeHosts)) {
        targetsByHost.computeIfAbsent(host, h -> new LinkedHashSet<>()).addAll(targets);
      }
      for (String host : Annotations.list(annotations, Annotations.HOSTNAME)) {
        targetsByHost.computeIfAbsent(host, h -> new LinkedHashSet<>()).addAll(targets);
      }
    }
    List<Endpoint> endpoints = new ArrayList<>();
    targetsByHost.forEach((raw, targets) -> SourceSupport.hostnames(List.of(raw), ref).forEach(host ->
        endpoints.addAll(Targets.endpointsFor(host, targets, ttl, ref.resourceLabel()))));
    return SourceSupport.decorate(endpoints, annotations);
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

  /** The route's host names each listener admits (or the listener's own host name when the route has none). */
  private static Set<String> hostsThrough(Gateway gateway, String sectionName, List<String> routeHosts) {
    Set<String> hosts = new LinkedHashSet<>();
    if (gateway.getSpec() == null || gateway.getSpec().getListeners() == null) {
      return hosts;
    }
    for (Listener listener : gateway.getSpec().getListeners()) {
      if (sectionName != null && !sectionName.equals(listener.getName())) {
        continue;
      }
      String listenerHost = listener.getHostname() == null ? "" : listener.getHostname().toLowerCase(Locale.ROOT);
      if (routeHosts.isEmpty()) {
        if (!listenerHost.isEmpty()) {
          hosts.add(listenerHost);
        }
        continue;
      }
      for (String routeHost : routeHosts) {
        narrowed(routeHost.toLowerCase(Locale.ROOT), listenerHost).ifPresent(hosts::add);
      }
    }
    return hosts;
  }

  /** The host name both the route and the listener match, wildcards included (Gateway API's rules). */
  static Optional<String> narrowed(String route, String listener) {
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
