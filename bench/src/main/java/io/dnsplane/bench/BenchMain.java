package io.dnsplane.bench;

import io.dnsplane.runtime.Cli;
import io.dnsplane.runtime.Logging;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./dnsplane bench}: the pipeline measured end to end (README's performance section). A
 * benchmark, not a test: it asserts nothing about time, it reports. Every phase has a time limit,
 * and everything it starts is stopped when it ends, fails or is interrupted.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measures dnsplane end to end through an embedded Kafka broker: simulated clusters publishing through the"
        + " watcher's code, the planner and the Route53 applier as their own processes, the local Route53 holding AWS's"
        + " limits (5 requests a second). Reports latency, planner throughput, cold sync, steady state, memory and growth,"
        + " beside ExternalDNS's loop on the same work (a model). Exit code 0, or 3 when a run failed (the report says"
        + " why and where its services' logs were kept)."})
public final class BenchMain implements Callable<Integer> {
  @Option(names = "--quick", description = "A reduced run (cold sync of 5,000 names, latency at 100 and 1,000 changes/s for 6 s each,"
      + " 10 s of steady state; one run) in under two minutes; prints one line a figure: name value unit.")
  boolean quick;

  @Option(names = "--runs", description = "Runs of everything; figures are their medians (default: 3, --quick 1).")
  Integer runs;

  @Option(names = "--names", split = ",", description = "Cold-sync sizes, names (default: 10000,100000; --quick 5000)."
      + " Latency is measured on the first size's names.")
  List<Integer> names;

  @Option(names = "--rates", split = ",", description = "Latency: changes a second (default: 100,1000,5000; --quick 100,1000).")
  List<Integer> rates;

  @Option(names = "--clusters", defaultValue = "10", description = "Simulated clusters the names and changes are spread over (default: ${DEFAULT-VALUE}).")
  int clusters;

  @Option(names = "--latency-seconds", description = "How long each rate is kept up (default: 20; --quick 6).")
  Integer latencySeconds;

  @Option(names = "--steady-seconds", description = "The steady-state window, seconds (default: 60; --quick 10).")
  Integer steadySeconds;

  @Option(names = "--partitions", defaultValue = "3", description = "Partitions of every topic (default: ${DEFAULT-VALUE}, as local mode).")
  int partitions;

  @Option(names = "--service-java-options", defaultValue = "-Xmx1g", split = " ",
      description = "JVM options of the planner and applier processes (default: ${DEFAULT-VALUE}).")
  List<String> serviceJavaOptions;

  @Option(names = "--service-log-level", defaultValue = "warning", description = "--log-level of the planner and applier;"
      + " their logs are kept with --keep-logs (default: ${DEFAULT-VALUE}).")
  String serviceLogLevel;

  @Option(names = "--planner-arg", description = "A flag for the planner processes, repeatable (--planner-arg=--kafka-property=K=V).")
  List<String> plannerArgs = new java.util.ArrayList<>();

  @Option(names = "--applier-arg", description = "A flag for the applier processes, repeatable.")
  List<String> applierArgs = new java.util.ArrayList<>();

  @Option(names = "--keep-logs", description = "Copy the planner's and applier's logs of each run here (a failed run's"
      + " are always kept, beside the report).")
  Path keepLogs;

  @Option(names = "--report", description = "Where the Markdown report goes (default: .dnsplane/bench/report.md under the dnsplane folder).")
  Path report;

  @Option(names = "--home", description = "The dnsplane folder holding the built jars (default: the launcher's folder).")
  Path home;

  public static void main(String[] args) {
    Logging.forCommandLine();
    Logging.quiet("warning", "io.dnsplane", "kafka", "org.apache.kafka.server", "org.apache.kafka.raft");
    System.exit(Cli.commandLine(new BenchMain()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    Path root = home != null ? home : Path.of(System.getProperty("dnsplane.home", ".")).toAbsolutePath().normalize();
    int runCount = runs != null ? runs : quick ? 1 : 3;
    List<Integer> sizes = names != null ? names : quick ? List.of(5_000) : List.of(10_000, 100_000);
    List<Integer> latencyRates = rates != null ? rates : quick ? List.of(100, 1000) : List.of(100, 1000, 5000);
    Duration latencyLength = Duration.ofSeconds(latencySeconds != null ? latencySeconds : quick ? 6 : 20);
    Duration steadyWindow = Duration.ofSeconds(steadySeconds != null ? steadySeconds : quick ? 10 : 60);
    if (runCount < 1 || sizes.isEmpty() || sizes.stream().anyMatch(n -> n < clusters) || clusters < 1
        || latencyRates.stream().anyMatch(r -> r < 1)) {
      throw new IllegalArgumentException("--runs, --clusters and --rates must be at least 1, and every --names at least --clusters");
    }
    BenchSettings settings = new BenchSettings(runCount, sizes, latencyRates, latencyLength, steadyWindow, clusters, partitions,
        serviceJavaOptions, quick);
    Figures figures = new Figures();
    List<String> failures = new java.util.ArrayList<>();
    Path out = report != null ? report : root.resolve(".dnsplane/bench/report.md");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path work = Files.createTempDirectory("dnsplane-bench-");
    long started = System.nanoTime();
    try {
      for (int run = 1; run <= runCount; run++) {
        for (int s = 0; s < sizes.size(); s++) {
          int size = sizes.get(s);
          String name = "run-" + run + "-" + size;
          System.err.printf("bench: run %d of %d, %,d names ...%n", run, runCount, size);
          BenchRig.Settings rigSettings = new BenchRig.Settings(root, work.resolve(name), clusters,
              partitions, serviceJavaOptions, serviceLogLevel, plannerArgs, applierArgs);
          // A run that fails is reported, its services' logs kept, and the other runs go on: a
          // stuck name is a finding, and the figures measured so far are not lost with it.
          try (BenchRig rig = BenchRig.start(rigSettings)) {
            Measure.coldSync(figures, Phases.coldSync(rig, size, coldSyncTimeout(size)));
            if (s == 0) {
              for (int rate : latencyRates) {
                Measure.latency(figures, Phases.latency(rig, rate, latencyLength, size, Duration.ofMinutes(2)));
              }
            }
            Measure.steadyState(figures, size, Phases.steadyState(rig, steadyWindow));
          } catch (RuntimeException e) {
            Path logs = out.toAbsolutePath().getParent().resolve("failed-" + name);
            keepLogs(rigSettings.workDir(), logs, name);
            failures.add(name + ": " + e.getMessage() + " (logs in " + logs + ")");
            System.err.println("bench: " + name + " failed: " + e.getMessage() + "; logs in " + logs);
          } finally {
            if (keepLogs != null) {
              keepLogs(rigSettings.workDir(), keepLogs, name);
            }
          }
          deleteFolder(rigSettings.workDir());
          Files.writeString(out, BenchReport.markdown(figures, settings, failures, Duration.ofNanos(System.nanoTime() - started)));
        }
      }
    } finally {
      deleteFolder(work);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Measure.growth(figures, sizes);
    figures.all().forEach(f -> System.out.println(Figures.line(f)));
    failures.forEach(f -> System.out.println("failed " + f));
    Files.writeString(out, BenchReport.markdown(figures, settings, failures, took));
    System.err.println("bench: report in " + out + " (" + took.toSeconds() + " s)");
    return failures.isEmpty() ? 0 : 3;
  }

  /** Generous: ten times the floor Route53 sets, and at least five minutes. */
  static Duration coldSyncTimeout(int names) {
    return Duration.ofSeconds(Math.max(300, names / 50));
  }

  private static void keepLogs(Path workDir, Path to, String run) throws IOException {
    Files.createDirectories(to);
    for (String service : List.of("planner", "applier")) {
      Path log = workDir.resolve(service + ".log");
      if (Files.exists(log)) {
        Files.copy(log, to.resolve(run + "-" + service + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static void deleteFolder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

}
