package io.dnsplane.planner.decision;

import io.dnsplane.avro.planner.NameState;
import io.dnsplane.planner.plan.OwnerScope;
import java.util.HashSet;
import java.util.Set;

/**
 * What the clusters' heartbeats say of the owner ids: managed (some watcher reports it), synced
 * (every cluster with it finished its initial sync: only then may its withdrawals delete) and
 * stale (every such cluster silent past --cluster-timeout, with --stale-cluster-policy=withdraw).
 */
public record Owners(Set<String> managed, Set<String> synced, Set<String> stale) {
  public Owners {
    managed = Set.copyOf(managed);
    synced = Set.copyOf(synced);
    stale = Set.copyOf(stale);
  }

  /**
   * The scope for planning one name: withdrawals only by synced owners the planner saw claim it.
   * An owner whose desire the name holds is a cluster this planner serves, even before its first
   * heartbeat reached the planner's store (the two travel apart, and which comes first is a race):
   * its records may be updated, so a second cluster's desire merges into the first's record at once.
   */
  public OwnerScope scopeFor(NameState state) {
    Set<String> mayWithdraw = new HashSet<>(state.getClaimants());
    mayWithdraw.retainAll(synced);
    Set<String> serving = new HashSet<>(managed);
    state.getDesires().forEach(d -> serving.add(d.getOwnerId()));
    return new OwnerScope(serving, mayWithdraw, stale);
  }
}
