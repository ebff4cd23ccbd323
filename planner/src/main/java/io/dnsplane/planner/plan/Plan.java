package io.dnsplane.planner.plan;

import io.dnsplane.model.Changes;
import java.util.List;

/** What the planner decided: the changes to make, and the desire it could not honour. */
public record Plan(Changes changes, List<Conflict> conflicts) {
  public Plan {
    conflicts = List.copyOf(conflicts);
  }
}
