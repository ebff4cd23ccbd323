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

/** ExternalDNS's contour-httpproxy rules (source/contour_httpproxy.go), as a table. */
class ContourHttpProxySourceTest {
  record Case(String name, Extraction extraction, String proxy, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static String proxy(String annotations, String fqdn, String loadBalancer) {
    return """
        apiVersion: projectcontour.io/v1
        kind: HTTPProxy
        metadata:
          name: shop
          namespace: web
          annotations: {%s}
        spec:
          virtualhost: {fqdn: %s}
        status:
          loadBalancer:
            ingress: [%s]
        """.formatted(annotations, fqdn, loadBalancer);
  }

  private static Extraction ignoringAnnotationWithTemplate() {
    return new Extraction(ObjectFilter.ALL, Set.of(), Extraction.Services.DEFAULT,
        new FqdnTemplate("{{.Name}}.{{.Namespace}}.example.com"), false, true, false, false,
        Extraction.GatewayFilter.ALL, EndpointProcessing.NONE, "");
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("the virtual host to the load balancer", Extraction.DEFAULT,
            proxy("", "shop.example.com", "{ip: 192.0.2.20}, {hostname: lb.example.net}"),
            List.of("shop.example.com A 192.0.2.20", "shop.example.com CNAME lb.example.net")),
        new Case("the hostname annotation adds names, the target annotation the targets", Extraction.DEFAULT,
            proxy("external-dns.kubernetes.io/hostname: www.example.com, external-dns.kubernetes.io/target: 198.51.100.4",
                "shop.example.com", "{ip: 192.0.2.20}"),
            List.of("shop.example.com A 198.51.100.4", "www.example.com A 198.51.100.4")),
        new Case("no load balancer yet: nothing", Extraction.DEFAULT, proxy("", "shop.example.com", ""), List.of()),
        new Case("a proxy without a virtual host (an included one) takes the template's name",
            ignoringAnnotationWithTemplate(), proxy("external-dns.kubernetes.io/hostname: www.example.com", "''",
                "{ip: 192.0.2.20}"), List.of("shop.web.example.com A 192.0.2.20")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void extracts(Case c) {
    GenericKubernetesResource proxy = Serialization.unmarshal(c.proxy(), GenericKubernetesResource.class);
    List<Endpoint> endpoints = new ContourHttpProxySource(c.extraction()).endpoints(proxy);
    assertThat(endpoints).extracting(Endpoint::toString).containsExactlyInAnyOrderElementsOf(c.expected());
    assertThat(endpoints).allSatisfy(e -> assertThat(e.label(Endpoint.LABEL_RESOURCE)).isEqualTo("HTTPProxy/web/shop"));
  }
}
