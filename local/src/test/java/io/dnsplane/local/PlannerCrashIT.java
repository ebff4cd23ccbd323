package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.spi.Zone;
import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.model.Endpoint;
import io.dnsplane.schema.TopicSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planner as its own process, killed with SIGKILL at a random point of a stream of changes
 * from two clusters, then started again: the zone ends as the clusters want it, and the audit log
 * shows every change applied exactly once (exactly-once Streams: what the killed planner had not
 * committed is never seen by the applier).
 */
class PlannerCrashIT {
  private static final Logger log = LoggerFactory.getLogger(PlannerCrashIT.class);
  private static final int NAMES = 24;

  @TempDir
  Path stateDir;

  LocalPipeline pipeline;
  Process planner;

  @AfterEach
  void stop() {
    if (planner != null) {
      planner.destroyForcibly();
    }
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void aPlannerKilledAtARandomPointLosesNothingAndAppliesNothingTwice() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int killAfter = 1 + random.nextInt(NAMES - 2);
    log.info("seed {}: the planner is killed after {} of {} changes", seed, killAfter, NAMES);
    pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3, Duration.ofSeconds(1),
        Duration.ofMinutes(10)));
    Zone zone = new Zone("example.com", "example.com");
    await().atMost(Duration.ofSeconds(90)).until(() -> has(zone, "api.example.com"));
    pipeline.stopPlanner();
    planner = startPlanner("first");

    Map<String, String> expected = new TreeMap<>();
    for (int i = 0; i < NAMES; i++) {
      String cluster = i % 2 == 0 ? "cluster-a" : "cluster-b";
      String name = "churn-" + i;
      String ip = "192.0.2." + (120 + i);
      Ingresses.create(pipeline.clusters().get(cluster).client(), name, name + ".example.com", ip);
      expected.put(name + ".example.com", ip);
      if (i + 1 == killAfter) {
        planner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        log.info("planner killed");
        planner = startPlanner("second");
      }
    }
    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
      Map<String, String> actual = new TreeMap<>();
      pipeline.provider().records(zone).stream().filter(e -> e.dnsName().startsWith("churn-") && e.recordType().equals("A"))
          .forEach(e -> actual.put(e.dnsName(), String.join(",", e.targets())));
      assertThat(actual).as("seed %d", seed).isEqualTo(expected);
    });
    // Every name created once: one APPLIED result created it, none was refused for existing already.
    // (A result is committed just after its change reaches the zone: wait until the last is there.)
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      List<ApplyResult> results = TopicSnapshot.read(pipeline.connection(), pipeline.topics().applyResults(),
          (k, v) -> v != null).stream().map(TopicSnapshot.Entry::value).toList();
      for (String name : expected.keySet()) {
        List<ApplyResult> creating = results.stream().filter(r -> r.getAfter().stream()
            .anyMatch(e -> e.getDnsName().equals(name) && e.getRecordType().equals("A"))
            && r.getBefore().stream().noneMatch(e -> e.getDnsName().equals(name) && e.getRecordType().equals("A"))).toList();
        assertThat(creating).as("seed %d: results creating %s", seed, name).hasSize(1)
            .allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(ApplyStatus.APPLIED));
      }
      assertThat(results).as("seed %d", seed).noneMatch(r -> r.getStatus() == ApplyStatus.FAILED
          && r.getAfter().stream().anyMatch(e -> e.getDnsName().startsWith("churn-")));
    });
  }

  private boolean has(Zone zone, String name) {
    return pipeline.provider().records(zone).stream().map(Endpoint::dnsName).anyMatch(name::equals);
  }

  private Process startPlanner(String which) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "io.dnsplane.planner.PlannerMain", "--policy=sync", "--kafka-bootstrap-servers=" + pipeline.bootstrapServers(),
        "--state-dir=" + stateDir.resolve("planner-" + which), "--metrics-address=127.0.0.1:0");
    builder.redirectErrorStream(true).redirectOutput(stateDir.resolve("planner-" + which + ".log").toFile());
    return builder.start();
  }
}
