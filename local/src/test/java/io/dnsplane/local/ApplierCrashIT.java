package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.fakes.route53.Route53Fake;
import io.dnsplane.schema.TopicSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An applier process killed (SIGKILL) after Route53 applied its change but before it heard back:
 * the restarted applier lists the zone, finds the batch already applied, and reports it once. And
 * killed at random points of a stream of changes from two clusters: nothing lost, nothing twice.
 */
class ApplierCrashIT {
  private static final Logger log = LoggerFactory.getLogger(ApplierCrashIT.class);
  private static final int NAMES = 24;

  @TempDir
  Path stateDir;

  private LocalPipeline pipeline;
  private Process applier;
  private Route53Fake route53;
  private DnsProvider client;
  private Zone example;

  /**
   * The pipeline through Route53 until the examples are applied, then the applier as its own
   * process, as in production; returns the zone listings Route53 had served before it started.
   */
  private int startWithApplierProcess() throws IOException {
    pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3, Duration.ofSeconds(1),
        Duration.ofMinutes(10)).withProvider("aws"));
    route53 = pipeline.route53();
    client = pipeline.newProviderClient();
    example = client.zones().get(0);
    await().atMost(Duration.ofSeconds(90)).until(() -> targets(client, example, "app.example.com", "A").size() == 2);
    pipeline.stopApplier();
    int listings = route53.zoneListings();
    applier = startApplierProcess(route53);
    return listings;
  }

  @AfterEach
  void stop() {
    if (applier != null) {
      applier.destroyForcibly();
    }
    if (client != null) {
      client.close();
    }
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void anApplierKilledMidBatchLeavesTheZoneRightAndReportsTheBatchOnce() throws Exception {
    int listings = startWithApplierProcess();
    await().atMost(Duration.ofSeconds(60)).until(() -> route53.zoneListings() > listings);

    CountDownLatch applied = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    route53.holdNextChangeOf("crash.example.com", applied, release);
    Ingresses.create(pipeline.clusters().get("cluster-a").client(), "crash", "crash.example.com", "192.0.2.77");
    assertThat(applied.await(60, TimeUnit.SECONDS)).as("Route53 received the change").isTrue();
    applier.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    release.countDown();
    assertThat(targets(client, example, "crash.example.com", "A")).containsExactly("192.0.2.77");
    assertThat(resultsFor("crash.example.com")).as("the killed applier published nothing").isEmpty();

    applier = startApplierProcess(route53);
    await().atMost(Duration.ofSeconds(90)).until(() -> !resultsFor("crash.example.com").isEmpty());
    // A later change of the same zone is reported after any duplicate would have been (one zone's
    // results keep their order): once it is, the count is final.
    Ingresses.create(pipeline.clusters().get("cluster-a").client(), "after-crash", "after-crash.example.com", "192.0.2.78");
    await().atMost(Duration.ofSeconds(90)).until(() -> !resultsFor("after-crash.example.com").isEmpty());
    assertThat(resultsFor("crash.example.com")).hasSize(1);

    ApplyResult result = resultsFor("crash.example.com").get(0);
    assertThat(result.getStatus()).isEqualTo(ApplyStatus.APPLIED);
    // "already applied": the batch reached Route53 no second time (the zone, listed at the
    // restart, held every change), so nothing was applied twice.
    assertThat(result.getReason()).contains("already applied");
    assertThat(targets(client, example, "crash.example.com", "A")).containsExactly("192.0.2.77");
    assertThat(client.records(example)).filteredOn(e -> e.dnsName().equals("a-crash.example.com")).hasSize(1);
  }

  @Test
  void anApplierKilledAtRandomPointsOfAStreamLosesNothingAndAppliesNothingTwice() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int firstKill = 1 + random.nextInt(NAMES / 2);
    int secondKill = firstKill + 1 + random.nextInt(NAMES / 2 - 1);
    long[] pauses = {random.nextInt(1500), random.nextInt(1500)};
    log.info("seed {}: the applier is killed after {} ({} ms later) and {} ({} ms later) of {} changes", seed, firstKill,
        pauses[0], secondKill, pauses[1], NAMES);
    startWithApplierProcess();

    Map<String, String> expected = new TreeMap<>();
    int kills = 0;
    for (int i = 0; i < NAMES; i++) {
      String name = "churn-" + i;
      String ip = "192.0.2." + (120 + i);
      Ingresses.create(pipeline.clusters().get(i % 2 == 0 ? "cluster-a" : "cluster-b").client(), name,
          name + ".example.com", ip);
      expected.put(name + ".example.com", ip);
      if (i + 1 == firstKill || i + 1 == secondKill) {
        Thread.sleep(pauses[kills++]);
        applier.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        log.info("applier killed after change {}", i + 1);
        applier = startApplierProcess(route53);
      }
    }
    await().atMost(Duration.ofSeconds(150)).untilAsserted(() -> {
      Map<String, String> actual = new TreeMap<>();
      client.records(example).stream().filter(e -> e.dnsName().startsWith("churn-") && e.recordType().equals("A"))
          .forEach(e -> actual.put(e.dnsName(), String.join(",", e.targets())));
      assertThat(actual).as("seed %d", seed).isEqualTo(expected);
    });
    // The last result committed after the zone holds everything: then every earlier one is committed too.
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      for (String name : expected.keySet()) {
        List<ApplyResult> results = resultsFor(name);
        assertThat(results).as("seed %d: results of %s", seed, name).hasSize(1)
            .allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(ApplyStatus.APPLIED));
      }
    });
    for (String name : expected.keySet()) {
      assertThat(route53.timesApplied("CREATE", name, "A")).as("seed %d: %s created", seed, name).isEqualTo(1);
      assertThat(client.records(example)).filteredOn(e -> e.dnsName().equals("a-" + name)).hasSize(1);
    }
  }

  private Process startApplierProcess(Route53Fake route53) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Daws.accessKeyId=AKIALOCAL", "-Daws.secretAccessKey=local", "-Daws.disableEc2Metadata=true",
        "io.dnsplane.applier.ApplierMain", "--provider=aws",
        "--kafka-bootstrap-servers=" + pipeline.bootstrapServers(), "--kafka-session-timeout=PT6S",
        "--aws-endpoint-url=" + route53.endpoint());
    builder.redirectErrorStream(true).redirectOutput(stateDir.resolve("applier-" + System.nanoTime() + ".log").toFile());
    return builder.start();
  }

  private List<ApplyResult> resultsFor(String name) {
    return TopicSnapshot.read(pipeline.connection(), pipeline.topics().applyResults(),
        (k, v) -> v != null && v.getAfter().stream().anyMatch(e -> e.getDnsName().equals(name)))
        .stream().map(TopicSnapshot.Entry::value).toList();
  }

  private static List<String> targets(DnsProvider client, Zone zone, String name, String type) {
    return client.records(zone).stream().filter(e -> e.dnsName().equals(name) && e.recordType().equals(type))
        .flatMap(e -> e.targets().stream()).sorted().toList();
  }
}
