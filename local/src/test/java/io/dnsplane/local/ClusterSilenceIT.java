package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.spi.Zone;
import io.dnsplane.avro.ApplyResult;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.PlannerConfig.StaleClusterPolicy;
import io.dnsplane.schema.TopicSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster that goes silent past --cluster-timeout (its watcher stops: no heartbeats) and comes
 * back, with --stale-cluster-policy=withdraw: its target leaves the record set it shares, never the
 * last target of a record; changes made in it while silent are published when it is back; the zone
 * ends as wanted and the audit log reports every batch once and replays to the zone.
 */
class ClusterSilenceIT {
  private static final String APP = "app.example.com";

  @TempDir
  Path stateDir;

  @Test
  void aSilentClusterLeavesSharedRecordsOnlyAndComesBackAsItWas() {
    try (LocalPipeline pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3,
        Duration.ofSeconds(1), Duration.ofMinutes(10)))) {
      Zone zone = new Zone("example.com", "example.com");
      await().atMost(Duration.ofSeconds(90)).until(() -> targets(pipeline, zone, APP).size() == 2);
      pipeline.stopPlanner();
      pipeline.startPlanner(c -> c.withStaleClusters(Duration.ofSeconds(4), StaleClusterPolicy.WITHDRAW));
      Ingresses.create(pipeline.clusters().get("cluster-b").client(), "b-only", "b-only.example.com", "192.0.2.77");
      await().atMost(Duration.ofSeconds(60)).until(() -> !targets(pipeline, zone, "b-only.example.com").isEmpty());

      pipeline.stopWatcher("cluster-b");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(targets(pipeline, zone, APP)).as("cluster-b's target left the shared set").containsExactly("192.0.2.10"));
      // Changed while silent: published once it is back.
      Ingresses.create(pipeline.clusters().get("cluster-b").client(), "while-silent", "while-silent.example.com",
          "192.0.2.88");
      assertThat(targets(pipeline, zone, "b-only.example.com")).as("a record's last target stays")
          .containsExactly("192.0.2.77");

      pipeline.startWatcher("cluster-b");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        assertThat(targets(pipeline, zone, APP)).containsExactly("192.0.2.10", "192.0.2.20");
        assertThat(targets(pipeline, zone, "while-silent.example.com")).containsExactly("192.0.2.88");
      });
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        ResultsLedger ledger = ResultsLedger.read(pipeline);
        ledger.assertMatches(APP, Map.of(APP, String.join(",", recordAt(pipeline, zone, APP).targets())), "app");
        ledger.assertMatches("while-silent.", Map.of("while-silent.example.com", "192.0.2.88"), "while-silent");
        ledger.assertMatches("b-only.", Map.of("b-only.example.com", "192.0.2.77"), "b-only");
      });
      // The audit log shows the withdrawal and the return.
      List<ApplyResult> app = TopicSnapshot.read(pipeline.connection(), pipeline.topics().applyResults(),
          (k, v) -> v != null && v.getAfter().stream().anyMatch(e -> e.getDnsName().equals(APP))).stream()
          .map(TopicSnapshot.Entry::value).toList();
      assertThat(app).extracting(r -> r.getAfter().stream().filter(e -> e.getDnsName().equals(APP)
          && e.getRecordType().equals("A")).findFirst().map(e -> e.getTargets().size()).orElse(0))
          .containsSubsequence(2, 1, 2);
    }
  }

  private static Endpoint recordAt(LocalPipeline pipeline, Zone zone, String name) {
    return pipeline.provider().records(zone).stream().filter(e -> e.dnsName().equals(name) && e.recordType().equals("A"))
        .findFirst().orElseThrow();
  }

  private static List<String> targets(LocalPipeline pipeline, Zone zone, String name) {
    return pipeline.provider().records(zone).stream().filter(e -> e.dnsName().equals(name) && e.recordType().equals("A"))
        .flatMap(e -> e.targets().stream()).sorted().toList();
  }
}
