package io.dnsplane.planner.plan;

import io.dnsplane.model.Changes;
import java.util.List;

/**
 * What the planner decided: the changes to make, and the desire it could not honour.
 * {@code records} are the changes to records alone, without the TXT ownership records that go with
 * them (what {@link PlanRules} judges).
 */
public record Plan(Changes changes, List<Conflict> conflicts, Changes records) {
  public Plan {
    conflicts = List.copyOf(conflicts);
    records = records == null ? changes : records;
  }

  public Plan(Changes changes, List<Conflict> conflicts) {
    this(changes, conflicts, changes);
  }
}
