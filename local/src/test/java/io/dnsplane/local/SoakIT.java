package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.fakes.route53.Route53Fake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded soak: four clusters churn (creates, moves, deletes) against Route53 while a fault is
 * injected in every round, in turn: Route53 drops connections, answers slowly, answers 5xx, throttles;
 * the applier, the planner, a watcher and the broker restart. Continuously (every 250 ms) the
 * records outside the churn must be exactly what they were and every churned record must carry its
 * TXT. After every round the churn pauses: the zone must converge to what the clusters want, and the
 * audit log must report every batch once and replay to the zone. Heap after GC and the planner's
 * state on disk are sampled at every round and written to {@code target/soak-report.md}.
 *
 * <p>Two minutes by default (CI); {@code -Ddnsplane.soak=PT30M} soaks longer.
 */
class SoakIT {
  private static final Logger log = LoggerFactory.getLogger(SoakIT.class);
  private static final String PREFIX = "soak-";
  private static final Duration ROUND = Duration.ofSeconds(8);
  private static final List<String> FAULTS = List.of("route53-drops-connections", "route53-slow", "route53-5xx",
      "route53-throttles", "applier-restart", "planner-restart", "watcher-restart", "broker-restart");

  @TempDir
  Path stateDir;

  record Sample(int round, String fault, long seconds, int changes, int alive, long convergedMillis, int results,
      long heapMb, long plannerStateKb) {}

  @Test
  void churnWithFaultsKeepsEveryInvariant() throws Exception {
    Duration length = Duration.parse(System.getProperty("dnsplane.soak", "PT2M"));
    long seed = System.nanoTime();
    Path examples = examplesWithFourClusters();
    try (LocalPipeline pipeline = LocalPipeline.start(new LocalConfig(stateDir, examples, 0, 3, Duration.ofSeconds(1),
        Duration.ofMinutes(10)).withProvider("aws"))) {
      Route53Fake route53 = pipeline.route53();
      await().atMost(Duration.ofSeconds(90)).until(() -> route53.snapshot("example.com").containsKey("api.example.com A"));
      // The examples' records are all there once two readings 2 s apart agree.
      AtomicReference<Map<String, List<String>>> previous = new AtomicReference<>();
      await().pollInterval(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(60))
          .until(() -> route53.snapshot("example.com").equals(previous.getAndSet(route53.snapshot("example.com"))));
      Map<String, List<String>> others = outsideChurn(route53.snapshot("example.com"));
      log.info("soak for {}, seed {}; {} record sets outside the churn must not move", length, seed, others.size());

      AtomicReference<String> broken = new AtomicReference<>();
      AtomicInteger checks = new AtomicInteger();
      ScheduledExecutorService checker = new ScheduledThreadPoolExecutor(1);
      checker.scheduleWithFixedDelay(() -> {
        try {
          Map<String, List<String>> zone = route53.snapshot("example.com");
          if (!outsideChurn(zone).equals(others)) {
            broken.compareAndSet(null, "records outside the churn changed: " + outsideChurn(zone));
          }
          zone.keySet().stream().filter(k -> k.startsWith(PREFIX) && k.endsWith(" A"))
              .filter(k -> !zone.containsKey("a-" + k.substring(0, k.length() - 2) + " TXT")).findFirst()
              .ifPresent(k -> broken.compareAndSet(null, k + " has no TXT ownership record"));
          checks.incrementAndGet();
        } catch (RuntimeException e) {
          broken.compareAndSet(null, "checker: " + e);
        }
      }, 250, 250, TimeUnit.MILLISECONDS);

      Churn churn = new Churn(seed, PREFIX, pipeline.clusters(), 150);
      List<String> clusterIds = List.copyOf(pipeline.clusters().keySet());
      List<Sample> samples = new ArrayList<>();
      Instant start = Instant.now();
      Map<String, Integer> injected = new TreeMap<>();
      int checkedResults = 0;
      try {
        for (int round = 0; Duration.between(start, Instant.now()).compareTo(length) < 0; round++) {
          String fault = FAULTS.get(round % FAULTS.size());
          Instant roundEnd = Instant.now().plus(ROUND);
          CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            while (Instant.now().isBefore(roundEnd)) {
              churn.step();
              sleep(100);
            }
          });
          inject(fault, round, pipeline, route53, clusterIds);
          injected.merge(fault, 1, Integer::sum);
          load.get(2, TimeUnit.MINUTES);
          route53.slowDown(Duration.ZERO);

          Instant pause = Instant.now();
          Map<String, String> expected = new TreeMap<>(churn.expected());
          await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
              assertThat(churned(route53.snapshot("example.com"))).as("seed %d, after %s", seed, fault).isEqualTo(expected));
          long converged = Duration.between(pause, Instant.now()).toMillis();
          int[] results = {0};
          await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
              results[0] = ResultsLedger.read(pipeline).assertMatches(PREFIX, expected, "seed " + seed + ", after " + fault));
          checkedResults = results[0];
          assertThat(broken.get()).as("seed %d: continuous invariants", seed).isNull();
          samples.add(new Sample(round, fault, Duration.between(start, Instant.now()).toSeconds(), churn.changes(),
              expected.size(), converged, results[0], heapAfterGcMb(), sizeKb(stateDir.resolve("planner"))));
          log.info("soak round {} ({}): {}", round, fault, samples.get(samples.size() - 1));
        }
      } finally {
        checker.shutdownNow();
      }
      assertThat(broken.get()).as("seed %d: continuous invariants", seed).isNull();
      String report = report(length, seed, churn, injected, checks.get(), checkedResults, samples);
      Files.writeString(Path.of("target", "soak-report.md"), report);
      log.info("soak report:\n{}", report);
    }
  }

  private static void inject(String fault, int round, LocalPipeline pipeline, Route53Fake route53, List<String> clusters) {
    switch (fault) {
      case "route53-drops-connections" -> route53.dropNext(3);
      case "route53-slow" -> route53.slowDown(Duration.ofMillis(300));
      case "route53-5xx" -> route53.failNext(2, 500, "InternalError");
      case "route53-throttles" -> route53.throttleNext(3);
      case "applier-restart" -> {
        pipeline.stopApplier();
        pipeline.startApplier();
      }
      case "planner-restart" -> {
        pipeline.stopPlanner();
        pipeline.startPlanner();
      }
      case "watcher-restart" -> {
        // Its cluster keeps changing while it is down: it must catch up from a fresh listing.
        String cluster = clusters.get(round % clusters.size());
        pipeline.stopWatcher(cluster);
        sleep(3000);
        pipeline.startWatcher(cluster);
      }
      case "broker-restart" -> pipeline.restartKafka(Duration.ofSeconds(3));
      default -> throw new IllegalArgumentException(fault);
    }
  }

  private static String report(Duration length, long seed, Churn churn, Map<String, Integer> injected, int checks,
      int results, List<Sample> samples) {
    StringBuilder out = new StringBuilder("# Soak report\n\n");
    out.append("Asked for ").append(length).append(", seed ").append(seed).append(". ").append(churn).append(" from ")
        .append("four clusters; faults injected: ").append(injected).append(".\n");
    out.append("Continuous checks passed: ").append(checks).append(" (every 250 ms). Audit results checked at the end: ")
        .append(results).append(", every batch once, the zone replayed from them.\n\n");
    out.append("| round | fault | at s | changes | names | converged ms | results | heap MB after GC | planner state KB |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Sample s : samples) {
      out.append(String.format("| %d | %s | %d | %d | %d | %d | %d | %d | %d |%n", s.round(), s.fault(), s.seconds(),
          s.changes(), s.alive(), s.convergedMillis(), s.results(), s.heapMb(), s.plannerStateKb()));
    }
    if (samples.size() >= 2) {
      Sample first = samples.get(0);
      Sample last = samples.get(samples.size() - 1);
      out.append(String.format("%nFrom the first round to the last: heap %d to %d MB, planner state %d to %d KB, "
          + "names %d to %d, converged in a median of %d ms.%n", first.heapMb(), last.heapMb(), first.plannerStateKb(),
          last.plannerStateKb(), first.alive(), last.alive(),
          samples.stream().mapToLong(Sample::convergedMillis).sorted().toArray()[samples.size() / 2]));
    }
    return out.toString();
  }

  private static Map<String, List<String>> outsideChurn(Map<String, List<String>> zone) {
    Map<String, List<String>> out = new TreeMap<>(zone);
    out.keySet().removeIf(k -> k.startsWith(PREFIX) || k.startsWith("a-" + PREFIX));
    return out;
  }

  private static Map<String, String> churned(Map<String, List<String>> zone) {
    Map<String, String> out = new TreeMap<>();
    zone.forEach((k, v) -> {
      if (k.startsWith(PREFIX) && k.endsWith(" A")) {
        out.put(k.substring(0, k.length() - 2), String.join(",", v));
      }
    });
    return out;
  }

  private static long heapAfterGcMb() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  private static long sizeKb(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0; // RocksDB removes files as it compacts
        }
      }).sum() / 1024;
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  /** The examples, with two more (empty) clusters: four watchers. */
  private Path examplesWithFourClusters() throws IOException {
    Path copy = stateDir.resolve("examples");
    try (Stream<Path> files = Files.walk(PipelineTestBase.EXAMPLES)) {
      for (Path from : files.toList()) {
        Path to = copy.resolve(PipelineTestBase.EXAMPLES.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    Files.createDirectories(copy.resolve("clusters").resolve("cluster-c"));
    Files.createDirectories(copy.resolve("clusters").resolve("cluster-d"));
    return copy;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
