package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GatewayRouteSourceTest {
  record Case(String name, Gateway gateway, HTTPRoute route, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Gateway gateway(Map<String, String> annotations, String listenerHost, String... addresses) {
    GatewayBuilder b = new GatewayBuilder().withNewMetadata().withName("web-gw").withNamespace("default")
        .withAnnotations(annotations).endMetadata()
        .withNewSpec().withGatewayClassName("example").addNewListener().withName("http").withPort(80)
        .withProtocol("HTTP").withHostname(listenerHost).endListener().endSpec().withNewStatus().endStatus();
    for (String a : addresses) {
      b.editStatus().addNewAddress().withType("IPAddress").withValue(a).endAddress().endStatus();
    }
    return b.build();
  }

  static HTTPRoute route(Map<String, String> annotations, String gatewayNamespace, String... hostnames) {
    return new HTTPRouteBuilder().withNewMetadata().withName("web").withNamespace("default").withAnnotations(annotations)
        .endMetadata().withNewSpec().withHostnames(hostnames)
        .addNewParentRef().withName("web-gw").withNamespace(gatewayNamespace).endParentRef().endSpec().build();
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("route host names with the Gateway's addresses", gateway(Map.of(), null, "192.0.2.50"),
            route(Map.of(), null, "web.example.com"), List.of("web.example.com A 192.0.2.50")),
        new Case("the Gateway's target annotation wins over its addresses",
            gateway(Map.of("external-dns.kubernetes.io/target", "lb.example.net"), null, "192.0.2.50"),
            route(Map.of(), null, "web.example.com"), List.of("web.example.com CNAME lb.example.net")),
        new Case("a listener host name narrows the route's", gateway(Map.of(), "*.example.com", "192.0.2.50"),
            route(Map.of(), null, "web.example.com", "web.example.org"), List.of("web.example.com A 192.0.2.50")),
        new Case("a route without host names takes the listener's", gateway(Map.of(), "shop.example.com", "192.0.2.50"),
            route(Map.of(), null), List.of("shop.example.com A 192.0.2.50")),
        new Case("a wildcard route takes the listener's exact name", gateway(Map.of(), "api.example.com", "192.0.2.50"),
            route(Map.of(), null, "*.example.com"), List.of("api.example.com A 192.0.2.50")),
        new Case("the hostname annotation adds names", gateway(Map.of(), null, "192.0.2.50"),
            route(Map.of("external-dns.kubernetes.io/hostname", "alias.example.com"), null, "web.example.com"),
            List.of("web.example.com A 192.0.2.50", "alias.example.com A 192.0.2.50")),
        new Case("a Gateway in another namespace is not this route's parent", gateway(Map.of(), null, "192.0.2.50"),
            route(Map.of(), "other", "web.example.com"), List.of()),
        new Case("a Gateway without addresses yet publishes nothing", gateway(Map.of(), null),
            route(Map.of(), null, "web.example.com"), List.of()));
  }

  @org.junit.jupiter.api.Test
  void grpcRoutesTranslateTheSameWay() {
    io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute grpc = new io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder()
        .withNewMetadata().withName("rpc").withNamespace("default").endMetadata().withNewSpec()
        .withHostnames("rpc.example.com").addNewParentRef().withName("web-gw").endParentRef().endSpec().build();
    GatewayRouteSource<io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute> source = GatewayRouteSource.grpcRoutes(
        (ns, name) -> Optional.of(gateway(Map.of(), null, "192.0.2.50")));
    assertThat(source.endpoints(grpc)).extracting(Endpoint::toString).containsExactly("rpc.example.com A 192.0.2.50");
    assertThat(source.endpoints(grpc).get(0).label(Endpoint.LABEL_RESOURCE)).isEqualTo("grpcroute/default/rpc");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void extractsEndpoints(Case c) {
    GatewayRouteSource<HTTPRoute> source = GatewayRouteSource.httpRoutes((ns, name) ->
        ns.equals("default") && name.equals("web-gw") ? Optional.of(c.gateway()) : Optional.empty());
    List<Endpoint> endpoints = source.endpoints(c.route());
    assertThat(endpoints.stream().map(Endpoint::toString)).containsExactlyInAnyOrderElementsOf(c.expected());
    assertThat(endpoints).allSatisfy(e -> assertThat(e.label(Endpoint.LABEL_RESOURCE)).isEqualTo("httproute/default/web"));
  }
}
