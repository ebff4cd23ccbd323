package io.dnsplane.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The benchmark's Markdown report: the command, the machine, then a table per figure group (medians; min-max of the runs). */
final class BenchReport {
  private BenchReport() {}

  static String markdown(Figures f, BenchSettings s, java.util.List<String> failures, Duration took) {
    StringBuilder md = new StringBuilder("# dnsplane benchmark\n\n");
    md.append("- Command: `./dnsplane bench").append(s.quick() ? " --quick" : "").append("` (runs ").append(s.runs())
        .append(", names ").append(s.sizes()).append(", rates ").append(s.rates()).append(" changes/s for ")
        .append(s.latencyLength().toSeconds()).append(" s each, ").append(s.clusters()).append(" clusters, ")
        .append(s.partitions()).append(" partitions, services with ").append(String.join(" ", s.serviceJavaOptions()))
        .append(")\n- Machine: ").append(machine()).append("\n- When: ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(", ").append(took.toSeconds()).append(" s in all\n- Figures are medians of the runs; [min-max] when runs > 1.\n");
    failures.forEach(failure -> md.append("- **Failed** ").append(failure).append('\n'));

    md.append("\n## Latency: object change to provider call, and to the change being answered\n\n");
    md.append("| changes/s | changes | applied | achieved/s | to call p50 / p95 / p99 | to answer p50 / p95 / p99 |"
        + " hops p50: planner, applier, provider | change calls | ExternalDNS (model) p50 / p99 |\n");
    md.append("|---:|---:|---:|---:|---|---|---|---:|---|\n");
    for (int rate : s.rates()) {
      String p = Measure.latency(rate);
      if (!f.has(p + "_changes")) {
        continue;
      }
      md.append("| ").append(rate).append(" | ").append(v(f, p + "_changes")).append(" | ").append(v(f, p + "_applied"))
          .append(" | ").append(v(f, p + "_achieved")).append(" | ")
          .append(ms(f, p + "_to_call_p50")).append(" / ").append(ms(f, p + "_to_call_p95")).append(" / ").append(ms(f, p + "_to_call_p99"))
          .append(" | ").append(ms(f, p + "_to_answer_p50")).append(" / ").append(ms(f, p + "_to_answer_p95")).append(" / ")
          .append(ms(f, p + "_to_answer_p99")).append(" | ").append(ms(f, p + "_hop_planner_p50")).append(", ")
          .append(ms(f, p + "_hop_applier_p50")).append(", ").append(ms(f, p + "_hop_provider_p50")).append(" | ").append(v(f, p + "_change_calls")).append(" | ")
          .append(seconds(f, p + "_externaldns_model_p50")).append(" / ").append(seconds(f, p + "_externaldns_model_p99")).append(" |\n");
    }

    md.append("\n## Cold sync (a record and its TXT a name), planner throughput, memory\n\n");
    md.append("| names | wall | change calls (all calls) | floor: calls, wall | wall / floor | ExternalDNS (model): calls, wall |"
        + " planner events/s | planner heap used / RSS | applier heap used / RSS | planner state on disk |\n");
    md.append("|---:|---:|---:|---|---:|---|---:|---|---|---:|\n");
    for (int n : s.sizes()) {
      String c = Measure.cold(n);
      String pl = "planner_" + n + "_names";
      String ap = "applier_" + n + "_names";
      md.append("| ").append(String.format("%,d", n)).append(" | ").append(v(f, c + "_wall")).append(" s | ")
          .append(v(f, c + "_change_calls")).append(" (").append(v(f, c + "_all_calls")).append(") | ")
          .append(v(f, c + "_floor_calls")).append(", ").append(v(f, c + "_floor_wall")).append(" s | ")
          .append(v(f, c + "_wall_over_floor")).append(" | ").append(v(f, c + "_externaldns_model_calls")).append(", ")
          .append(v(f, c + "_externaldns_model_wall")).append(" s | ").append(v(f, pl + "_events_per_s")).append(" | ")
          .append(v(f, pl + "_heap_used")).append(" / ").append(v(f, pl + "_rss")).append(" MiB | ")
          .append(v(f, ap + "_heap_used")).append(" / ").append(v(f, ap + "_rss")).append(" MiB | ")
          .append(v(f, pl + "_state_on_disk")).append(" MiB |\n");
    }

    md.append("\n## Steady state: ").append(s.steadyWindow().toSeconds()).append(" s without changes, then one drift check\n\n");
    md.append("| names | list calls in the window | change calls in the window | one drift check | calls an hour |"
        + " ExternalDNS (model) calls an hour | ExternalDNS / dnsplane |\n|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int n : s.sizes()) {
      String p = Measure.steady(n);
      double ours = f.median(p + "_calls_per_hour");
      double theirs = f.median(p + "_externaldns_model_calls_per_hour");
      md.append("| ").append(String.format("%,d", n)).append(" | ").append(v(f, p + "_list_calls_between_drift_checks"))
          .append(" | ").append(v(f, p + "_change_calls")).append(" | ").append(v(f, p + "_drift_check_calls")).append(" | ")
          .append(v(f, p + "_calls_per_hour")).append(" | ").append(v(f, p + "_externaldns_model_calls_per_hour")).append(" | ")
          .append(ours > 0 ? Figures.format(theirs / ours) : "n/a").append(" |\n");
    }

    boolean growth = f.all().stream().anyMatch(x -> x.name().startsWith("growth_"));
    if (growth) {
      md.append("\n## Growth from ").append(String.format("%,d", s.sizes().get(0))).append(" to ")
          .append(String.format("%,d", s.sizes().get(s.sizes().size() - 1)))
          .append(" names (the exponent k of value ~ names^k: 1 is linear)\n\n| figure | exponent | shape |\n|---|---:|---|\n");
      f.all().stream().filter(x -> x.name().startsWith("growth_")).forEach(x -> md.append("| ")
          .append(x.name().substring("growth_".length())).append(" | ").append(Figures.format(x.median())).append(" | ")
          .append(x.unit().replace("exponent, ", "")).append(" |\n"));
    }

    md.append("\n## Every figure\n\n| figure | median | min | max | unit |\n|---|---:|---:|---:|---|\n");
    for (Figures.Figure x : f.all()) {
      md.append("| ").append(x.name()).append(" | ").append(Figures.format(x.median())).append(" | ")
          .append(Figures.format(x.min())).append(" | ").append(Figures.format(x.max())).append(" | ").append(x.unit()).append(" |\n");
    }
    return md.toString();
  }

  private static String v(Figures f, String name) {
    Figures.Figure x = f.get(name);
    if (x == null) {
      return "n/a";
    }
    String median = Figures.format(x.median());
    return x.values().size() > 1 ? median + " [" + Figures.format(x.min()) + "-" + Figures.format(x.max()) + "]" : median;
  }

  private static String ms(Figures f, String name) {
    return v(f, name) + " ms";
  }

  private static String seconds(Figures f, String name) {
    double millis = f.median(name);
    return Double.isNaN(millis) ? "n/a" : Figures.format(millis / 1000) + " s";
  }

  /** Cores, memory, OS and Java of this machine. */
  static String machine() {
    long memory = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          memory = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      memory = -1;
    }
    return Runtime.getRuntime().availableProcessors() + " cores, " + (memory < 0 ? "?" : memory + " GiB") + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
  }
}
