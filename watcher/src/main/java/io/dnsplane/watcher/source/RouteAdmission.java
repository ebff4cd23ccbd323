package io.dnsplane.watcher.source;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a Gateway admits a route, as ExternalDNS decides it (source/gateway.go): the parent's
 * status says the Gateway accepted the route's current generation, and a listener of the parent's
 * section and port, of a matching protocol, allows routes of the route's namespace
 * ({@code allowedRoutes.namespaces.from}: Same, the default; All; Selector on the namespace's labels)
 * and kind. Pure; every refusal says why.
 */
final class RouteAdmission {
  static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

  private RouteAdmission() {}

  /** A route's parent reference names this Gateway (group, kind, namespace, name; section and port aside). */
  static boolean sameParent(ParentReference a, ParentReference b, String routeNamespace) {
    return orDefault(a.getGroup(), GATEWAY_GROUP).equals(orDefault(b.getGroup(), GATEWAY_GROUP))
        && orDefault(a.getKind(), "Gateway").equals(orDefault(b.getKind(), "Gateway"))
        && orDefault(a.getNamespace(), routeNamespace).equals(orDefault(b.getNamespace(), routeNamespace))
        && Objects.equals(a.getName(), b.getName());
  }

  static boolean isGateway(ParentReference ref) {
    return orDefault(ref.getGroup(), GATEWAY_GROUP).equals(GATEWAY_GROUP) && orDefault(ref.getKind(), "Gateway").equals("Gateway");
  }

  /** Accepted=True for the route's current generation (where both generations are known). */
  static Optional<String> notAccepted(List<Condition> conditions, Long generation) {
    for (Condition c : conditions == null ? List.<Condition>of() : conditions) {
      if ("Accepted".equals(c.getType())) {
        if (!"True".equals(c.getStatus())) {
          return Optional.of("it is not accepted (" + orDefault(c.getReason(), "Accepted=" + c.getStatus())
              + (c.getMessage() == null || c.getMessage().isBlank() ? "" : ": " + c.getMessage()) + ")");
        }
        if (generation != null && c.getObservedGeneration() != null && !generation.equals(c.getObservedGeneration())) {
          return Optional.of("it has accepted generation " + c.getObservedGeneration() + ", not the current "
              + generation + " yet");
        }
        return Optional.empty();
      }
    }
    return Optional.of("it has not accepted the route yet (no Accepted condition)");
  }

  /**
   * Why {@code listener} does not take the route, or empty when it does.
   *
   * @param namespaceLabels the labels of a namespace, for {@code from: Selector}
   */
  /** The protocol a route kind is served over, as ExternalDNS's routes give it (Protocol()). */
  static String protocolOf(String routeKind) {
    return switch (routeKind) {
      case "TLSRoute" -> "TLS";
      case "TCPRoute" -> "TCP";
      case "UDPRoute" -> "UDP";
      default -> "HTTP";
    };
  }

  /** ExternalDNS's gwProtocolMatches: HTTPS is HTTP, and a TLS listener takes TCP routes. */
  static boolean protocolMatches(String route, String listener) {
    String l = listener.equals("HTTPS") ? "HTTP" : listener;
    if (route.equals("TCP") && l.equals("TLS")) {
      l = "TCP";
    }
    return route.equals(l);
  }

  static Optional<String> refusal(Gateway gateway, Listener listener, ParentReference ref, String routeKind,
      String routeNamespace, java.util.function.Function<String, Optional<Map<String, String>>> namespaceLabels) {
    String name = "listener " + listener.getName();
    String protocol = orDefault(listener.getProtocol(), "").toUpperCase(Locale.ROOT);
    String wanted = protocolOf(routeKind);
    if (!protocolMatches(wanted, protocol)) {
      return Optional.of(name + " speaks " + protocol + ", not " + wanted);
    }
    if (ref.getPort() != null && !ref.getPort().equals(listener.getPort())) {
      return Optional.of(name + " listens on port " + listener.getPort() + ", not " + ref.getPort());
    }
    AllowedRoutes allowed = listener.getAllowedRoutes();
    String from = allowed == null || allowed.getNamespaces() == null || allowed.getNamespaces().getFrom() == null
        ? "Same" : allowed.getNamespaces().getFrom();
    String gatewayNamespace = gateway.getMetadata().getNamespace();
    switch (from) {
      case "All" -> { }
      case "Same" -> {
        if (!routeNamespace.equals(gatewayNamespace)) {
          return Optional.of(name + " allows routes from namespace " + gatewayNamespace + " only (allowedRoutes"
              + " from: Same), not from " + routeNamespace);
        }
      }
      case "Selector" -> {
        LabelSelector selector = allowed.getNamespaces().getSelector();
        Optional<Map<String, String>> labels = namespaceLabels.apply(routeNamespace);
        if (labels.isEmpty()) {
          return Optional.of(name + " selects namespaces by label, and namespace " + routeNamespace + " is not known");
        }
        if (!matches(selector, labels.get())) {
          return Optional.of(name + " allows routes from namespaces matching its selector, and " + routeNamespace
              + " does not match");
        }
      }
      default -> {
        return Optional.of(name + " has an unknown allowedRoutes.namespaces.from: " + from);
      }
    }
    List<RouteGroupKind> kinds = allowed == null || allowed.getKinds() == null ? List.of() : allowed.getKinds();
    if (!kinds.isEmpty() && kinds.stream().noneMatch(k -> orDefault(k.getGroup(), GATEWAY_GROUP).equals(GATEWAY_GROUP)
        && routeKind.equalsIgnoreCase(k.getKind()))) {
      return Optional.of(name + " allows route kinds " + kinds.stream().map(RouteGroupKind::getKind).toList()
          + ", not " + routeKind);
    }
    return Optional.empty();
  }

  /** Kubernetes label selector semantics: every matchLabels entry and every matchExpressions requirement. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    if (selector.getMatchLabels() != null
        && !selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    for (LabelSelectorRequirement r : selector.getMatchExpressions() == null ? List.<LabelSelectorRequirement>of()
        : selector.getMatchExpressions()) {
      String value = labels.get(r.getKey());
      List<String> values = r.getValues() == null ? List.of() : r.getValues();
      boolean ok = switch (r.getOperator()) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> labels.containsKey(r.getKey());
        case "DoesNotExist" -> !labels.containsKey(r.getKey());
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
