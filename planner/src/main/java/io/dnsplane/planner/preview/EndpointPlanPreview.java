package io.dnsplane.planner.preview;

import io.dnsplane.model.Changes;
import io.dnsplane.model.DomainFilter;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.ownership.Ownership;
import io.dnsplane.planner.ownership.OwnershipRegistry;
import io.dnsplane.planner.ownership.TxtNameMapper;
import io.dnsplane.planner.plan.OwnerScope;
import io.dnsplane.planner.plan.Plan;
import io.dnsplane.planner.plan.Planner;
import io.dnsplane.planner.plan.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan preview from endpoints, as ExternalDNS's planner sees them: desired endpoints of one owner
 * id, and current endpoints with their ownership already decoded into labels (owner, resource). It
 * runs the planner's own code. An empty owner id means what it means to ExternalDNS: no owner
 * filtering, every current record is ours.
 */
public final class EndpointPlanPreview {
  /** Stands for "no owner" when --txt-owner-id is empty, so the planner treats such records as ours. */
  static final String ANY_OWNER = "(no owner filtering)";

  public record Options(String ownerId, Set<String> migrateFromOwners, Policy policy, Set<String> recordTypes,
      DomainFilter domainFilter, boolean withOwnershipRecords, TxtNameMapper mapper) {}

  /** {@code zone} names the zone planned, when one zone was (manifest mode); empty otherwise. */
  public record Result(Changes changes, List<io.dnsplane.planner.plan.Conflict> conflicts, List<Endpoint> adoptions,
      String zone) {
    public Result(Changes changes, List<io.dnsplane.planner.plan.Conflict> conflicts, List<Endpoint> adoptions) {
      this(changes, conflicts, adoptions, "");
    }
  }

  private EndpointPlanPreview() {}

  public static Result plan(List<Endpoint> desired, List<Endpoint> current, Options options) {
    String owner = options.ownerId().isEmpty() ? ANY_OWNER : options.ownerId();
    List<Endpoint> wanted = new ArrayList<>();
    for (Endpoint e : desired) {
      if (options.domainFilter().matches(e.dnsName())) {
        wanted.add(e.withLabel(Endpoint.LABEL_OWNER, owner));
      }
    }
    List<Endpoint> held = new ArrayList<>();
    Map<Endpoint, Endpoint> asGiven = new java.util.HashMap<>();
    List<Endpoint> adoptions = new ArrayList<>();
    for (Endpoint e : current) {
      if (!options.domainFilter().matches(e.dnsName())) {
        continue;
      }
      String currentOwner = e.label(Endpoint.LABEL_OWNER);
      Endpoint relabelled = e;
      if (options.ownerId().isEmpty() && currentOwner.isEmpty()) {
        relabelled = e.withLabel(Endpoint.LABEL_OWNER, ANY_OWNER);
      } else if (!currentOwner.isEmpty() && options.migrateFromOwners().contains(currentOwner)) {
        relabelled = e.withLabel(Endpoint.LABEL_OWNER, owner)
            .withLabel(OwnershipRegistry.LABEL_MIGRATE_FROM, currentOwner);
      }
      if (!currentOwner.isEmpty() && relabelled.label(Endpoint.LABEL_OWNER).equals(owner)
          && options.recordTypes().contains(e.recordType())) {
        adoptions.add(e);
      }
      held.add(relabelled);
      asGiven.put(relabelled, e);
    }
    Plan plan = new Planner(options.recordTypes()).plan(wanted, held, OwnerScope.all(Set.of(owner)));
    Changes changes = options.policy().apply(plan.changes());
    if (options.withOwnershipRecords()) {
      OwnershipRegistry registry = new OwnershipRegistry(options.mapper());
      List<Endpoint> observedTxt = held.stream().filter(e -> !Ownership.of(e).isEmpty()
          && !e.label(Endpoint.LABEL_OWNER).equals(ANY_OWNER)).map(e -> registry.ownershipRecord(e).withoutLabels()).toList();
      changes = registry.withOwnershipRecords(changes, observedTxt);
    }
    // Old records are reported as they were given, old owner included.
    Changes reported = new Changes(changes.create(),
        changes.updateOld().stream().map(e -> asGiven.getOrDefault(e, e)).toList(), changes.updateNew(),
        changes.delete().stream().map(e -> asGiven.getOrDefault(e, e)).toList());
    return new Result(withoutSyntheticOwner(reported), plan.conflicts(), adoptions);
  }

  private static Changes withoutSyntheticOwner(Changes changes) {
    return new Changes(strip(changes.create()), strip(changes.updateOld()), strip(changes.updateNew()), strip(changes.delete()));
  }

  private static List<Endpoint> strip(List<Endpoint> endpoints) {
    return endpoints.stream().map(e -> {
      if (!e.label(Endpoint.LABEL_OWNER).equals(ANY_OWNER)) {
        return e.labels().containsKey(OwnershipRegistry.LABEL_MIGRATE_FROM)
            ? e.withLabels(without(e.labels(), OwnershipRegistry.LABEL_MIGRATE_FROM)) : e;
      }
      return e.withLabels(without(e.labels(), Endpoint.LABEL_OWNER));
    }).toList();
  }

  private static Map<String, String> without(Map<String, String> labels, String key) {
    Map<String, String> copy = new java.util.TreeMap<>(labels);
    copy.remove(key);
    return copy;
  }
}
