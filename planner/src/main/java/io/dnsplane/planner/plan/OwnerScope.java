package io.dnsplane.planner.plan;

import java.util.Set;

/**
 * Whose records the planner may touch. {@code managed}: owner ids of the clusters this planner
 * serves; their records may be updated. {@code mayWithdraw} (a subset): owners whose withdrawal
 * from the name is known for sure, so their records, or their share of a shared record, may go.
 */
public record OwnerScope(Set<String> managed, Set<String> mayWithdraw) {
  public OwnerScope {
    managed = Set.copyOf(managed);
    mayWithdraw = Set.copyOf(mayWithdraw);
    if (!managed.containsAll(mayWithdraw)) {
      throw new IllegalArgumentException("only managed owners may withdraw: " + mayWithdraw + " vs " + managed);
    }
  }

  /** Every managed owner may withdraw: for callers that see the whole desire, like a plan preview. */
  public static OwnerScope all(Set<String> managed) {
    return new OwnerScope(managed, managed);
  }
}
