package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.spi.Zone;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker restarted (down for seconds) while two clusters keep creating, moving and deleting
 * names: the watchers' producers, the planner's exactly-once Streams and the applier's transactions
 * ride it out; the zone ends as the clusters want it and the audit log reports every batch once.
 */
class BrokerRestartIT {
  private static final Logger log = LoggerFactory.getLogger(BrokerRestartIT.class);
  private static final int CHANGES = 60;

  @TempDir
  Path stateDir;

  @Test
  void aBrokerRestartedUnderLoadLosesNothingAndAppliesNothingTwice() throws Exception {
    long seed = System.nanoTime();
    try (LocalPipeline pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3,
        Duration.ofSeconds(1), Duration.ofMinutes(10)))) {
      Zone zone = new Zone("example.com", "example.com");
      await().atMost(Duration.ofSeconds(90)).until(() -> !aRecords(pipeline, zone, "api.").isEmpty());
      Churn churn = new Churn(seed, "restart-", pipeline.clusters());
      log.info("seed {}: {} changes, the broker restarted after the 20th", seed, CHANGES);
      CompletableFuture<Void> restarted = new CompletableFuture<>();
      CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
        for (int i = 0; i < CHANGES; i++) {
          churn.step();
          if (i == 20) {
            CompletableFuture.runAsync(() -> pipeline.restartKafka(Duration.ofSeconds(5)))
                .whenComplete((v, e) -> complete(restarted, e));
          }
          sleep(150);
        }
      });
      load.get(120, TimeUnit.SECONDS);
      restarted.get(120, TimeUnit.SECONDS);
      log.info("load done: {}", churn);

      Map<String, String> expected = churn.expected();
      await().atMost(Duration.ofSeconds(180)).untilAsserted(() ->
          assertThat(aRecords(pipeline, zone, churn.prefix())).as("seed %d", seed).isEqualTo(new TreeMap<>(expected)));
      // A result is committed just after its change: wait for the ledger to catch up with the zone.
      int[] checked = {0};
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          checked[0] = ResultsLedger.read(pipeline).assertMatches(churn.prefix(), expected, "seed " + seed));
      log.info("seed {}: {}; {} results checked, each batch once, the zone replayed from them", seed, churn, checked[0]);
    }
  }

  static Map<String, String> aRecords(LocalPipeline pipeline, Zone zone, String prefix) {
    Map<String, String> records = new TreeMap<>();
    pipeline.provider().records(zone).stream().filter(e -> e.recordType().equals("A") && e.dnsName().startsWith(prefix))
        .forEach(e -> records.put(e.dnsName(), String.join(",", e.targets())));
    return records;
  }

  private static void complete(CompletableFuture<Void> future, Throwable error) {
    if (error == null) {
      future.complete(null);
    } else {
      future.completeExceptionally(error);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
