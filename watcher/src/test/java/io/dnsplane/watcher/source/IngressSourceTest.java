package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IngressSourceTest {
  private static final String RESOURCE = "ingress/default/app";

  record Case(String name, Ingress ingress, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Ingress ingress(Map<String, String> annotations, List<String> hosts, List<String> lbIps, List<String> lbHostnames) {
    IngressBuilder b = new IngressBuilder().withNewMetadata().withName("app").withNamespace("default")
        .withAnnotations(annotations).endMetadata().withNewSpec().endSpec();
    hosts.forEach(h -> b.editSpec().addNewRule().withHost(h).endRule().endSpec());
    b.withNewStatus().withNewLoadBalancer().endLoadBalancer().endStatus();
    lbIps.forEach(ip -> b.editStatus().editLoadBalancer().addNewIngress().withIp(ip).endIngress().endLoadBalancer().endStatus());
    lbHostnames.forEach(h -> b.editStatus().editLoadBalancer().addNewIngress().withHostname(h).endIngress().endLoadBalancer().endStatus());
    return b.build();
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("rule host and load balancer IP make an A record",
            ingress(Map.of(), List.of("app.example.com"), List.of("192.0.2.10"), List.of()),
            List.of("app.example.com A 192.0.2.10")),
        new Case("a load balancer host name makes a CNAME",
            ingress(Map.of(), List.of("app.example.com"), List.of(), List.of("lb-1.elb.example.net")),
            List.of("app.example.com CNAME lb-1.elb.example.net")),
        new Case("an IPv6 load balancer makes an AAAA record",
            ingress(Map.of(), List.of("app.example.com"), List.of("2001:db8::10"), List.of()),
            List.of("app.example.com AAAA 2001:db8::10")),
        new Case("the hostname annotation adds names",
            ingress(Map.of("external-dns.kubernetes.io/hostname", "www.example.com, alias.example.com"),
                List.of("app.example.com"), List.of("192.0.2.10"), List.of()),
            List.of("app.example.com A 192.0.2.10", "www.example.com A 192.0.2.10", "alias.example.com A 192.0.2.10")),
        new Case("the alpha annotation prefix still works",
            ingress(Map.of("external-dns.alpha.kubernetes.io/hostname", "www.example.com"), List.of(), List.of("192.0.2.10"), List.of()),
            List.of("www.example.com A 192.0.2.10")),
        new Case("the current prefix wins over the alpha one",
            ingress(Map.of("external-dns.alpha.kubernetes.io/target", "192.0.2.99", "external-dns.kubernetes.io/target", "192.0.2.77"),
                List.of("app.example.com"), List.of("192.0.2.10"), List.of()),
            List.of("app.example.com A 192.0.2.77")),
        new Case("the target annotation replaces the load balancer, split by type",
            ingress(Map.of("external-dns.kubernetes.io/target", "192.0.2.50,2001:db8::50"),
                List.of("app.example.com"), List.of("192.0.2.10"), List.of()),
            List.of("app.example.com A 192.0.2.50", "app.example.com AAAA 2001:db8::50")),
        new Case("ttl in seconds",
            ingress(Map.of("external-dns.kubernetes.io/ttl", "60"), List.of("app.example.com"), List.of("192.0.2.10"), List.of()),
            List.of("app.example.com 60 A 192.0.2.10")),
        new Case("ttl as a Go duration",
            ingress(Map.of("external-dns.kubernetes.io/ttl", "1h30m"), List.of("app.example.com"), List.of("192.0.2.10"), List.of()),
            List.of("app.example.com 5400 A 192.0.2.10")),
        new Case("an invalid ttl is ignored, not fatal",
            ingress(Map.of("external-dns.kubernetes.io/ttl", "soon"), List.of("app.example.com"), List.of("192.0.2.10"), List.of()),
            List.of("app.example.com A 192.0.2.10")),
        new Case("no load balancer yet: nothing to publish",
            ingress(Map.of(), List.of("app.example.com"), List.of(), List.of()), List.of()),
        new Case("a bad host name is skipped, its good neighbours stay",
            ingress(Map.of("external-dns.kubernetes.io/hostname", "bad..example.com,-dash.example.com,ok.example.com"),
                List.of("app.example.com"), List.of("192.0.2.10"), List.of()),
            List.of("app.example.com A 192.0.2.10", "ok.example.com A 192.0.2.10")),
        new Case("an internationalised name becomes punycode",
            ingress(Map.of(), List.of("bücher.example.com"), List.of("192.0.2.10"), List.of()),
            List.of("xn--bcher-kva.example.com A 192.0.2.10")),
        new Case("ingress-hostname-source annotation-only ignores the rules",
            ingress(Map.of("external-dns.kubernetes.io/ingress-hostname-source", "annotation-only",
                "external-dns.kubernetes.io/hostname", "only.example.com"), List.of("app.example.com"), List.of("192.0.2.10"), List.of()),
            List.of("only.example.com A 192.0.2.10")),
        new Case("ingress-hostname-source defined-hosts-only ignores the annotation",
            ingress(Map.of("external-dns.kubernetes.io/ingress-hostname-source", "defined-hosts-only",
                "external-dns.kubernetes.io/hostname", "only.example.com"), List.of("app.example.com"), List.of("192.0.2.10"), List.of()),
            List.of("app.example.com A 192.0.2.10")),
        new Case("names are lower-cased and lose the trailing dot",
            ingress(Map.of(), List.of("App.Example.COM."), List.of("192.0.2.10"), List.of()),
            List.of("app.example.com A 192.0.2.10")));
  }

  @org.junit.jupiter.api.Test
  void badTargetsAndTtlsAreReportedAndTheRestPublished() {
    Ingress bad = ingress(Map.of("external-dns.kubernetes.io/target", "192.0.2.50,999.1.1.1,not a host!,lb.example.net",
        "external-dns.kubernetes.io/ttl", "forever"), List.of("app.example.com"), List.of(), List.of());
    ExtractionProblems.Result<List<Endpoint>> result = ExtractionProblems.collect(() -> new IngressSource().endpoints(bad));
    assertThat(result.value().stream().map(Endpoint::toString))
        .containsExactlyInAnyOrder("app.example.com A 192.0.2.50", "app.example.com CNAME lb.example.net");
    assertThat(result.problems()).hasSize(3).anySatisfy(p -> assertThat(p).contains("ttl 'forever'"))
        .anySatisfy(p -> assertThat(p).contains("target '999.1.1.1'"))
        .anySatisfy(p -> assertThat(p).contains("target 'not a host!'"));
  }

  @org.junit.jupiter.api.Test
  void tlsHostsAreNamesToo() {
    Ingress withTls = new IngressBuilder(ingress(Map.of(), List.of("app.example.com"), List.of("192.0.2.10"), List.of()))
        .editSpec().addNewTl().withHosts("secure.example.com").endTl().endSpec().build();
    assertThat(new IngressSource().endpoints(withTls).stream().map(Endpoint::toString))
        .containsExactlyInAnyOrder("app.example.com A 192.0.2.10", "secure.example.com A 192.0.2.10");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void extractsEndpoints(Case c) {
    List<Endpoint> endpoints = new IngressSource().endpoints(c.ingress());
    assertThat(endpoints.stream().map(Endpoint::toString)).containsExactlyInAnyOrderElementsOf(c.expected());
    assertThat(endpoints).allSatisfy(e -> assertThat(e.label(Endpoint.LABEL_RESOURCE)).isEqualTo(RESOURCE));
  }
}
