package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ExternalDNS's source flags, as the Ingress, Service and Gateway route sources apply them. */
class ExtractionTest {
  private static final Map<String, String> HOSTNAME = Map.of(Annotations.PREFIX + "hostname", "annotated.example.com");

  private static Extraction with(UnaryOperator<Builder> edit) {
    return edit.apply(new Builder()).build();
  }

  /** The flags, as a test sets them. */
  static final class Builder {
    FqdnTemplate template = FqdnTemplate.NONE;
    boolean combine;
    boolean ignoreHostname;
    boolean ignoreTls;
    boolean ignoreRules;
    Extraction.GatewayFilter gateways = Extraction.GatewayFilter.ALL;
    EndpointProcessing processing = EndpointProcessing.NONE;

    Builder template(String t) {
      template = new FqdnTemplate(t);
      return this;
    }

    Extraction build() {
      return new Extraction(ObjectFilter.ALL, Set.of(), Extraction.Services.DEFAULT, template, combine, ignoreHostname, ignoreTls,
          ignoreRules, gateways, processing, "");
    }
  }

  private static Ingress ingress() {
    return new IngressBuilder().withNewMetadata().withName("app").withNamespace("shop").withAnnotations(HOSTNAME).endMetadata()
        .withNewSpec().addNewRule().withHost("rule.example.com").endRule().addNewTl().withHosts("tls.example.com").endTl()
        .endSpec().withNewStatus().withNewLoadBalancer().addNewIngress().withIp("192.0.2.10").endIngress().endLoadBalancer()
        .endStatus().build();
  }

  private static List<String> names(List<Endpoint> endpoints) {
    return endpoints.stream().map(Endpoint::dnsName).distinct().sorted().toList();
  }

  record Case(String name, Extraction extraction, List<String> names) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> ingressCases() {
    return Stream.of(
        new Case("rules, TLS hosts and the annotation", Extraction.DEFAULT,
            List.of("annotated.example.com", "rule.example.com", "tls.example.com")),
        new Case("--ignore-hostname-annotation", with(b -> {
          b.ignoreHostname = true;
          return b;
        }), List.of("rule.example.com", "tls.example.com")),
        new Case("--ignore-ingress-tls-spec", with(b -> {
          b.ignoreTls = true;
          return b;
        }), List.of("annotated.example.com", "rule.example.com")),
        new Case("--ignore-ingress-rules-spec", with(b -> {
          b.ignoreRules = true;
          return b;
        }), List.of("annotated.example.com", "tls.example.com")),
        new Case("--fqdn-template is for objects without names of their own", with(b -> b.template("{{.Name}}.{{.Namespace}}.example.com")),
            List.of("annotated.example.com", "rule.example.com", "tls.example.com")),
        new Case("--fqdn-template for an Ingress whose names are all ignored", with(b -> {
          b.ignoreHostname = true;
          b.ignoreTls = true;
          b.ignoreRules = true;
          return b.template("{{.Name}}.{{.Namespace}}.example.com");
        }), List.of("app.shop.example.com")),
        new Case("--combine-fqdn-annotation: both", with(b -> {
          b.combine = true;
          b.ignoreTls = true;
          return b.template("{{.Name}}.{{.Namespace}}.example.com");
        }), List.of("annotated.example.com", "app.shop.example.com", "rule.example.com")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ingressCases")
  void ingressNames(Case c) {
    assertThat(names(new IngressSource(c.extraction()).endpoints(ingress()))).isEqualTo(c.names());
  }

  @Test
  void theServiceSourceTakesTheTemplateWhenTheAnnotationIsIgnored() {
    var service = ServiceSourceTest.service("LoadBalancer", HOSTNAME, List.of(), List.of("203.0.113.10"), null);
    Extraction ignoring = with(b -> {
      b.ignoreHostname = true;
      return b.template("{{.Name}}.svc.example.com");
    });
    assertThat(names(new ServiceSource(ignoring, ServiceSource.ClusterLookups.NONE).endpoints(service)))
        .containsExactly(service.getMetadata().getName() + ".svc.example.com");
  }

  @Test
  void gatewayFlagsChooseWhoseRoutesGetRecords() {
    Gateway gateway = GatewayRouteSourceTest.gateway(Map.of(), "*.example.com", "192.0.2.50");
    gateway.getMetadata().setLabels(Map.of("tier", "public"));
    HTTPRoute route = GatewayRouteSourceTest.route(Map.of(), "web.example.com");
    for (var c : List.of(
        Map.entry(Extraction.GatewayFilter.ALL, true),
        Map.entry(new Extraction.GatewayFilter("web-gw", "", null), true),
        Map.entry(new Extraction.GatewayFilter("other-gw", "", null), false),
        Map.entry(new Extraction.GatewayFilter("", "default", null), true),
        Map.entry(new Extraction.GatewayFilter("", "infra", null), false),
        Map.entry(new Extraction.GatewayFilter("", "", LabelSelector.parse("tier=public")), true),
        Map.entry(new Extraction.GatewayFilter("", "", LabelSelector.parse("tier=internal")), false))) {
      Extraction x = with(b -> {
        b.gateways = c.getKey();
        return b;
      });
      var source = GatewayRouteSource.httpRoutes((ns, name) -> Optional.of(gateway), ns -> Optional.empty(), x);
      assertThat(names(source.endpoints(route))).as(c.getKey().toString())
          .isEqualTo(c.getValue() ? List.of("web.example.com") : List.of());
    }
  }

  @Test
  void processingAppliesToEverySource() {
    Extraction x = with(b -> {
      b.processing = new EndpointProcessing(List.of(), false, List.of(), List.of(TargetNet.parse("192.0.2.0/24")), 300);
      return b;
    });
    assertThat(x.processed(new IngressSource(x)).endpoints(ingress())).as("the only target is excluded").isEmpty();
    Extraction ttl = with(b -> {
      b.processing = new EndpointProcessing(List.of(), false, List.of(), List.of(), 300);
      return b;
    });
    assertThat(ttl.processed(new IngressSource(ttl)).endpoints(ingress())).allSatisfy(e -> assertThat(e.ttl()).isEqualTo(300));
  }

  @Test
  void combiningNeedsATemplate() {
    assertThatThrownBy(() -> with(b -> {
      b.combine = true;
      return b;
    })).hasMessageContaining("--combine-fqdn-annotation needs --fqdn-template");
  }
}
