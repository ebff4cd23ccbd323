package io.dnsplane.planner.plan;

import java.util.Set;

/**
 * Whose records the planner may touch, and how. {@code managed}: owner ids of the clusters this
 * planner serves; their records may be updated. {@code mayWithdraw} (a subset): owners whose
 * withdrawal from the name is known for sure (their watcher finished its initial sync and the
 * planner saw them want the name), so their records, or their share of a shared record, may go.
 * {@code stale} (a subset): owners whose cluster stopped sending heartbeats and whose targets
 * should leave shared record sets (failover), as long as another owner still serves the name.
 */
public record OwnerScope(Set<String> managed, Set<String> mayWithdraw, Set<String> stale) {
  public OwnerScope {
    managed = Set.copyOf(managed);
    mayWithdraw = Set.copyOf(mayWithdraw);
    stale = Set.copyOf(stale);
    if (!managed.containsAll(mayWithdraw) || !managed.containsAll(stale)) {
      throw new IllegalArgumentException("only managed owners may withdraw or be stale: " + mayWithdraw + ", " + stale
          + " vs " + managed);
    }
  }

  public OwnerScope(Set<String> managed, Set<String> mayWithdraw) {
    this(managed, mayWithdraw, Set.of());
  }

  /** Every managed owner may withdraw: for callers that see the whole desire, like a plan preview. */
  public static OwnerScope all(Set<String> managed) {
    return new OwnerScope(managed, managed);
  }
}
