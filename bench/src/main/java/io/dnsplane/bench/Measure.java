package io.dnsplane.bench;

import java.util.List;

/** Each phase's result as named figures (name, value, unit): the names --quick prints and the report reads. */
final class Measure {
  private static final double MIB = 1024 * 1024;

  private Measure() {}

  static String cold(int names) {
    return "cold_sync_" + names + "_names";
  }

  static String latency(int rate) {
    return "latency_" + rate + "_per_s";
  }

  static String steady(int names) {
    return "steady_state_" + names + "_names";
  }

  static void coldSync(Figures f, Phases.ColdSync c) {
    String p = cold(c.names());
    f.add(p + "_wall", c.wall().toMillis() / 1000.0, "s");
    f.add(p + "_change_calls", c.changeCalls(), "calls");
    f.add(p + "_all_calls", BenchRig.total(c.calls()), "calls");
    f.add(p + "_floor_calls", c.floor().calls(), "calls");
    f.add(p + "_floor_wall", c.floor().seconds(), "s");
    f.add(p + "_wall_over_floor", c.wall().toMillis() / 1000.0 / Math.max(1, c.floor().seconds()), "x");
    f.add(p + "_externaldns_model_calls", c.externalDnsCalls(), "calls");
    f.add(p + "_externaldns_model_wall", c.externalDnsSeconds(), "s");
    f.add("planner_" + c.names() + "_names_events_per_s", c.plannerEventsPerSecond(), "events/s");
    memory(f, "planner_" + c.names() + "_names", c.memory().planner());
    memory(f, "applier_" + c.names() + "_names", c.memory().applier());
    f.add("planner_" + c.names() + "_names_state_on_disk", c.memory().plannerStateBytes() / MIB, "MiB");
  }

  private static void memory(Figures f, String prefix, ServiceProcess.Memory m) {
    f.add(prefix + "_heap_used", m.heapUsedBytes() / MIB, "MiB");
    f.add(prefix + "_rss", m.rssBytes() / MIB, "MiB");
  }

  static void latency(Figures f, Phases.Latency l) {
    String p = latency(l.rate());
    f.add(p + "_changes", l.changes(), "changes");
    f.add(p + "_applied", l.applied(), "changes");
    f.add(p + "_achieved", l.achievedPerSecond(), "changes/s");
    f.add(p + "_to_call_p50", l.toCall().p50().toMillis(), "ms");
    f.add(p + "_to_call_p95", l.toCall().p95().toMillis(), "ms");
    f.add(p + "_to_call_p99", l.toCall().p99().toMillis(), "ms");
    f.add(p + "_to_answer_p50", l.toAnswer().p50().toMillis(), "ms");
    f.add(p + "_to_answer_p95", l.toAnswer().p95().toMillis(), "ms");
    f.add(p + "_to_answer_p99", l.toAnswer().p99().toMillis(), "ms");
    f.add(p + "_hop_planner_p50", l.hopMedians().planner().toMillis(), "ms");
    f.add(p + "_hop_applier_p50", l.hopMedians().applier().toMillis(), "ms");
    f.add(p + "_hop_provider_p50", l.hopMedians().provider().toMillis(), "ms");
    f.add(p + "_change_calls", l.calls().getOrDefault("ChangeResourceRecordSets", 0), "calls");
    f.add(p + "_externaldns_model_p50", l.externalDnsP50Seconds() * 1000, "ms");
    f.add(p + "_externaldns_model_p99", l.externalDnsP99Seconds() * 1000, "ms");
  }

  static void steadyState(Figures f, int names, Phases.SteadyState s) {
    String p = steady(names);
    f.add(p + "_list_calls_between_drift_checks", s.listCallsInWindow(), "calls");
    f.add(p + "_change_calls", s.changeCallsInWindow(), "calls");
    f.add(p + "_drift_check_calls", s.driftCheckCalls(), "calls");
    f.add(p + "_calls_per_hour", s.callsPerHour(), "calls");
    f.add(p + "_externaldns_model_calls_per_hour", s.externalDnsCallsPerHour(), "calls");
  }

  /** Every figure measured at both the first and the last size, as a growth. */
  static void growth(Figures f, List<Integer> sizes) {
    if (sizes.size() < 2) {
      return;
    }
    int small = sizes.get(0);
    int large = sizes.get(sizes.size() - 1);
    for (Figures.Figure figure : f.all()) {
      String marker = "_" + small + "_names";
      if (!figure.name().contains(marker)) {
        continue;
      }
      String largeName = figure.name().replace(marker, "_" + large + "_names");
      if (f.has(largeName)) {
        Growth g = Growth.between(small, figure.median(), large, f.median(largeName));
        f.add("growth_" + figure.name().replace(marker, ""), g.exponent(), "exponent, " + g.shape());
      }
    }
  }
}
