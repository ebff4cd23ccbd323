package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Routes to endpoints, and which parents admit a route, as ExternalDNS's gateway source decides
 * (source/gateway_httproute_test.go's cases: accepted status, allowedRoutes namespaces and kinds,
 * section names, ports, listener host names).
 */
class GatewayRouteSourceTest {
  record Case(String name, Gateway gateway, HTTPRoute route, List<String> expected, String problem) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Listener listener(String name, String host, UnaryOperator<ListenerBuilder> edit) {
    return edit.apply(new ListenerBuilder().withName(name).withPort(80).withProtocol("HTTP").withHostname(host)).build();
  }

  static Listener listener(String host) {
    return listener("http", host, l -> l);
  }

  static Gateway gateway(Map<String, String> annotations, List<Listener> listeners, String... addresses) {
    GatewayBuilder b = new GatewayBuilder().withNewMetadata().withName("web-gw").withNamespace("default")
        .withAnnotations(annotations).endMetadata()
        .withNewSpec().withGatewayClassName("example").withListeners(listeners).endSpec().withNewStatus().endStatus();
    for (String a : addresses) {
      b.editStatus().addNewAddress().withType("IPAddress").withValue(a).endAddress().endStatus();
    }
    return b.build();
  }

  static Gateway gateway(Map<String, String> annotations, String listenerHost, String... addresses) {
    return gateway(annotations, List.of(listener(listenerHost)), addresses);
  }

  /** A route in {@code namespace}, attached to default/web-gw, accepted by it unless {@code accepted} says otherwise. */
  static HTTPRouteBuilder routeIn(String namespace, Map<String, String> annotations, String accepted, String... hostnames) {
    HTTPRouteBuilder b = new HTTPRouteBuilder().withNewMetadata().withName("web").withNamespace(namespace)
        .withGeneration(2L).withAnnotations(annotations).endMetadata().withNewSpec().withHostnames(hostnames)
        .addNewParentRef().withName("web-gw").withNamespace("default").endParentRef().endSpec();
    if (accepted != null) {
      b.withNewStatus().addNewParent().withControllerName("example.com/gateway").withNewParentRef().withName("web-gw")
          .withNamespace("default").endParentRef().withConditions(new ConditionBuilder().withType("Accepted")
              .withStatus(accepted).withReason(accepted.equals("True") ? "Accepted" : "NotAllowedByListeners")
              .withObservedGeneration(2L).build()).endParent().endStatus();
    }
    return b;
  }

  static HTTPRoute route(Map<String, String> annotations, String... hostnames) {
    return routeIn("default", annotations, "True", hostnames).build();
  }

  static Stream<Case> cases() {
    Gateway plain = gateway(Map.of(), (String) null, "192.0.2.50");
    return Stream.of(
        new Case("route host names with the Gateway's addresses", plain, route(Map.of(), "web.example.com"),
            List.of("web.example.com A 192.0.2.50"), null),
        new Case("the Gateway's target annotation wins over its addresses",
            gateway(Map.of("external-dns.kubernetes.io/target", "lb.example.net"), (String) null, "192.0.2.50"),
            route(Map.of(), "web.example.com"), List.of("web.example.com CNAME lb.example.net"), null),
        new Case("a listener host name narrows the route's", gateway(Map.of(), "*.example.com", "192.0.2.50"),
            route(Map.of(), "web.example.com", "web.example.org"), List.of("web.example.com A 192.0.2.50"), null),
        new Case("a route without host names takes the listener's", gateway(Map.of(), "shop.example.com", "192.0.2.50"),
            route(Map.of()), List.of("shop.example.com A 192.0.2.50"), null),
        new Case("a wildcard route takes the listener's exact name", gateway(Map.of(), "api.example.com", "192.0.2.50"),
            route(Map.of(), "*.example.com"), List.of("api.example.com A 192.0.2.50"), null),
        new Case("the hostname annotation adds names", plain,
            route(Map.of("external-dns.kubernetes.io/hostname", "alias.example.com"), "web.example.com"),
            List.of("web.example.com A 192.0.2.50", "alias.example.com A 192.0.2.50"), null),
        new Case("the hostname annotation is narrowed by the listener too", gateway(Map.of(), "*.example.com", "192.0.2.50"),
            route(Map.of("external-dns.kubernetes.io/hostname", "alias.example.org"), "web.example.com"),
            List.of("web.example.com A 192.0.2.50"), null),
        new Case("a Gateway without addresses yet publishes nothing", gateway(Map.of(), (String) null),
            route(Map.of(), "web.example.com"), List.of(), null),
        new Case("no status: no gateway controller accepted it", plain,
            routeIn("default", Map.of(), null, "web.example.com").build(), List.of(), "no Gateway has accepted it yet"),
        new Case("a parent that refused it", plain, routeIn("default", Map.of(), "False", "web.example.com").build(),
            List.of(), "Gateway default/web-gw: it is not accepted (NotAllowedByListeners)"),
        new Case("accepted for an older generation", plain, routeIn("default", Map.of(), "True", "web.example.com")
            .editMetadata().withGeneration(3L).endMetadata().build(), List.of(), "accepted generation 2, not the current 3"),
        new Case("a status parent the spec no longer names", plain, routeIn("default", Map.of(), "True", "web.example.com")
            .editSpec().editFirstParentRef().withName("other-gw").endParentRef().endSpec().build(), List.of(), null),
        new Case("allowedRoutes from Same (the default) refuses another namespace", plain,
            routeIn("team-b", Map.of(), "True", "web.example.com").build(), List.of(),
            "listener http allows routes from namespace default only (allowedRoutes from: Same), not from team-b"),
        new Case("allowedRoutes from All admits any namespace",
            gateway(Map.of(), List.of(listener("http", null, l -> l.withNewAllowedRoutes().withNewNamespaces()
                .withFrom("All").endNamespaces().endAllowedRoutes())), "192.0.2.50"),
            routeIn("team-b", Map.of(), "True", "web.example.com").build(), List.of("web.example.com A 192.0.2.50"), null),
        new Case("allowedRoutes from Selector admits a namespace with the labels",
            gateway(Map.of(), List.of(listener("http", null, l -> l.withNewAllowedRoutes().withNewNamespaces()
                .withFrom("Selector").withSelector(new LabelSelectorBuilder().addToMatchLabels("gateway", "shared").build())
                .endNamespaces().endAllowedRoutes())), "192.0.2.50"),
            routeIn("team-b", Map.of(), "True", "web.example.com").build(), List.of("web.example.com A 192.0.2.50"), null),
        new Case("allowedRoutes from Selector refuses a namespace without them",
            gateway(Map.of(), List.of(listener("http", null, l -> l.withNewAllowedRoutes().withNewNamespaces()
                .withFrom("Selector").withSelector(new LabelSelectorBuilder().addToMatchLabels("gateway", "shared").build())
                .endNamespaces().endAllowedRoutes())), "192.0.2.50"),
            routeIn("team-c", Map.of(), "True", "web.example.com").build(), List.of(), "team-c does not match"),
        new Case("allowedRoutes kinds that leave HTTPRoute out",
            gateway(Map.of(), List.of(listener("http", null, l -> l.withNewAllowedRoutes().addNewKind()
                .withKind("GRPCRoute").endKind().endAllowedRoutes())), "192.0.2.50"),
            route(Map.of(), "web.example.com"), List.of(), "allows route kinds [GRPCRoute], not HTTPRoute"),
        new Case("a TCP listener takes no HTTP route",
            gateway(Map.of(), List.of(listener("tcp", null, l -> l.withProtocol("TCP"))), "192.0.2.50"),
            route(Map.of(), "web.example.com"), List.of(), "listener tcp speaks TCP, not HTTP"),
        new Case("sectionName picks one listener",
            gateway(Map.of(), List.of(listener("a", "a.example.com", l -> l), listener("b", "b.example.com", l -> l)),
                "192.0.2.50"),
            sectioned(routeIn("default", Map.of(), "True"), "b", null).build(), List.of("b.example.com A 192.0.2.50"), null),
        new Case("a port no listener of the section has",
            gateway(Map.of(), List.of(listener("http", null, l -> l)), "192.0.2.50"),
            sectioned(routeIn("default", Map.of(), "True", "web.example.com"), null, 8080).build(), List.of(),
            "listener http listens on port 80, not 8080"));
  }

  /** The route's parent reference, in spec and status, with a section name and port. */
  static HTTPRouteBuilder sectioned(HTTPRouteBuilder route, String section, Integer port) {
    return route.editSpec().editFirstParentRef().withSectionName(section).withPort(port).endParentRef().endSpec()
        .editStatus().editFirstParent().editParentRef().withSectionName(section).withPort(port).endParentRef().endParent()
        .endStatus();
  }

  @org.junit.jupiter.api.Test
  void grpcRoutesTranslateTheSameWay() {
    io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute grpc = new io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder()
        .withNewMetadata().withName("rpc").withNamespace("default").endMetadata().withNewSpec()
        .withHostnames("rpc.example.com").addNewParentRef().withName("web-gw").endParentRef().endSpec()
        .withNewStatus().addNewParent().withNewParentRef().withName("web-gw").endParentRef()
        .withConditions(new ConditionBuilder().withType("Accepted").withStatus("True").build()).endParent().endStatus()
        .build();
    GatewayRouteSource<io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute> source = GatewayRouteSource.grpcRoutes(
        (ns, name) -> Optional.of(gateway(Map.of(), (String) null, "192.0.2.50")));
    assertThat(source.endpoints(grpc)).extracting(Endpoint::toString).containsExactly("rpc.example.com A 192.0.2.50");
    assertThat(source.endpoints(grpc).get(0).label(Endpoint.LABEL_RESOURCE)).isEqualTo("grpcroute/default/rpc");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void extractsEndpoints(Case c) {
    GatewayRouteSource<HTTPRoute> source = GatewayRouteSource.httpRoutes(
        (ns, name) -> ns.equals("default") && name.equals("web-gw") ? Optional.of(c.gateway()) : Optional.empty(),
        ns -> Optional.of(ns.equals("team-b") ? Map.of("gateway", "shared") : Map.of()));
    ExtractionProblems.Result<List<Endpoint>> result = ExtractionProblems.collect(() -> source.endpoints(c.route()));
    assertThat(result.value().stream().map(Endpoint::toString)).containsExactlyInAnyOrderElementsOf(c.expected());
    assertThat(result.value()).allSatisfy(e -> assertThat(e.label(Endpoint.LABEL_RESOURCE)).isEqualTo("httproute/"
        + c.route().getMetadata().getNamespace() + "/web"));
    if (c.problem() == null) {
      assertThat(result.problems()).isEmpty();
    } else {
      assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains(c.problem()));
    }
  }
}
