package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * --annotation-prefix: ExternalDNS's validation (pkg/apis/externaldns/validation, its
 * annotation-prefix cases) and annotation keys (source/annotations TestSetAnnotationPrefix), and
 * what a source and the object filter read under a custom prefix.
 */
class AnnotationPrefixTest {
  private static final AnnotationPrefix CUSTOM = new AnnotationPrefix("custom.io/");

  @Test
  void theFlagIsValidatedAsExternalDnsValidatesIt() {
    assertThatThrownBy(() -> new AnnotationPrefix("")).hasMessage("--annotation-prefix cannot be empty");
    assertThatThrownBy(() -> new AnnotationPrefix("custom.io")).hasMessage("--annotation-prefix must end with '/'");
    assertThat(new AnnotationPrefix("custom.io/").isDefault()).isFalse();
    assertThat(new AnnotationPrefix("external-dns.kubernetes.io/").isDefault()).isTrue();
  }

  @Test
  void keysUnderTheCustomPrefixAreReadAndThoseUnderTheDefaultOnesAreNot() {
    Map<String, String> annotations = Map.of("custom.io/hostname", "a.example.com", "custom.io/aws-weight", "10",
        "external-dns.kubernetes.io/hostname", "ignored.example.com", "external-dns.alpha.kubernetes.io/ttl", "5",
        "team", "web");
    assertThat(CUSTOM.canonical(annotations)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "external-dns.kubernetes.io/hostname", "a.example.com", "external-dns.kubernetes.io/aws-weight", "10",
        "custom.io/hostname", "a.example.com", "custom.io/aws-weight", "10", "team", "web"));
    assertThat(AnnotationPrefix.DEFAULT.canonical(annotations)).isSameAs(annotations);
  }

  private static Ingress ingress(String annotations) {
    return Serialization.unmarshal("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: default
          annotations: {%s}
        spec: {}
        status: {loadBalancer: {ingress: [{ip: 192.0.2.1}]}}
        """.formatted(annotations), Ingress.class);
  }

  @Test
  void sourcesAndTheFilterReadUnderTheCustomPrefixAndLeaveTheObjectAsItWas() {
    io.dnsplane.watcher.SourceOptions flags = new io.dnsplane.watcher.SourceOptions();
    new picocli.CommandLine(flags).parseArgs("--annotation-prefix", "custom.io/");
    Extraction extraction = flags.extraction();
    Source<Ingress> source = extraction.processed(new IngressSource(extraction));
    Ingress ingress = ingress("custom.io/hostname: web.example.com, custom.io/ttl: '60',"
        + " external-dns.kubernetes.io/hostname: other.example.com");
    assertThat(source.endpoints(ingress)).extracting(Endpoint::toString).containsExactly("web.example.com 60 A 192.0.2.1");
    assertThat(ingress.getMetadata().getAnnotations()).containsKey("external-dns.kubernetes.io/hostname")
        .doesNotContainKey("external-dns.kubernetes.io/ttl");
    // Under the default prefix, the same object reads the other way round.
    assertThat(Extraction.DEFAULT.processed(new IngressSource(Extraction.DEFAULT)).endpoints(ingress))
        .extracting(Endpoint::toString).containsExactly("other.example.com A 192.0.2.1");
    assertThat(extraction.filter().rejects(ingress("custom.io/controller: someone-else")))
        .contains("its controller annotation names someone-else");
    assertThat(extraction.filter().rejects(ingress("external-dns.kubernetes.io/controller: someone-else"))).isEmpty();
    assertThat(ObjectFilter.ALL.rejects(ingress("external-dns.kubernetes.io/controller: someone-else"))).isPresent();
  }
}
