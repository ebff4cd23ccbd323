package io.dnsplane.bench;

import io.dnsplane.bench.Timeline.Stamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The benchmark's phases, each run on a rig and returning what it measured. */
final class Phases {
  private Phases() {}

  record Memory(ServiceProcess.Memory planner, ServiceProcess.Memory applier, long plannerStateBytes) {}

  record ColdSync(int names, Duration wall, Map<String, Integer> calls, Route53Floor.Floor floor, double plannerEventsPerSecond,
      int externalDnsCalls, double externalDnsSeconds, Memory memory) {
    int changeCalls() {
      return calls.getOrDefault("ChangeResourceRecordSets", 0);
    }
  }

  /**
   * {@code names} new names (an Ingress each, spread over the clusters) published at once, as the
   * clusters' initial sync: until every record and its TXT is in the zone.
   */
  static ColdSync coldSync(BenchRig rig, int names, Duration timeout) {
    Timeline t = rig.timeline();
    t.clear();
    rig.route53().resetCalls();
    Instant start = Instant.now();
    for (int i = 0; i < names; i++) {
      rig.change(i, rig.nextValue());
    }
    rig.clustersSynced(names);
    int expected = 2 + 2 * names; // SOA, NS, and each name's A and TXT
    if (!BenchRig.await(() -> rig.route53().recordSetCount(rig.zoneId()) >= expected && t.pending() == 0, timeout,
        Duration.ofMillis(100))) {
      throw new IllegalStateException("cold sync of " + names + " names not done within " + timeout + ": "
          + rig.route53().recordSetCount(rig.zoneId()) + " of " + expected + " record sets, " + t.pending() + " names pending");
    }
    Duration wall = Duration.between(start, t.last(s -> s.applied));
    Map<String, Integer> calls = rig.route53().calls();
    // Planned = readable in the changes topic: the planner's transaction committed (its batches'
    // plannedAt is the event's time, not the planning's).
    Instant lastPlanned = t.last(s -> s.committed);
    Duration planned = lastPlanned == null ? Duration.ZERO : Duration.between(start, lastPlanned);
    Route53Floor.Floor floor = Route53Floor.of(costs(rig, names, 1));
    Route53Floor.Floor perCluster = Route53Floor.of(costs(rig, names, rig.clusterCount()));
    ExternalDnsModel edns = ExternalDnsModel.defaults(rig.clusterCount());
    // Settled: the applier's reports of what it observed have gone through the planner too.
    rig.awaitPlannerIdle(Duration.ofMinutes(3));
    Memory memory = new Memory(rig.planner().memory(), rig.applier().memory(), rig.plannerStateBytes());
    return new ColdSync(names, wall, calls, floor, names / Math.max(0.001, planned.toNanos() / 1e9),
        edns.coldSyncCalls(perCluster.calls(), 2), edns.coldSyncSeconds(perCluster.calls(), 2), memory);
  }

  /**
   * What each name costs in one Route53 call, read back from the zone (the A record and the TXT
   * dnsplane wrote): every name, or with {@code step} the number of clusters, the first cluster's.
   */
  private static List<Route53Floor.NameCost> costs(BenchRig rig, int names, int step) {
    Map<String, List<String>> zone = rig.route53().snapshot(BenchRig.ZONE);
    List<Route53Floor.NameCost> out = new ArrayList<>();
    for (int i = 0; i < names; i += step) {
      String host = SyntheticCluster.host(i, BenchRig.ZONE);
      int chars = chars(zone.get(host + " A")) + chars(zone.get("a-" + host + " TXT"));
      out.add(new Route53Floor.NameCost(2, chars));
    }
    return out;
  }

  private static int chars(List<String> values) {
    return values == null ? 0 : values.stream().mapToInt(String::length).sum();
  }

  /** Medians of each hop: through the planner to its committed batch, through the applier to the call, through the provider. */
  record Hops(Duration planner, Duration applier, Duration provider) {}

  record Latency(int rate, Duration length, int changes, long applied, Percentiles toCall, Percentiles toAnswer, Hops hopMedians,
      Map<String, Integer> calls, double externalDnsP50Seconds, double externalDnsP99Seconds) {
    double achievedPerSecond() {
      return applied / (length.toNanos() / 1e9);
    }
  }

  /**
   * {@code rate} changes a second for {@code length}: each a name of the pool (round robin, so over
   * every cluster) wanting a new address. Then until every name has its last value.
   */
  static Latency latency(BenchRig rig, int rate, Duration length, int pool, Duration drainTimeout) {
    rig.awaitPlannerIdle(Duration.ofMinutes(3));
    Timeline t = rig.timeline();
    t.clear();
    rig.route53().resetCalls();
    long start = System.nanoTime();
    long emitted = 0;
    while (System.nanoTime() - start < length.toNanos()) {
      long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
      for (; emitted < due; emitted++) {
        rig.change((int) (emitted % pool), rig.nextValue());
      }
      ServiceProcess.pause(Duration.ofMillis(2));
    }
    rig.flushClusters();
    BenchRig.await(() -> t.pending() == 0, drainTimeout, Duration.ofMillis(100));
    Percentiles toCall = Percentiles.of(t.between(s -> s.changed, s -> s.called));
    Percentiles toAnswer = Percentiles.of(t.between(s -> s.changed, s -> s.applied));
    Hops hops = new Hops(median(t, s -> s.changed, s -> s.committed), median(t, s -> s.committed, s -> s.called),
        median(t, s -> s.called, s -> s.applied));
    ExternalDnsModel edns = ExternalDnsModel.defaults(rig.clusterCount());
    int recordSets = rig.route53().recordSetCount(rig.zoneId());
    return new Latency(rate, length, t.changes(), t.applied(), toCall, toAnswer, hops, rig.route53().calls(),
        edns.latencySeconds(0.5, recordSets), edns.latencySeconds(0.99, recordSets));
  }

  private static Duration median(Timeline t, java.util.function.Function<Stamp, Instant> from,
      java.util.function.Function<Stamp, Instant> to) {
    return Percentiles.of(t.between(from, to)).p50();
  }

  record SteadyState(Duration window, Map<String, Integer> calls, int driftCheckCalls, long externalDnsCallsPerHour) {
    /** An hour at the default --drift-interval (1 h): the calls of the window, scaled, and one drift check. */
    long callsPerHour() {
      double perSecond = BenchRig.total(calls) / (window.toNanos() / 1e9);
      return Math.round(perSecond * 3600) + driftCheckCalls;
    }

    int listCallsInWindow() {
      return calls.entrySet().stream().filter(e -> e.getKey().startsWith("List")).mapToInt(Map.Entry::getValue).sum();
    }

    int changeCallsInWindow() {
      return calls.getOrDefault("ChangeResourceRecordSets", 0);
    }
  }

  /** Nothing changes for {@code window} (heartbeats go on): every call counted; then one drift check's calls. */
  static SteadyState steadyState(BenchRig rig, Duration window) {
    rig.awaitPlannerIdle(Duration.ofMinutes(3));
    ServiceProcess.pause(Duration.ofSeconds(2)); // the applier's last reports
    rig.route53().resetCalls();
    ServiceProcess.pause(window);
    Map<String, Integer> calls = new TreeMap<>(rig.route53().calls());
    int drift = rig.driftCheckCalls();
    int recordSets = rig.route53().recordSetCount(rig.zoneId());
    return new SteadyState(window, calls, drift, ExternalDnsModel.defaults(rig.clusterCount()).steadyStateCallsPerHour(recordSets));
  }
}
