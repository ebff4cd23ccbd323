package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ExternalDNS's openshift-route rules (source/openshift_route.go), as a table. */
class OpenShiftRouteSourceTest {
  record Case(String name, Extraction extraction, String route, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static String route(String annotations, String ingresses) {
    return """
        apiVersion: route.openshift.io/v1
        kind: Route
        metadata:
          name: shop
          namespace: web
          annotations: {%s}
        spec:
          host: shop.apps.example.com
        status:
          ingress:
        %s
        """.formatted(annotations, ingresses);
  }

  private static String ingress(String router, String host, String canonical, String admitted) {
    return """
          - routerName: %s
            host: %s
            routerCanonicalHostname: %s
            conditions:
            - {type: Admitted, status: "%s"}
        """.formatted(router, host, canonical, admitted);
  }

  private static Extraction routerNamed(String name) {
    return new Extraction(ObjectFilter.ALL, Set.of(), Extraction.Services.DEFAULT, FqdnTemplate.NONE, false, false, false,
        false, Extraction.GatewayFilter.ALL, EndpointProcessing.NONE, name);
  }

  static Stream<Case> cases() {
    String both = ingress("default", "shop.apps.example.com", "router-default.apps.example.com", "True")
        + ingress("internal", "shop.internal.example.com", "router-internal.example.com", "True");
    return Stream.of(
        new Case("the admitting router's host and canonical host name", Extraction.DEFAULT, route("", both),
            List.of("shop.apps.example.com CNAME router-default.apps.example.com")),
        new Case("--openshift-router-name picks that router's admission", routerNamed("internal"), route("", both),
            List.of("shop.internal.example.com CNAME router-internal.example.com")),
        new Case("a router that has not admitted it does not count", Extraction.DEFAULT,
            route("", ingress("default", "shop.apps.example.com", "router-default.apps.example.com", "False")), List.of()),
        new Case("the hostname annotation adds names, the target annotation the targets", Extraction.DEFAULT,
            route("external-dns.kubernetes.io/hostname: shop.example.com, external-dns.kubernetes.io/target: 192.0.2.9",
                both), List.of("shop.apps.example.com A 192.0.2.9", "shop.example.com A 192.0.2.9")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void extracts(Case c) {
    GenericKubernetesResource route = Serialization.unmarshal(c.route(), GenericKubernetesResource.class);
    List<Endpoint> endpoints = new OpenShiftRouteSource(c.extraction()).endpoints(route);
    assertThat(endpoints).extracting(Endpoint::toString).containsExactlyInAnyOrderElementsOf(c.expected());
    assertThat(endpoints).allSatisfy(e -> assertThat(e.label(Endpoint.LABEL_RESOURCE)).isEqualTo("route/web/shop"));
  }
}
