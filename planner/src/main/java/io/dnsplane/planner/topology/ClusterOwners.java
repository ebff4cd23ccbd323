package io.dnsplane.planner.topology;

import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.avro.planner.NameState;
import io.dnsplane.planner.PlannerConfig;
import io.dnsplane.planner.PlannerConfig.StaleClusterPolicy;
import io.dnsplane.planner.plan.OwnerScope;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What the clusters' heartbeats say about their owner ids: managed (some watcher reports it),
 * synced (every cluster with that owner finished its initial sync: only then may its withdrawals
 * delete) and stale (every such cluster silent for --cluster-timeout; only with
 * --stale-cluster-policy=withdraw).
 */
final class ClusterOwners {
  private final KeyValueStore<ClusterKey, ClusterHeartbeat> clusters;
  private final Duration timeout;
  private final StaleClusterPolicy policy;
  private final LongSupplier now;
  private Map<String, String> lastLook = new HashMap<>();

  ClusterOwners(KeyValueStore<ClusterKey, ClusterHeartbeat> clusters, PlannerConfig config, LongSupplier now) {
    this.clusters = clusters;
    this.timeout = config.clusterTimeout();
    this.policy = config.staleClusterPolicy();
    this.now = now;
  }

  private record Owners(Set<String> managed, Set<String> synced, Set<String> stale) {}

  private Owners read() {
    Set<String> managed = new HashSet<>();
    Set<String> notSynced = new HashSet<>();
    Set<String> fresh = new HashSet<>();
    long staleBefore = now.getAsLong() - timeout.toMillis();
    try (KeyValueIterator<ClusterKey, ClusterHeartbeat> all = clusters.all()) {
      all.forEachRemaining(kv -> {
        ClusterHeartbeat h = kv.value;
        if (h == null) {
          return;
        }
        managed.add(h.getOwnerId());
        if (!h.getInitialSyncComplete()) {
          notSynced.add(h.getOwnerId());
        }
        if (h.getSentAt().toEpochMilli() >= staleBefore) {
          fresh.add(h.getOwnerId());
        }
      });
    }
    Set<String> synced = new HashSet<>(managed);
    synced.removeAll(notSynced);
    Set<String> stale = new HashSet<>();
    if (policy == StaleClusterPolicy.WITHDRAW) {
      stale.addAll(managed);
      stale.removeAll(fresh);
    }
    return new Owners(managed, synced, stale);
  }

  /** The scope for planning one name: withdrawals only by synced owners the planner saw claim it. */
  OwnerScope scopeFor(NameState state) {
    Owners owners = read();
    Set<String> mayWithdraw = new HashSet<>(state.getClaimants());
    mayWithdraw.retainAll(owners.synced());
    return new OwnerScope(owners.managed(), mayWithdraw, owners.stale());
  }

  /** Owners whose synced or stale state changed since the last call. */
  Set<String> changedSinceLastLook() {
    Owners owners = read();
    Map<String, String> look = new HashMap<>();
    owners.managed().forEach(o -> look.put(o, owners.synced().contains(o) + "/" + owners.stale().contains(o)));
    Set<String> changed = new HashSet<>();
    look.forEach((o, s) -> {
      if (!s.equals(lastLook.get(o))) {
        changed.add(o);
      }
    });
    lastLook.keySet().stream().filter(o -> !look.containsKey(o)).forEach(changed::add);
    lastLook = look;
    return changed;
  }

  /**
   * An owner that claimed the name, wants it no more, and whose watcher has not finished its initial
   * sync: its withdrawal waits for that sync. The name is retried until then, for the sync may come
   * and go between two looks at the clusters (a watcher restarting within seconds).
   */
  static java.util.Optional<String> waitingForSync(NameState state, OwnerScope scope) {
    Set<String> wanting = new HashSet<>();
    state.getDesires().forEach(d -> wanting.add(d.getOwnerId()));
    return state.getClaimants().stream()
        .filter(c -> scope.managed().contains(c) && !scope.mayWithdraw().contains(c) && !wanting.contains(c))
        .sorted().findFirst();
  }
}
