package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObjectFilterAndAnnotationsTest {
  private static Ingress ingress(Map<String, String> annotations, Map<String, String> labels, String className) {
    return new IngressBuilder().withNewMetadata().withName("app").withNamespace("default").withAnnotations(annotations)
        .withLabels(labels).endMetadata().withNewSpec().withIngressClassName(className).addNewRule()
        .withHost("app.example.com").endRule().endSpec().withNewStatus().withNewLoadBalancer().addNewIngress()
        .withIp("192.0.2.10").endIngress().endLoadBalancer().endStatus().build();
  }

  @Test
  void filtersByAnnotationLabelAndController() {
    ObjectFilter filter = ObjectFilter.of("team=web", "env in (prod)");
    assertThat(filter.rejects(ingress(Map.of("team", "web"), Map.of("env", "prod"), null))).isEmpty();
    assertThat(filter.rejects(ingress(Map.of("team", "db"), Map.of("env", "prod"), null))).contains(
        "it does not match --annotation-filter");
    assertThat(filter.rejects(ingress(Map.of("team", "web"), Map.of("env", "dev"), null))).contains(
        "it does not match --label-filter");
    assertThat(ObjectFilter.ALL.rejects(ingress(Map.of("external-dns.kubernetes.io/controller", "someone-else"), Map.of(), null)))
        .hasValueSatisfying(r -> assertThat(r).contains("controller annotation names someone-else"));
    assertThat(ObjectFilter.ALL.rejects(ingress(Map.of("external-dns.kubernetes.io/controller", "dns-controller"), Map.of(), null)))
        .isEmpty();
  }

  @Test
  void ingressClassFilterReadsTheFieldAndTheLegacyAnnotation() {
    IngressSource publicOnly = new IngressSource(Set.of("public"));
    assertThat(publicOnly.endpoints(ingress(Map.of(), Map.of(), "public"))).hasSize(1);
    assertThat(publicOnly.endpoints(ingress(Map.of("kubernetes.io/ingress.class", "public"), Map.of(), null))).hasSize(1);
    assertThat(publicOnly.endpoints(ingress(Map.of(), Map.of(), "internal"))).isEmpty();
    assertThat(publicOnly.endpoints(ingress(Map.of(), Map.of(), null))).isEmpty();
  }

  @Test
  void recordTypePtrAddsReverseRecords() {
    List<Endpoint> endpoints = new IngressSource().endpoints(ingress(Map.of("external-dns.kubernetes.io/record-type", "ptr"),
        Map.of(), null));
    assertThat(endpoints).extracting(Endpoint::toString)
        .containsExactlyInAnyOrder("app.example.com A 192.0.2.10", "10.2.0.192.in-addr.arpa PTR app.example.com");
    assertThat(SourceSupport.reverseName("2001:db8::1")).contains(
        "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
  }

  @Test
  void setIdentifierAndProviderSpecificAnnotationsTravelWithEveryEndpoint() {
    List<Endpoint> endpoints = new IngressSource().endpoints(ingress(Map.of(
        "external-dns.kubernetes.io/set-identifier", "eu-west-1",
        "external-dns.kubernetes.io/aws-weight", "10",
        "external-dns.alpha.kubernetes.io/cloudflare-proxied", "true",
        "external-dns.kubernetes.io/webhook-tags", "a,b"), Map.of(), null));
    assertThat(endpoints).singleElement().satisfies(e -> {
      assertThat(e.setIdentifier()).isEqualTo("eu-west-1");
      assertThat(e.providerSpecific()).containsOnly(Map.entry("aws/weight", "10"),
          Map.entry("external-dns.alpha.kubernetes.io/cloudflare-proxied", "true"), Map.entry("webhook/tags", "a,b"));
    });
  }
}
