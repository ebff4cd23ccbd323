package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.aws.Route53ProviderFactory;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.avro.ApplyResult;
import io.dnsplane.fakes.route53.Route53Fake;
import io.dnsplane.schema.TopicSnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Route53 accounts side by side: local mode's applier serves one account (example.com) as
 * "aws"; a second applier process, the real main with {@code --applier-name=route53-shared}, serves
 * another account's stand-in (example.org). The planner sends each zone's changes to the instance
 * that announced the zone.
 */
class TwoAccountsIT {
  @TempDir
  Path stateDir;

  LocalPipeline pipeline;
  Route53Fake sharedAccount;
  Process sharedApplier;

  @AfterEach
  void stop() throws InterruptedException {
    if (sharedApplier != null) {
      sharedApplier.destroy();
      sharedApplier.waitFor(20, TimeUnit.SECONDS);
    }
    if (pipeline != null) {
      pipeline.close();
    }
    if (sharedAccount != null) {
      sharedAccount.close();
    }
  }

  @Test
  void eachZoneGoesToTheApplierThatAnnouncedIt() throws Exception {
    pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3, Duration.ofSeconds(1),
        Duration.ofMinutes(10)).withProvider("aws"));
    sharedAccount = Route53Fake.start();
    String orgZone = sharedAccount.addZone("example.org", false, Map.of());
    sharedApplier = startApplier("route53-shared", sharedAccount);

    KubernetesClient cluster = pipeline.clusters().get("cluster-a").client();
    Ingresses.create(cluster, "shop", "shop.example.org", "192.0.2.81");
    Ingresses.create(cluster, "blog", "blog.example.com", "192.0.2.82");

    DnsProvider shared = new Route53ProviderFactory().create(new String[] {"--aws-endpoint-url=" + sharedAccount.endpoint()},
        RequestBudget.UNLIMITED);
    DnsProvider own = pipeline.newProviderClient();
    Zone org = new Zone(orgZone, "example.org");
    Zone com = own.zones().get(0);
    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
      assertThat(sharedAccount.values(orgZone, "shop.example.org", "A")).containsExactly("192.0.2.81");
      assertThat(targets(own, com, "blog.example.com")).containsExactly("192.0.2.82");
    });
    assertThat(targets(shared, org, "a-shop.example.org").get(0)).contains("external-dns/owner=cluster-a");
    // Neither account got the other's name.
    assertThat(targets(own, com, "shop.example.org")).isEmpty();
    assertThat(shared.records(org)).noneMatch(e -> e.dnsName().contains("blog"));
    // The audit log says which applier applied what (results are committed just after the change).
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(resultsFor("shop.example.org")).extracting(ApplyResult::getProvider).containsOnly("route53-shared");
      assertThat(resultsFor("blog.example.com")).extracting(ApplyResult::getProvider).containsOnly("aws");
    });
    shared.close();
    own.close();
  }

  private Process startApplier(String name, Route53Fake account) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Daws.accessKeyId=AKIASHARED", "-Daws.secretAccessKey=local", "-Daws.disableEc2Metadata=true",
        "io.dnsplane.applier.ApplierMain", "--provider=aws", "--applier-name=" + name, "--create-topics",
        "--topic-partitions=3", "--kafka-bootstrap-servers=" + pipeline.bootstrapServers(),
        "--metrics-address=127.0.0.1:0", "--aws-endpoint-url=" + account.endpoint());
    builder.redirectErrorStream(true).redirectOutput(stateDir.resolve("applier-" + name + ".log").toFile());
    return builder.start();
  }

  private List<ApplyResult> resultsFor(String name) {
    return TopicSnapshot.read(pipeline.connection(), pipeline.topics().applyResults(),
        (k, v) -> v != null && v.getAfter().stream().anyMatch(e -> e.getDnsName().equals(name)))
        .stream().map(TopicSnapshot.Entry::value).toList();
  }

  private static List<String> targets(DnsProvider client, Zone zone, String name) {
    return client.records(zone).stream().filter(e -> e.dnsName().equals(name))
        .flatMap(e -> e.targets().stream()).sorted().toList();
  }
}
