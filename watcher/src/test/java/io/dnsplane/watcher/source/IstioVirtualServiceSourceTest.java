package io.dnsplane.watcher.source;

import static io.dnsplane.watcher.source.IstioFixtures.gateway;
import static io.dnsplane.watcher.source.IstioFixtures.virtualService;
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
 * ExternalDNS's istio-virtualservice tests (source/istio_virtualservice_test.go, v0.22) as tables:
 * all of {@code testVirtualServiceBindsToGateway} and {@code testEndpointsFromVirtualServiceConfig},
 * {@code TestVirtualServiceSourceGetGateway}, {@code _GWServiceSelectorMatchServiceSelector}, and
 * the cases of {@code testVirtualServiceEndpoints} about hosts, targets and annotations, each named
 * after its Go case (filter cases are the watcher's ObjectFilter's, tested for every source).
 */
class IstioVirtualServiceSourceTest {
  private static final Map<String, String> NONE = Map.of();
  private static final String INGRESS_KEY = Annotations.PREFIX + IstioGateways.INGRESS;

  record Binding(String name, GenericKubernetesResource gateway, GenericKubernetesResource virtualService, String host,
      boolean expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static GenericKubernetesResource gw(String namespace, String... hosts) {
    return gateway(namespace, "gw", NONE, null, List.of(List.of(hosts)));
  }

  private static GenericKubernetesResource vs(String namespace, String exportTo) {
    return virtualService(namespace, "vs", NONE, List.of("gw"), List.of(), exportTo);
  }

  static Stream<Binding> bindings() {
    return Stream.of(
        new Binding("matching host *", gw("default", "*"), vs("default", null), "foo.bar", true),
        new Binding("matching host *.<domain>", gw("default", "*.foo.bar"), vs("default", null), "baz.foo.bar", true),
        new Binding("not matching host *.<domain> (the domain itself)", gw("default", "*.foo.bar"), vs("default", null),
            "foo.bar", false),
        new Binding("not matching host *.<domain> (no dot)", gw("default", "*.foo.bar"), vs("default", null),
            "bazfoo.bar", false),
        new Binding("not matching host *.<domain> (a star without a dot)", gw("default", "*.foo.bar"), vs("default", null),
            "*foo.bar", false),
        new Binding("matching host */*", gw("default", "*/*"), vs("default", null), "foo.bar", true),
        new Binding("matching host <namespace>/*", gw("istio-system", "myns/*"), vs("myns", null), "foo.bar", true),
        new Binding("matching host ./*", gw("istio-system", "./*"), vs("istio-system", null), "foo.bar", true),
        new Binding("not matching host ./*", gw("istio-system", "./*"), vs("myns", null), "foo.bar", false),
        new Binding("not matching host <namespace>/*", gw("istio-system", "myns/*"), vs("otherns", null), "foo.bar", false),
        new Binding("matching exportTo *", gw("istio-system", "*"), vs("otherns", "*"), "foo.bar", true),
        new Binding("matching exportTo <namespace>", gw("istio-system", "*"), vs("otherns", "istio-system"), "foo.bar",
            true),
        new Binding("not matching exportTo <namespace>", gw("istio-system", "*"), vs("otherns", "myns"), "foo.bar", false),
        new Binding("not matching exportTo .", gw("istio-system", "*"), vs("otherns", "."), "foo.bar", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bindings")
  void bindsToGateway(Binding b) {
    assertThat(IstioGateways.binds(b.virtualService(), b.gateway(), b.host())).isEqualTo(b.expected());
  }

  record Case(String name, Extraction extraction, List<Svc> services, List<Ing> ingresses,
      List<GenericKubernetesResource> gateways, GenericKubernetesResource virtualService, List<String> expected,
      List<String> problems) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** testEndpointsFromVirtualServiceConfig's shape: one Gateway {@code mygw} serving {@code *}. */
  private static Case config(String name, List<Svc> services, List<Ing> ingresses, Map<String, String> gwAnnotations,
      Map<String, String> selector, List<String> vsGateways, List<String> vsHosts, String... expected) {
    return new Case(name, Extraction.DEFAULT, services, ingresses,
        List.of(gateway("default", "mygw", gwAnnotations, selector, List.of(List.of("*")))),
        virtualService("default", "vs", NONE, vsGateways, vsHosts, null), List.of(expected), List.of());
  }

  private static Svc lb(List<String> ips, List<String> hostnames, List<String> externalIps) {
    return new Svc("default", "istio-ingressgateway", null, ips, hostnames, externalIps);
  }

  private static Extraction template(String template, boolean combine) {
    return new Extraction(ObjectFilter.ALL, Set.of(), Extraction.Services.DEFAULT, new FqdnTemplate(template), combine,
        false, false, false, Extraction.GatewayFilter.ALL, EndpointProcessing.NONE, "");
  }

  static Stream<Case> cases() {
    List<Svc> all = List.of(lb(List.of("8.8.8.8", "127.0.0.1"), List.of("elb.com", "alb.com"), List.of("1.1.1.1", "2.2.2.2")));
    List<String> mygw = List.of("mygw");
    List<String> fooBar = List.of("foo.bar");
    GenericKubernetesResource targeted = gateway("default", "fake1",
        Map.of(Annotations.PREFIX + "target", "gateway-target.com"), null, List.of(List.of("*.org", "*.ext-dns.test.com")));
    return Stream.of(
        // testEndpointsFromVirtualServiceConfig
        config("one rule.host one lb.hostname", List.of(lb(List.of(), List.of("lb.com"), List.of())), List.of(), NONE, null,
            mygw, fooBar, "foo.bar CNAME lb.com"),
        config("one rule.host one lb.IP", List.of(lb(List.of("8.8.8.8"), List.of(), List.of())), List.of(), NONE, null,
            mygw, fooBar, "foo.bar A 8.8.8.8"),
        config("one rule.host one lb.externalIPs", List.of(lb(List.of(), List.of(), List.of("8.8.8.8"))), List.of(), NONE,
            null, mygw, fooBar, "foo.bar A 8.8.8.8"),
        config("one rule.host two lb.IP and two lb.Hostname", List.of(lb(List.of("8.8.8.8", "127.0.0.1"),
            List.of("elb.com", "alb.com"), List.of())), List.of(), NONE, null, mygw, fooBar,
            "foo.bar A 127.0.0.1,8.8.8.8", "foo.bar CNAME alb.com,elb.com"),
        config("one rule.host two lb.IP and two lb.Hostname and two lb.externalIPs", all, List.of(), NONE, null, mygw,
            fooBar, "foo.bar A 1.1.1.1,2.2.2.2"),
        config("no rule.host", all, List.of(), NONE, null, mygw, List.of()),
        new Case("no rule.gateway", Extraction.DEFAULT, all, List.of(),
            List.of(gateway("default", "mygw", NONE, null, List.of(List.of("*")))),
            virtualService("default", "vs", NONE, List.of(), fooBar, null), List.of(),
            List.of("foo.bar: no gateway it names binds it and has targets")),
        config("one empty rule.host", all, List.of(), NONE, null, mygw, List.of("")),
        new Case("no targets", Extraction.DEFAULT, List.of(lb(List.of(), List.of(), List.of())), List.of(),
            List.of(gateway("default", "mygw", NONE, null, List.of(List.of("*")))),
            virtualService("default", "vs", NONE, List.of(), fooBar, null), List.of(),
            List.of("foo.bar: no gateway it names binds it and has targets")),
        config("matching selectors for service and gateway",
            List.of(new Svc("default", "service1", Map.of("app", "myservice"), List.of(), List.of("elb.com", "alb.com"),
                List.of()), new Svc("default", "service2", Map.of("app", "otherservice"), List.of("8.8.8.8", "127.0.0.1"),
                List.of(), List.of())),
            List.of(), NONE, Map.of("app", "myservice"), mygw, fooBar, "foo.bar CNAME alb.com,elb.com"),
        config("ingress gateway annotation same namespace", List.of(),
            List.of(new Ing("default", "ingress1", List.of(), List.of("alb.com", "elb.com")),
                new Ing("default", "ingress2", List.of("127.0.0.1", "8.8.8.8"), List.of())),
            Map.of(INGRESS_KEY, "ingress1"), null, mygw, fooBar, "foo.bar CNAME alb.com,elb.com"),
        config("ingress gateway annotation separate namespace", List.of(),
            List.of(new Ing("ingress", "ingress1", List.of(), List.of("alb.com", "elb.com")),
                new Ing("ingress", "ingress2", List.of("127.0.0.1", "8.8.8.8"), List.of())),
            Map.of(INGRESS_KEY, "ingress/ingress2"), null, mygw, fooBar, "foo.bar A 127.0.0.1,8.8.8.8"),
        new Case("provider-specific annotation is converted to endpoint property", Extraction.DEFAULT,
            List.of(lb(List.of("8.8.8.8"), List.of(), List.of())), List.of(),
            List.of(gateway("default", "mygw", NONE, null, List.of(List.of("*")))),
            virtualService("default", "vs", Map.of("external-dns.alpha.kubernetes.io/aws-weight", "10"), mygw, fooBar, null),
            List.of("foo.bar A 8.8.8.8 {aws/weight=10}"), List.of()),
        // TestVirtualServiceSourceGetGateway
        new Case("MeshGateway and EmptyGateway name no Gateway", Extraction.DEFAULT,
            List.of(lb(List.of("8.8.8.8"), List.of(), List.of())), List.of(), List.of(),
            virtualService("default", "vs", NONE, List.of("mesh", ""), fooBar, null), List.of(),
            List.of("foo.bar: no gateway it names binds it and has targets")),
        new Case("MissingGateway gives no targets, InvalidGatewayStr is reported", Extraction.DEFAULT,
            List.of(lb(List.of("8.8.8.8"), List.of(), List.of())), List.of(), List.of(),
            virtualService("default", "vs", NONE, List.of("doesnt/exist", "1/2/3/"), fooBar, null), List.of(),
            List.of("gateway 1/2/3/ is not a name or namespace/name",
                "foo.bar: no gateway it names binds it and has targets")),
        new Case("ExistingGateway in another namespace", Extraction.DEFAULT,
            List.of(lb(List.of("8.8.8.8"), List.of(), List.of())), List.of(),
            List.of(gateway("bar", "foo", NONE, null, List.of(List.of("*")))),
            virtualService("default", "vs", NONE, List.of("bar/foo"), fooBar, null), List.of("foo.bar A 8.8.8.8"), List.of()),
        // TestIstioVirtualServiceSource_GWServiceSelectorMatchServiceSelector
        selected("gw single selector match with single service selector", Map.of("version", "v1")),
        selected("gw selector match all service selectors", Map.of("app", "demo", "env", "prod", "team", "devops",
            "version", "v1", "release", "stable", "track", "daily", "tier", "backend")),
        selected("gw selector has subset of service selectors", Map.of("version", "v1", "release", "stable",
            "tier", "backend", "app", "demo")),
        // testVirtualServiceEndpoints
        new Case("one virtualservice with two gateways, one ingressgateway loadbalancer service", Extraction.DEFAULT,
            List.of(lb(List.of("8.8.8.8"), List.of("lb.com"), List.of())), List.of(),
            List.of(gateway("default", "gw1", NONE, null, List.of(List.of("*"))),
                gateway("default", "gw2", NONE, null, List.of(List.of("*")))),
            virtualService("default", "vs", NONE, List.of("gw1", "gw2"), List.of("example.org"), null),
            List.of("example.org A 8.8.8.8", "example.org CNAME lb.com"), List.of()),
        new Case("multiple FQDN template hostnames with restricted gw.hosts",
            template("{{.Name}}.ext-dns.test.com, {{.Name}}.ext-dna.test.com", true), List.of(), List.of(),
            List.of(targeted), virtualService("default", "vs1", NONE, List.of("fake1"), List.of("example.org"), null),
            List.of("example.org CNAME gateway-target.com", "vs1.ext-dns.test.com CNAME gateway-target.com"),
            List.of("vs1.ext-dna.test.com: no gateway it names binds it and has targets")),
        new Case("virtualservice with target annotation", Extraction.DEFAULT, List.of(), List.of(), List.of(),
            virtualService("default", "vs1", Map.of(Annotations.PREFIX + "target", "vs1.target.com"), List.of("fake1"),
                List.of("example.org"), null),
            List.of("example.org CNAME vs1.target.com"), List.of()),
        new Case("virtualservice; gateway with target and ingress annotation", Extraction.DEFAULT, List.of(),
            List.of(new Ing("default", "ingress1", List.of("1.2.3.4"), List.of())),
            List.of(gateway("default", "fake1", Map.of(Annotations.PREFIX + "target", "gateway-target.com",
                INGRESS_KEY, "ingress1"), null, List.of(List.of("*")))),
            virtualService("default", "vs1", NONE, List.of("fake1"), List.of("example.org"), null),
            List.of("example.org CNAME gateway-target.com"), List.of()),
        new Case("virtualservice with hostname annotation having multiple hostnames, restricted by gw.hosts",
            Extraction.DEFAULT, List.of(lb(List.of("1.2.3.4"), List.of(), List.of())), List.of(),
            List.of(gateway("default", "fake1", NONE, null, List.of(List.of("*.bar.com")))),
            virtualService("default", "vs1", Map.of(Annotations.PREFIX + "hostname",
                "foo.bar.com, another-dns-through-hostname.com"), List.of("fake1"), List.of("baz.bar.org"), null),
            List.of("foo.bar.com A 1.2.3.4"),
            List.of("baz.bar.org: no gateway it names binds it and has targets",
                "another-dns-through-hostname.com: no gateway it names binds it and has targets")),
        new Case("virtualservices with annotation and custom TTL", Extraction.DEFAULT,
            List.of(lb(List.of("8.8.8.8"), List.of(), List.of())), List.of(),
            List.of(gateway("default", "fake1", NONE, null, List.of(List.of("*")))),
            virtualService("default", "vs1", Map.of(Annotations.PREFIX + "ttl", "6"), List.of("fake1"),
                List.of("example.org"), null),
            List.of("example.org 6 A 8.8.8.8"), List.of()));
  }

  private static Case selected(String name, Map<String, String> selector) {
    Svc service = new Svc("default", "fake-service", Map.of("app", "demo", "env", "prod", "team", "devops",
        "version", "v1", "release", "stable", "track", "daily", "tier", "backend"), List.of(), List.of(),
        List.of("10.10.10.255"));
    return new Case(name, Extraction.DEFAULT, List.of(service), List.of(),
        List.of(gateway("default", "fake-gateway", NONE, selector, List.of(List.of("example.org")))),
        virtualService("default", "vs", NONE, List.of("default/fake-gateway"), List.of("example.org"), "*"),
        List.of("example.org A 10.10.10.255"), List.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void extracts(Case c) {
    IstioVirtualServiceSource source = new IstioVirtualServiceSource(c.extraction(),
        IstioFixtures.lookups(c.services(), c.ingresses(), c.gateways()));
    ExtractionProblems.Result<List<Endpoint>> result = ExtractionProblems.collect(() -> source.endpoints(c.virtualService()));
    assertThat(result.value()).extracting(IstioGatewaySourceTest::render).containsExactlyInAnyOrderElementsOf(c.expected());
    assertThat(result.value()).allSatisfy(e -> assertThat(e.label(Endpoint.LABEL_RESOURCE))
        .isEqualTo("virtualservice/default/" + c.virtualService().getMetadata().getName()));
    assertThat(result.problems()).containsExactlyInAnyOrderElementsOf(c.problems());
  }
}
