package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Objects a hostile or careless cluster could hold, through the watcher's sources: host names,
 * annotations, targets and TTLs of every shape (unicode, huge, empty, malformed), many of them. No
 * exception escapes; everything published is a valid name with targets; whatever was refused is
 * said; and a good host name beside bad ones still publishes.
 */
class HostileObjectsProperties {
  private static final String GOOD = "good.example.com";
  private static final String GOOD_IP = "192.0.2.10";

  /** A value of any shape an API server would store in a string field. */
  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(300),
        Arbitraries.strings().withChars("abcxyz.-*_0129").ofMinLength(1).ofMaxLength(80),
        Arbitraries.strings().withCharRange('\u0100', '\uFFEE').ofMaxLength(40).map(s -> s + ".example.com"),
        Arbitraries.of("", ".", "..", "*", "*.*.example.com", "a..b.example.com", "-a.example.com", "a-.example.com",
            "xn--.example.com", "müller.example.com", "EXAMPLE.COM.", "a".repeat(64) + ".example.com",
            ("a".repeat(60) + ".").repeat(5) + "com", "192.0.2.1", "::1", "2001:db8::1", "10.0.0.256",
            "1h", "5m", "-1", "99999999999999999999", "0x10", "\u0000", " good.example.com ", "good.example.com,"));
  }

  @Provide
  Arbitrary<List<String>> hostiles() {
    return hostile().list().ofMaxSize(30);
  }

  @Property(tries = 300)
  void ingressesNeverThrowAndPublishOnlyValidNames(@ForAll("hostiles") List<String> hosts, @ForAll("hostile") String ttl,
      @ForAll("hostile") String target, @ForAll("hostiles") List<String> annotationHosts,
      @ForAll("hostiles") List<String> loadBalancer) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("external-dns.kubernetes.io/ttl", ttl);
    annotations.put("external-dns.kubernetes.io/hostname", String.join(",", annotationHosts));
    if (!target.isBlank()) {
      annotations.put("external-dns.kubernetes.io/target", target);
    }
    IngressBuilder ingress = new IngressBuilder().withNewMetadata().withName("hostile").withNamespace("default")
        .withAnnotations(annotations).endMetadata().withNewSpec().endSpec();
    List<String> allHosts = new ArrayList<>(hosts);
    allHosts.add(GOOD);
    allHosts.forEach(h -> ingress.editSpec().addNewRule().withHost(h).endRule().endSpec());
    ingress.withNewStatus().withNewLoadBalancer().endLoadBalancer().endStatus();
    loadBalancer.forEach(lb -> ingress.editStatus().editLoadBalancer().addToIngress(
        lb.matches("[0-9.:a-f]+") ? new IngressLoadBalancerIngressBuilder().withIp(lb).build()
            : new IngressLoadBalancerIngressBuilder().withHostname(lb).build()).endLoadBalancer().endStatus());
    ingress.editStatus().editLoadBalancer().addToIngress(new IngressLoadBalancerIngressBuilder().withIp(GOOD_IP).build())
        .endLoadBalancer().endStatus();
    Ingress built = ingress.build();

    ExtractionProblems.Result<List<Endpoint>> result = ExtractionProblems.collect(() -> new IngressSource().endpoints(built));
    checkPublished(result.value());
    boolean targetOverride = annotations.containsKey("external-dns.kubernetes.io/target");
    if (!targetOverride) {
      assertThat(result.value()).as("the good host name still publishes").anySatisfy(e -> {
        assertThat(e.dnsName()).isEqualTo(GOOD);
        assertThat(e.targets()).contains(GOOD_IP);
      });
    }
    long refusedHosts = allHosts.stream().filter(h -> Hostnames.check(h).name().isEmpty()).count();
    if (refusedHosts > 0) {
      assertThat(result.problems()).as("every refusal is said").isNotEmpty();
    }
  }

  @Property(tries = 300)
  void servicesNeverThrowAndPublishOnlyValidNames(@ForAll("hostiles") List<String> annotationHosts,
      @ForAll("hostile") String ttl, @ForAll("hostiles") List<String> externalIps, @ForAll("hostile") String type) {
    Service service = new ServiceBuilder().withNewMetadata().withName("hostile").withNamespace("default")
        .addToAnnotations("external-dns.kubernetes.io/hostname", String.join(",", annotationHosts) + "," + GOOD)
        .addToAnnotations("external-dns.kubernetes.io/ttl", ttl).endMetadata()
        .withNewSpec().withType(type.isBlank() ? "LoadBalancer" : type).withExternalIPs(externalIps).endSpec()
        .withNewStatus().withNewLoadBalancer().addNewIngress().withIp(GOOD_IP).endIngress().endLoadBalancer().endStatus()
        .build();
    ExtractionProblems.Result<List<Endpoint>> result = ExtractionProblems.collect(
        () -> new ServiceSource(java.util.Set.of()).endpoints(service));
    checkPublished(result.value());
  }

  private static void checkPublished(List<Endpoint> endpoints) {
    for (Endpoint e : endpoints) {
      assertThat(Hostnames.check(e.dnsName()).name()).as("published name %s is valid", e.dnsName()).hasValue(e.dnsName());
      assertThat(e.targets()).as("%s has targets", e.dnsName()).isNotEmpty().allSatisfy(t -> assertThat(t).isNotBlank());
      assertThat(e.ttl()).isBetween(0L, (long) Integer.MAX_VALUE);
    }
  }
}
