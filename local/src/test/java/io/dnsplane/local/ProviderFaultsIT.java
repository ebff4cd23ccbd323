package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.fakes.route53.Route53Fake;
import io.dnsplane.schema.TopicSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route53 misbehaving in turn while two clusters keep changing: it stops answering (connections
 * dropped), answers slowly, answers 5xx and Throttling, and refuses one name of a merged call. After
 * each fault the zone is as the clusters want it, and the audit log shows every name created once.
 */
class ProviderFaultsIT {
  @TempDir
  Path stateDir;

  @Test
  void everyFaultEndsWithTheZoneAsWantedAndEachChangeAppliedOnce() {
    try (LocalPipeline pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3,
        Duration.ofSeconds(1), Duration.ofMinutes(10)).withProvider("aws"));
        DnsProvider client = pipeline.newProviderClient()) {
      Route53Fake route53 = pipeline.route53();
      Zone zone = client.zones().get(0);
      await().atMost(Duration.ofSeconds(90)).until(() -> aRecords(client, zone).containsKey("api.example.com"));
      Map<String, String> expected = new TreeMap<>();
      int[] n = {0};
      Runnable threeChanges = () -> {
        for (int i = 0; i < 3; i++) {
          String name = "fault-" + n[0];
          String ip = "192.0.2." + (150 + n[0]);
          Ingresses.create(pipeline.clusters().get(n[0] % 2 == 0 ? "cluster-a" : "cluster-b").client(), name,
              name + ".example.com", ip);
          expected.put(name + ".example.com", ip);
          n[0]++;
        }
      };
      // It stops answering: the next requests' connections are dropped.
      route53.dropNext(3);
      threeChanges.run();
      awaitZone(client, zone, expected);
      // It answers slowly.
      route53.slowDown(Duration.ofMillis(400));
      threeChanges.run();
      awaitZone(client, zone, expected);
      route53.slowDown(Duration.ZERO);
      // It answers 5xx, then Throttling.
      route53.failNext(2, 500, "InternalError");
      threeChanges.run();
      awaitZone(client, zone, expected);
      route53.throttleNext(3);
      threeChanges.run();
      awaitZone(client, zone, expected);
      // It refuses one name: the others of the same call are applied, that one once it is accepted.
      String refused = "fault-" + (n[0] + 1) + ".example.com";
      route53.refuseChangesOf(refused, "RRSet with DNS name " + refused + ". is not permitted");
      threeChanges.run();
      Map<String, String> others = new TreeMap<>(expected);
      others.remove(refused);
      awaitZone(client, zone, others);
      await().ignoreExceptions().untilAsserted(() -> assertThat(aRecords(client, zone)).doesNotContainKey(refused));
      route53.stopRefusing();
      awaitZone(client, zone, expected);

      // A result is committed just after its change reaches the zone: wait until the last is there.
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        List<ApplyResult> results = TopicSnapshot.read(pipeline.connection(), pipeline.topics().applyResults(),
            (k, v) -> v != null).stream().map(TopicSnapshot.Entry::value).toList();
        for (String name : expected.keySet()) {
          assertThat(results.stream().filter(r -> r.getStatus() == ApplyStatus.APPLIED && created(r, name)).count())
              .as("APPLIED results creating %s", name).isEqualTo(1);
        }
        // Of this test's names only the refused one ever failed, and what failed there was its own records.
        String refusedLabel = refused.substring(0, refused.indexOf('.'));
        assertThat(results).filteredOn(r -> r.getStatus() == ApplyStatus.FAILED && r.getFailures().stream()
                .anyMatch(f -> f.getEndpoint().getDnsName().contains("fault-"))).isNotEmpty()
            .allSatisfy(r -> assertThat(r.getFailures()).allSatisfy(f -> assertThat(f.getEndpoint().getDnsName())
                .contains(refusedLabel)));
      });
    }
  }

  private static boolean created(ApplyResult r, String name) {
    return r.getAfter().stream().anyMatch(e -> e.getDnsName().equals(name) && e.getRecordType().equals("A"))
        && r.getBefore().stream().noneMatch(e -> e.getDnsName().equals(name) && e.getRecordType().equals("A"));
  }

  private static void awaitZone(DnsProvider client, Zone zone, Map<String, String> expected) {
    // The test reads the zone through the same misbehaving API: its own failed reads are ignored.
    await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
      Map<String, String> actual = new TreeMap<>(aRecords(client, zone));
      actual.keySet().removeIf(k -> !k.startsWith("fault-"));
      assertThat(actual).isEqualTo(expected);
    });
  }

  private static Map<String, String> aRecords(DnsProvider client, Zone zone) {
    Map<String, String> out = new TreeMap<>();
    client.records(zone).stream().filter(e -> e.recordType().equals("A"))
        .forEach(e -> out.put(e.dnsName(), String.join(",", e.targets())));
    return out;
  }
}
