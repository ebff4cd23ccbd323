package io.dnsplane.watcher.source;

import static io.dnsplane.watcher.source.IstioFixtures.gateway;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.dnsplane.watcher.source.IstioFixtures.Ing;
import io.dnsplane.watcher.source.IstioFixtures.Svc;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ExternalDNS's istio-gateway tests (source/istio_gateway_test.go, v0.22) as a table: all of
 * {@code testEndpointsFromGatewayConfig}, and the cases of {@code testGatewayEndpoints} and
 * {@code TestGatewaySource_GWSelectorMatchServiceSelector} about host names, targets and
 * annotations, each named after its Go case. The filter cases (annotation, label, controller) are
 * the watcher's ObjectFilter's, tested once for every source. Endpoints are rendered as
 * {@code name [ttl] TYPE targets} plus provider-specific properties; targets are in dnsplane's
 * canonical order (ExternalDNS compares them as sets).
 */
class IstioGatewaySourceTest {
  record Case(String name, Extraction extraction, List<Svc> services, List<Ing> ingresses,
      GenericKubernetesResource gateway, List<String> expected, List<String> problems) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Ing> NO_INGRESSES = List.of();
  private static final Map<String, String> NONE = Map.of();
  private static final String INGRESS_KEY = Annotations.PREFIX + IstioGateways.INGRESS;

  private static GenericKubernetesResource gw(Map<String, String> annotations, String... hosts) {
    return gateway("default", "fake1", annotations, null, List.of(List.of(hosts)));
  }

  private static Svc ips(String... ips) {
    return Svc.lb("istio-ingressgateway", List.of(ips), List.of());
  }

  private static Case of(String name, List<Svc> services, List<Ing> ingresses, GenericKubernetesResource gateway,
      String... expected) {
    return new Case(name, Extraction.DEFAULT, services, ingresses, gateway, List.of(expected), List.of());
  }

  private static Extraction ignoringHostnameAnnotation() {
    return new Extraction(ObjectFilter.ALL, Set.of(), Extraction.Services.DEFAULT, FqdnTemplate.NONE, false, true, false,
        false, Extraction.GatewayFilter.ALL, EndpointProcessing.NONE, "");
  }

  private static Extraction template(String template, boolean combine) {
    return new Extraction(ObjectFilter.ALL, Set.of(), Extraction.Services.DEFAULT, new FqdnTemplate(template), combine,
        false, false, false, Extraction.GatewayFilter.ALL, EndpointProcessing.NONE, "");
  }

  static Stream<Case> cases() {
    Svc lbAll = new Svc("istio-system", "istio-ingressgateway", null, List.of("8.8.8.8", "127.0.0.1"),
        List.of("elb.com", "alb.com"), List.of("1.1.1.1", "2.2.2.2"));
    Ing ingress1 = new Ing("default", "ingress1", List.of("8.8.8.8", "127.0.0.1"), List.of("elb.com", "alb.com"));
    return Stream.of(
        // testEndpointsFromGatewayConfig
        of("one rule.host one lb.hostname", List.of(Svc.lb("gw", List.of(), List.of("lb.com"))), NO_INGRESSES,
            gw(NONE, "foo.bar"), "foo.bar CNAME lb.com"),
        of("one namespaced rule.host one lb.hostname", List.of(Svc.lb("gw", List.of(), List.of("lb.com"))), NO_INGRESSES,
            gw(NONE, "my-namespace/foo.bar"), "foo.bar CNAME lb.com"),
        of("one rule.host one lb.IP", List.of(ips("8.8.8.8")), NO_INGRESSES, gw(NONE, "foo.bar"), "foo.bar A 8.8.8.8"),
        of("one rule.host one ingress.IP", List.of(), List.of(new Ing("default", "ingress1", List.of("8.8.8.8"), List.of())),
            gw(Map.of(INGRESS_KEY, "ingress1"), "foo.bar"), "foo.bar A 8.8.8.8"),
        of("one rule.host two lb.IP and two lb.Hostname", List.of(Svc.lb("gw", List.of("8.8.8.8", "127.0.0.1"),
            List.of("elb.com", "alb.com"))), NO_INGRESSES, gw(NONE, "foo.bar"),
            "foo.bar A 127.0.0.1,8.8.8.8", "foo.bar CNAME alb.com,elb.com"),
        of("one rule.host two ingress.IP and two ingress.Hostname", List.of(), List.of(ingress1),
            gw(Map.of(INGRESS_KEY, "ingress1"), "foo.bar"), "foo.bar A 127.0.0.1,8.8.8.8", "foo.bar CNAME alb.com,elb.com"),
        of("no rule.host", List.of(lbAll), NO_INGRESSES, gateway("default", "fake1", NONE, null, List.of())),
        of("one empty rule.host", List.of(lbAll), NO_INGRESSES, gw(NONE, "")),
        of("one empty rule.host with gateway ingress annotation", List.of(), List.of(ingress1),
            gw(Map.of(INGRESS_KEY, "ingress1"), "")),
        of("no targets", List.of(Svc.lb("gw", List.of(), List.of())), NO_INGRESSES, gw(NONE, "")),
        of("one gateway, two ingressgateway loadbalancer hostnames",
            List.of(new Svc("istio-other", "gateway1", null, List.of(), List.of("lb.com"), List.of()),
                new Svc("istio-other", "gateway2", null, List.of(), List.of("lb2.com"), List.of())), NO_INGRESSES,
            gw(NONE, "foo.bar"), "foo.bar CNAME lb.com,lb2.com"),
        of("one gateway, ingress in separate namespace", List.of(),
            List.of(new Ing("istio-other2", "ingress1", List.of(), List.of("lb.com")),
                new Ing("istio-other", "ingress2", List.of(), List.of("lb2.com"))),
            gw(Map.of(INGRESS_KEY, "istio-other2/ingress1"), "foo.bar"), "foo.bar CNAME lb.com"),
        of("one rule.host one lb.externalIP", List.of(new Svc("istio-system", "gw", null, List.of(), List.of(),
            List.of("8.8.8.8"))), NO_INGRESSES, gw(NONE, "foo.bar"), "foo.bar A 8.8.8.8"),
        of("one rule.host two lb.IP, two lb.Hostname and two lb.externalIP", List.of(lbAll), NO_INGRESSES,
            gw(NONE, "foo.bar"), "foo.bar A 1.1.1.1,2.2.2.2"),
        of("provider-specific annotation is converted to endpoint property", List.of(ips("8.8.8.8")), NO_INGRESSES,
            gw(Map.of("external-dns.alpha.kubernetes.io/aws-weight", "10"), "foo.bar"),
            "foo.bar A 8.8.8.8 {aws/weight=10}"),
        // testGatewayEndpoints
        of("gateway rules with hostname annotation", List.of(ips("1.2.3.4")), NO_INGRESSES,
            gw(Map.of(Annotations.PREFIX + "hostname", "dns-through-hostname.com"), "example.org"),
            "example.org A 1.2.3.4", "dns-through-hostname.com A 1.2.3.4"),
        of("gateway rules with hostname annotation having multiple hostnames", List.of(ips("1.2.3.4")), NO_INGRESSES,
            gw(Map.of(Annotations.PREFIX + "hostname", "dns-through-hostname.com, another-dns-through-hostname.com"),
                "example.org"),
            "example.org A 1.2.3.4", "dns-through-hostname.com A 1.2.3.4", "another-dns-through-hostname.com A 1.2.3.4"),
        of("gateway rules with hostname and target annotation", List.of(ips()), NO_INGRESSES,
            gw(Map.of(Annotations.PREFIX + "hostname", "dns-through-hostname.com",
                Annotations.PREFIX + "target", "gateway-target.com"), "example.org"),
            "example.org CNAME gateway-target.com", "dns-through-hostname.com CNAME gateway-target.com"),
        of("gateway rules with hostname, target and ingress annotation", List.of(ips()),
            List.of(new Ing("default", "ingress1", List.of(), List.of())),
            gw(Map.of(INGRESS_KEY, "ingress1", Annotations.PREFIX + "hostname", "dns-through-hostname.com",
                Annotations.PREFIX + "target", "gateway-target.com"), "example.org"),
            "example.org CNAME gateway-target.com", "dns-through-hostname.com CNAME gateway-target.com"),
        of("gateway rules with annotation and custom TTL", List.of(ips("8.8.8.8")), NO_INGRESSES,
            gw(Map.of(Annotations.PREFIX + "ttl", "6"), "example.org"), "example.org 6 A 8.8.8.8"),
        new Case("ignore hostname annotations", ignoringHostnameAnnotation(),
            List.of(Svc.lb("gw", List.of("8.8.8.8"), List.of("lb.com"))), NO_INGRESSES,
            gw(Map.of(Annotations.PREFIX + "hostname", "ignore.me"), "example.org"),
            List.of("example.org A 8.8.8.8", "example.org CNAME lb.com"), List.of()),
        of("gateways with wildcard host", List.of(ips("1.2.3.4")), NO_INGRESSES,
            gateway("default", "fake2", NONE, null, List.of(List.of("*"), List.of("some-namespace/*")))),
        of("gateways with wildcard host and hostname annotation", List.of(ips("1.2.3.4")), NO_INGRESSES,
            gw(Map.of(Annotations.PREFIX + "hostname", "fake1.dns-through-hostname.com"), "*"),
            "fake1.dns-through-hostname.com A 1.2.3.4"),
        new Case("template for gateway if host is missing", template("{{.Name}}.ext-dns.test.com", false),
            List.of(ips("8.8.8.8")), NO_INGRESSES, gw(NONE, "*"), List.of("fake1.ext-dns.test.com A 8.8.8.8"), List.of()),
        new Case("--combine-fqdn-annotation: the servers' hosts and the template's", template("{{.Name}}.ext-dns.test.com", true),
            List.of(ips("8.8.8.8")), NO_INGRESSES, gw(NONE, "example.org"),
            List.of("example.org A 8.8.8.8", "fake1.ext-dns.test.com A 8.8.8.8"), List.of()),
        // Deliberate difference: ExternalDNS fails the whole sync (every object) on a missing Ingress;
        // dnsplane publishes nothing for this Gateway and says why on it.
        new Case("gateways with ingress annotation; ingress not found", Extraction.DEFAULT, List.of(),
            List.of(new Ing("default", "ingress1", List.of("8.8.8.8"), List.of())),
            gw(Map.of(INGRESS_KEY, "ingress2"), "new.org"), List.of(),
            List.of("Gateway default/fake1 takes its targets from Ingress default/ingress2, which does not exist",
                "no targets: no target annotation, and no Service its selector matches (or the Ingress it names) has an"
                    + " external IP or a load balancer address yet")),
        // TestGatewaySource_GWSelectorMatchServiceSelector: the Gateway's selector is a subset of the Service's.
        of("gateway selector matches the Service whose selector includes it",
            List.of(new Svc("istio-system", "ingress-a", Map.of("app", "istio-ingressgateway", "istio", "ingress-a"),
                    List.of("10.0.0.1"), List.of(), List.of()),
                new Svc("istio-system", "ingress-b", Map.of("app", "istio-ingressgateway", "istio", "ingress-b"),
                    List.of("10.0.0.2"), List.of(), List.of()),
                new Svc("istio-system", "unselected", null, List.of("10.0.0.3"), List.of(), List.of())),
            NO_INGRESSES, gateway("default", "fake1", NONE, Map.of("istio", "ingress-a"), List.of(List.of("foo.bar"))),
            "foo.bar A 10.0.0.1"));
  }

  static String render(Endpoint e) {
    return e + (e.providerSpecific().isEmpty() ? "" : " " + e.providerSpecific());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void extracts(Case c) {
    IstioGatewaySource source = new IstioGatewaySource(c.extraction(),
        IstioFixtures.lookups(c.services(), c.ingresses(), List.of()));
    ExtractionProblems.Result<List<Endpoint>> result = ExtractionProblems.collect(() -> source.endpoints(c.gateway()));
    assertThat(result.value()).extracting(IstioGatewaySourceTest::render).containsExactlyInAnyOrderElementsOf(c.expected());
    assertThat(result.value()).allSatisfy(e -> assertThat(e.label(Endpoint.LABEL_RESOURCE))
        .isEqualTo("gateway/default/" + c.gateway().getMetadata().getName()));
    assertThat(result.problems()).containsExactlyElementsOf(c.problems());
  }
}
