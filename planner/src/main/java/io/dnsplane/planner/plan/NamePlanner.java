package io.dnsplane.planner.plan;

import io.dnsplane.model.Endpoint;
import io.dnsplane.model.ProviderCapabilities;
import io.dnsplane.planner.ownership.OwnershipRegistry;
import io.dnsplane.model.Changes;
import io.dnsplane.model.DnsNames;
import java.util.ArrayList;
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
  public Plan plan(String dnsName, String zoneName, List<Endpoint> desired, List<Endpoint> observed, OwnerScope owners) {
    return plan(dnsName, zoneName, desired, observed, owners, false);
  }

  /** @param weightedRouting the zone's provider supports weighted record sets (Route53) */
  public Plan plan(String dnsName, String zoneName, List<Endpoint> desired, List<Endpoint> observed, OwnerScope owners,
      boolean weightedRouting) {
    return plan(dnsName, zoneName, desired, observed, owners,
        weightedRouting ? java.util.Set.of(ProviderCapabilities.WEIGHTED_ROUTING) : java.util.Set.of());
  }

  /** @param capabilities what the zone's provider announced ({@link ProviderCapabilities}) */
  public Plan plan(String dnsName, String zoneName, List<Endpoint> desired, List<Endpoint> observed, OwnerScope owners,
      java.util.Set<String> capabilities) {
    return plan(dnsName, zoneName, desired, observed, owners, capabilities, List.of());
  }

  /**
   * @param adjustments what the provider's AdjustEndpoints made of endpoints applied at this name
   *     (the applier reports them with what it observed): planned on as the provider holds them
   */
  public Plan plan(String dnsName, String zoneName, List<Endpoint> desired, List<Endpoint> observed, OwnerScope owners,
      java.util.Set<String> capabilities, List<io.dnsplane.model.Adjustments.Adjustment> adjustments) {
    List<Endpoint> current = registry.currentWithOwnership(dnsName, observed, desired);
    if (capabilities.contains(ProviderCapabilities.ALIAS_RECORDS)) {
      desired = AliasRecords.adjust(desired, capabilities.contains(ProviderCapabilities.ALIAS_EVALUATES_TARGET_HEALTH),
          capabilities.contains(ProviderCapabilities.ALIAS_PREFER_CNAME));
    }
    if (capabilities.contains(ProviderCapabilities.PROXIED_RECORDS)) {
      desired = ProxiedRecords.adjust(desired, capabilities.contains(ProviderCapabilities.PROXIED_BY_DEFAULT));
    }
    desired = io.dnsplane.model.Adjustments.apply(desired, adjustments);
    boolean weightedRouting = capabilities.contains(ProviderCapabilities.WEIGHTED_ROUTING);
    Plan records = planner.plan(weightedRouting ? WeightedCnames.split(desired, current) : desired, current, owners);
    List<Conflict> conflicts = new ArrayList<>(records.conflicts());
    Changes allowed = withoutUnrecordableCreates(policy.apply(records.changes()), zoneName, desired, conflicts);
    return new Plan(registry.withOwnershipRecords(allowed, observed), conflicts, allowed);
  }

  /**
   * A record whose TXT name would fall outside its zone (an apex record without a prefix like
   * {@code %{record_type}.}) cannot have its ownership recorded, so it is not created at all.
   */
  private Changes withoutUnrecordableCreates(Changes changes, String zoneName, List<Endpoint> desired,
      List<Conflict> conflicts) {
    Changes.Builder kept = new Changes.Builder();
    for (Endpoint create : changes.create()) {
      String txtName = registry.mapper().toTxtName(create.dnsName(), create.recordType());
      String problem = !DnsNames.isInZone(txtName, zoneName)
          ? "its TXT ownership record " + txtName + " would be outside zone " + zoneName
              + "; for apex records use --txt-prefix with %{record_type} ending in '.'"
          // ExternalDNS creates the record without its TXT (then owns nothing); dnsplane does not create it.
          : !DnsNames.labelsFit(txtName)
              ? "its TXT ownership record " + txtName + " would have a label longer than 63 characters; "
                  + "shorten the name or the --txt-prefix/--txt-suffix"
              : null;
      if (problem == null) {
        kept.create(create);
      } else {
        desired.stream().filter(d -> d.dnsName().equals(create.dnsName()) && d.recordType().equals(create.recordType()))
            .forEach(d -> conflicts.add(new Conflict(d, problem)));
      }
    }
    for (int i = 0; i < changes.updateOld().size(); i++) {
      kept.update(changes.updateOld().get(i), changes.updateNew().get(i));
    }
    changes.delete().forEach(kept::delete);
    return kept.build();
  }
}
