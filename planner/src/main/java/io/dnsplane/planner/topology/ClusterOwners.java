package io.dnsplane.planner.topology;

import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.planner.decision.Owners;
import io.dnsplane.planner.PlannerConfig;
import io.dnsplane.planner.PlannerConfig.StaleClusterPolicy;
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

  /** The owners as the heartbeats say now. */
  Owners read() {
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
}
