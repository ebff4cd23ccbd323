package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
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

/**
 * Gateway API HTTPRoute to endpoints, as ExternalDNS's gateway-httproute source: the route's
 * {@code spec.hostnames} (and its hostname annotation), narrowed by the hostname of each parent
 * Gateway listener it attaches to (a route without host names takes the listener's); targets from
 * the parent Gateway's target annotation, else its {@code status.addresses}. Pure: Gateways come
 * from a lookup (the Gateway informer's store).
 */
public final class HttpRouteSource implements Source<HTTPRoute> {
  public static final String KIND = "httproute";

  private final BiFunction<String, String, Optional<Gateway>> gateways;

  /** @param gateways namespace and name to Gateway */
  public HttpRouteSource(BiFunction<String, String, Optional<Gateway>> gateways) {
    this.gateways = gateways;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The (namespace, name) of every Gateway a route attaches to. */
  public static List<String[]> parentGateways(HTTPRoute route) {
    List<String[]> parents = new ArrayList<>();
    if (route.getSpec() == null || route.getSpec().getParentRefs() == null) {
      return parents;
    }
    for (ParentReference ref : route.getSpec().getParentRefs()) {
      if (ref.getKind() != null && !ref.getKind().equals("Gateway")) {
        continue;
      }
      String ns = ref.getNamespace() == null ? route.getMetadata().getNamespace() : ref.getNamespace();
      parents.add(new String[] {ns, ref.getName()});
    }
    return parents;
  }

  @Override
  public List<Endpoint> endpoints(HTTPRoute route) {
    ObjectRef ref = refOf(route);
    Map<String, String> annotations = route.getMetadata().getAnnotations();
    long ttl = SourceSupport.ttl(annotations, ref);
    List<String> routeHosts = new ArrayList<>();
    if (route.getSpec() != null && route.getSpec().getHostnames() != null) {
      routeHosts.addAll(route.getSpec().getHostnames());
    }
    Map<String, Set<String>> targetsByHost = new LinkedHashMap<>();
    for (ParentReference parent : route.getSpec() == null || route.getSpec().getParentRefs() == null
        ? List.<ParentReference>of() : route.getSpec().getParentRefs()) {
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
