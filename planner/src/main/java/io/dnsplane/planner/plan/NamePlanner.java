package io.dnsplane.planner.plan;

import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.ownership.OwnershipRegistry;
import java.util.List;

/**
 * Plans one DNS name end to end, purely: decode ownership from what the provider holds, plan the
 * records, keep what --policy allows, add the TXT ownership changes that go with them.
 */
public final class NamePlanner {
  private final Planner planner;
  private final Policy policy;
  private final OwnershipRegistry registry;

  public NamePlanner(Planner planner, Policy policy, OwnershipRegistry registry) {
    this.planner = planner;
    this.policy = policy;
    this.registry = registry;
  }

  /**
   * @param desired what the clusters want at {@code dnsName}, labelled with owner and resource
   * @param observed every record the provider holds at the name and at its TXT ownership names
   * @param owners whose records this planner may change or delete
   */
  public Plan plan(String dnsName, List<Endpoint> desired, List<Endpoint> observed, OwnerScope owners) {
    List<Endpoint> current = registry.currentWithOwnership(dnsName, observed);
    Plan records = planner.plan(desired, current, owners);
    return new Plan(registry.withOwnershipRecords(policy.apply(records.changes()), observed), records.conflicts());
  }
}
