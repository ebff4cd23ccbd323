package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TCPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TCPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.UDPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.UDPRouteBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * --source gateway-tlsroute, gateway-tcproute, gateway-udproute, as ExternalDNS v0.22: routes of
 * gateway.networking.k8s.io/v1 on listeners of their protocol (a TLS listener takes TCP routes too);
 * TLSRoutes have host names, TCP and UDP routes take the annotation's or the listener's.
 */
class GatewayL4RouteSourceTest {
  private static final Map<String, String> DB = Map.of(Annotations.PREFIX + "hostname", "db.example.com");

  private static final Gateway GATEWAY = new GatewayBuilder().withNewMetadata().withName("l4-gw").withNamespace("default")
      .endMetadata().withNewSpec().withGatewayClassName("example")
      .addNewListener().withName("tls").withPort(443).withProtocol("TLS").withHostname("*.tls.example.com").endListener()
      .addNewListener().withName("tcp").withPort(5432).withProtocol("TCP").endListener()
      .addNewListener().withName("udp").withPort(53).withProtocol("UDP").endListener()
      .addNewListener().withName("http").withPort(80).withProtocol("HTTP").endListener()
      .endSpec().withNewStatus().addNewAddress().withType("IPAddress").withValue("192.0.2.80").endAddress().endStatus().build();

  private static final RouteParentStatusBuilder ACCEPTED = new RouteParentStatusBuilder().withControllerName("example.com/gw")
      .withNewParentRef().withName("l4-gw").endParentRef()
      .withConditions(new ConditionBuilder().withType("Accepted").withStatus("True").build());

  private static List<String> names(List<Endpoint> endpoints) {
    return endpoints.stream().map(Endpoint::toString).sorted().toList();
  }

  @Test
  void aTlsRouteGetsItsHostNamesOnTheTlsListener() {
    TLSRoute route = new TLSRouteBuilder().withNewMetadata().withName("tls").withNamespace("default").endMetadata()
        .withNewSpec().withHostnames("app.tls.example.com").addNewParentRef().withName("l4-gw").endParentRef().endSpec()
        .withNewStatus().withParents(ACCEPTED.build()).endStatus().build();
    var source = GatewayRouteSource.tlsRoutes((ns, n) -> Optional.of(GATEWAY), ns -> Optional.empty(), Extraction.DEFAULT);
    assertThat(names(source.endpoints(route))).containsExactly("app.tls.example.com A 192.0.2.80");
    assertThat(source.endpoints(route)).allSatisfy(e -> assertThat(e.label(Endpoint.LABEL_RESOURCE))
        .isEqualTo("tlsroute/default/tls"));
  }

  @Test
  void aTcpRouteTakesTheAnnotationsNameOnATcpOrTlsListener() {
    TCPRoute route = new TCPRouteBuilder().withNewMetadata().withName("db").withNamespace("default").withAnnotations(DB)
        .endMetadata().withNewSpec().addNewParentRef().withName("l4-gw").withSectionName("tcp").endParentRef().endSpec()
        .withNewStatus().withParents(new RouteParentStatusBuilder(ACCEPTED.build()).editParentRef().withSectionName("tcp")
            .endParentRef().build()).endStatus().build();
    var source = GatewayRouteSource.tcpRoutes((ns, n) -> Optional.of(GATEWAY), ns -> Optional.empty(), Extraction.DEFAULT);
    assertThat(names(source.endpoints(route))).containsExactly("db.example.com A 192.0.2.80");
    assertThat(RouteAdmission.protocolMatches("TCP", "TLS")).as("a TLS listener takes TCP routes").isTrue();
    assertThat(RouteAdmission.protocolMatches("TLS", "TCP")).isFalse();
  }

  @Test
  void aUdpRouteOnlyOnAUdpListener() {
    UDPRoute onUdp = new UDPRouteBuilder().withNewMetadata().withName("dns").withNamespace("default").withAnnotations(DB)
        .endMetadata().withNewSpec().addNewParentRef().withName("l4-gw").withSectionName("udp").endParentRef().endSpec()
        .withNewStatus().withParents(new RouteParentStatusBuilder(ACCEPTED.build()).editParentRef().withSectionName("udp")
            .endParentRef().build()).endStatus().build();
    var source = GatewayRouteSource.udpRoutes((ns, n) -> Optional.of(GATEWAY), ns -> Optional.empty(), Extraction.DEFAULT);
    assertThat(names(source.endpoints(onUdp))).containsExactly("db.example.com A 192.0.2.80");
    UDPRoute onHttp = new UDPRouteBuilder(onUdp).editSpec().editFirstParentRef().withSectionName("http").endParentRef()
        .endSpec().editStatus().editFirstParent().editParentRef().withSectionName("http").endParentRef().endParent()
        .endStatus().build();
    ExtractionProblems.Result<List<Endpoint>> result = ExtractionProblems.collect(() -> source.endpoints(onHttp));
    assertThat(result.value()).isEmpty();
    assertThat(result.problems().toString()).contains("listener http speaks HTTP, not UDP");
  }
}
