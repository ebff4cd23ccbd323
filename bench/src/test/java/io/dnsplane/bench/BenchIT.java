package io.dnsplane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark itself, very small, through the planner's and applier's jars: it runs every
 * phase, stops what it started, and its figures are counted right. Nothing here is timed.
 */
class BenchIT {
  @TempDir
  Path dir;

  @Test
  void aSmallRunMeasuresEveryPhaseAndReportsIt() throws Exception {
    Path report = dir.resolve("report.md");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      exit = io.dnsplane.runtime.Cli.commandLine(new BenchMain()).execute("--home", Path.of("..").toAbsolutePath().toString(),
          "--names", "300", "--rates", "50", "--latency-seconds", "2", "--steady-seconds", "2", "--runs", "1",
          "--clusters", "3", "--report", report.toString());
    } finally {
      System.setOut(original);
    }
    assertThat(exit).isZero();
    Map<String, Double> figures = Arrays.stream(stdout.toString(StandardCharsets.UTF_8).split("\n"))
        .filter(line -> line.matches("[a-z0-9_]+ (-?[0-9.]+|n/a) .+")) // the figures, not the log lines
        .map(line -> line.split(" "))
        .collect(Collectors.toMap(parts -> parts[0], parts -> parts[1].equals("n/a") ? Double.NaN : Double.parseDouble(parts[1])));

    // Every name and its TXT went in, in no fewer calls than Route53's limits allow.
    assertThat(figures.get("cold_sync_300_names_change_calls")).isGreaterThanOrEqualTo(figures.get("cold_sync_300_names_floor_calls"));
    assertThat(figures.get("cold_sync_300_names_floor_calls")).isPositive(); // about 31,500 value characters: 1 or 2 calls
    assertThat(figures.get("planner_300_names_heap_used")).isPositive();
    assertThat(figures.get("applier_300_names_rss")).isPositive();
    assertThat(figures.get("planner_300_names_state_on_disk")).isPositive();
    // Every change made was applied, and timed from its object to Route53.
    assertThat(figures.get("latency_50_per_s_applied")).isEqualTo(figures.get("latency_50_per_s_changes")).isPositive();
    assertThat(figures.get("latency_50_per_s_to_answer_p99")).isGreaterThanOrEqualTo(figures.get("latency_50_per_s_to_call_p50"));
    // Nothing listed between drift checks; one drift check is ListHostedZones and the zone's pages.
    assertThat(figures.get("steady_state_300_names_list_calls_between_drift_checks")).isZero();
    assertThat(figures.get("steady_state_300_names_change_calls")).isZero();
    assertThat(figures.get("steady_state_300_names_drift_check_calls")).isEqualTo(1 + 3); // 602 record sets: 3 pages
    assertThat(Files.readString(report)).contains("## Latency", "## Cold sync", "## Steady state", "| 50 |", "| 300 |");
  }
}
