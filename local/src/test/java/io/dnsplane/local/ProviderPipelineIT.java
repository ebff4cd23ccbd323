package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples converge through the real Route53 and Cloudflare providers (AWS SDK, Feign) talking
 * to local stand-ins of their APIs, and through the webhook provider talking to dnsplane's webhook
 * server in front of the in-memory provider, through the PowerDNS provider talking to a real
 * pdns_server, and through the RFC2136 provider updating a real BIND 9, through the embedded broker.
 */
class ProviderPipelineIT {
  @TempDir
  Path stateDir;

  /** Route53's run is {@link #aPrivateZoneOfTheSameNameGetsTheRecordsToo}, which starts with the same convergence. */
  @ParameterizedTest
  @ValueSource(strings = {"cloudflare", "webhook", "pdns", "rfc2136"})
  void theExamplesConvergeThroughTheProvidersApi(String provider) {
    try (LocalPipeline pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3,
        Duration.ofSeconds(1), Duration.ofSeconds(30)).withProvider(provider));
        DnsProvider client = pipeline.newProviderClient()) {
      Zone example = client.zones().stream().filter(z -> z.name().equals("example.com")).findFirst().orElseThrow();
      assertTheExamplesConverge(client, example);
    }
  }

  private static void assertTheExamplesConverge(DnsProvider client, Zone example) {
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      Map<String, List<String>> a = aRecords(client.records(example));
      assertThat(a).containsEntry("app.example.com", List.of("192.0.2.10", "192.0.2.20"))
          .containsEntry("api.example.com", List.of("192.0.2.30"))
          .containsEntry("grpc.example.com", List.of("192.0.2.40"))
          .containsEntry("web.example.com", List.of("192.0.2.50"))
          .containsEntry("static.example.com", List.of("192.0.2.60"))
          .containsEntry("legacy.example.com", List.of("198.51.100.1"));
    });
    List<Endpoint> records = client.records(example);
    assertThat(records).filteredOn(e -> e.dnsName().equals("a-app.example.com")).singleElement()
        .satisfies(txt -> assertThat(txt.targets()).hasSize(2).allSatisfy(t -> assertThat(t).contains("heritage=external-dns")));
    assertThat(records).extracting(Endpoint::dnsName).doesNotContain("a-legacy.example.com");
  }

  @org.junit.jupiter.api.Test
  void aPrivateZoneOfTheSameNameGetsTheRecordsToo() {
    try (LocalPipeline pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3,
        Duration.ofSeconds(1), Duration.ofSeconds(3)).withProvider("aws"));
        DnsProvider client = pipeline.newProviderClient()) {
      Zone publicZone = client.zones().get(0);
      assertTheExamplesConverge(client, publicZone);

      // Both clusters serve shop.example.com behind their own load balancer (a CNAME each): Route53
      // has weighted routing, so each gets its weighted record instead of a conflict.
      Ingresses.createBehindHostname(pipeline.clusters().get("cluster-a").client(), "shop", "shop.example.com", "lb-a.example.net");
      Ingresses.createBehindHostname(pipeline.clusters().get("cluster-b").client(), "shop", "shop.example.com", "lb-b.example.net");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(client.records(publicZone).stream()
          .filter(e -> e.dnsName().equals("shop.example.com"))
          .map(e -> e.recordType() + " " + e.setIdentifier() + " " + e.targets() + " " + e.providerSpecific()).sorted().toList())
          .containsExactly("CNAME cluster-a [lb-a.example.net] {aws/weight=1}", "CNAME cluster-b [lb-b.example.net] {aws/weight=1}"));

      // Behind an AWS load balancer, as ExternalDNS does it: an A and an AAAA alias, typed TXTs.
      Ingresses.createBehindHostname(pipeline.clusters().get("cluster-a").client(), "alb", "alb.example.com", "k8s-default-alb-1234.eu-west-1.elb.amazonaws.com");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(client.records(publicZone).stream()
          .filter(e -> e.dnsName().endsWith("alb.example.com"))
          .map(e -> e.dnsName() + " " + e.recordType() + " " + e.providerSpecific().getOrDefault("alias", "-")).sorted().toList())
          .containsExactly("a-alb.example.com TXT -", "aaaa-alb.example.com TXT -", "alb.example.com A true",
              "alb.example.com AAAA true"));
      // Created while the applier runs: its drift check (every 3 s here) finds it.
      String privateId = pipeline.route53().addZone("example.com", true, Map.of());
      Zone privateZone = new Zone(privateId, "example.com");
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(aRecords(client.records(privateZone)))
          .containsEntry("app.example.com", List.of("192.0.2.10", "192.0.2.20"))
          .containsEntry("api.example.com", List.of("192.0.2.30")));
      assertThat(aRecords(client.records(publicZone))).containsEntry("app.example.com", List.of("192.0.2.10", "192.0.2.20"))
          .containsEntry("legacy.example.com", List.of("198.51.100.1"));
    }
  }

  @org.junit.jupiter.api.Test
  void aRefusalIsAWarningInTheProvidersWordsAndTheRetryMakesItReady() {
    try (LocalPipeline pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3,
        Duration.ofSeconds(1), Duration.ofMinutes(10)).withProvider("aws"));
        DnsProvider client = pipeline.newProviderClient()) {
      Zone zone = client.zones().get(0);
      await().atMost(Duration.ofSeconds(90)).until(() -> aRecords(client.records(zone)).containsKey("api.example.com"));
      var cluster = pipeline.clusters().get("cluster-a").client();
      // Route53 refuses the change as invalid (the applier isolates it from what it was merged with);
      // the planner tries again after its backoff.
      pipeline.route53().refuseChangesOf("refused.example.com", "RRSet with DNS name refused.example.com. is not permitted");
      Ingresses.createBehindHostname(pipeline.clusters().get("cluster-a").client(), "refused", "refused.example.com", "lb-r.example.net");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(events(cluster, "refused"))
          .anySatisfy(e -> assertThat(e).startsWith("Warning RecordError: refused.example.com error (the provider refused"
              + " part of batch").contains("InvalidChangeBatch: [RRSet with DNS name refused.example.com. is not permitted]")));
      pipeline.route53().stopRefusing();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(events(cluster, "refused"))
          .anySatisfy(e -> assertThat(e).startsWith("Normal RecordReady: refused.example.com ready")));
      // Its record goes with it: a Normal RecordDeleted.
      cluster.network().v1().ingresses().inNamespace("default").withName("refused").delete();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(events(cluster, "refused"))
          .anySatisfy(e -> assertThat(e).startsWith("Normal RecordDeleted: refused.example.com is no longer wanted")));
      await().atMost(Duration.ofSeconds(60)).until(() -> client.records(zone).stream()
          .noneMatch(e -> e.dnsName().equals("refused.example.com")));
    }
  }

  private static List<String> events(io.fabric8.kubernetes.client.KubernetesClient cluster, String name) {
    return cluster.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getName().equals(name))
        .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage()).toList();
  }

  private static Map<String, List<String>> aRecords(List<Endpoint> records) {
    Map<String, List<String>> out = new TreeMap<>();
    records.stream().filter(e -> e.recordType().equals("A"))
        .forEach(e -> out.put(e.dnsName(), e.targets().stream().sorted().toList()));
    return out;
  }
}
