package io.dnsplane.planner.plan;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.RecordTypes;
import io.dnsplane.planner.ownership.Ownership;
import io.dnsplane.planner.ownership.OwnershipRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides what to change so the provider holds what the clusters desire. Pure: no I/O, no clock.
 * It follows ExternalDNS's planner (plan/plan.go, plan/conflict.go), with one ExternalDNS
 * "instance" per owner id, and goes beyond it where several clusters want the same A or AAAA
 * record set: their targets are merged (see {@link SharedRecordSets}).
 *
 * <p>Rows are keyed by (name, set identifier); within a row each record type is planned alone.
 * Desired endpoints carry the {@code owner} and {@code resource} labels of the cluster and object
 * that want them; current endpoints carry the ownership their TXT records decode to
 * ({@link Ownership}; none when nobody owns them).
 *
 * <pre>
 * current (type t)             | desire for t                  | action
 * -----------------------------+-------------------------------+--------------------------------------
 * none                         | none                          | nothing
 * none                         | some, row ours or empty       | A/AAAA: create the union of every
 *                              |                               | owner's targets; CNAME: create the
 *                              |                               | preferred candidate, others conflict
 * none                         | some, row holds others' data  | conflict (a new type only beside ours)
 * unowned, or a foreign owner  | any                           | nothing; the desire is a conflict
 * owned by managed owners      | A/AAAA                        | merge: contributing owners' targets;
 *                              |                               | an owner known to have withdrawn loses
 *                              |                               | its share; the last one out deletes
 * owned by a managed owner O   | CNAME from O                  | update if targets, TTL (desired > 0)
 *                              |                               | or provider properties differ; the
 *                              |                               | incumbent resource keeps it
 * owned by a managed owner O   | CNAME, none from O            | delete if O is known to have withdrawn,
 *                              |                               | else hold; others' desire conflicts
 * </pre>
 * A CNAME cannot share its name with other types: when other types are desired at the row, the
 * CNAME candidates lose. Within one owner, candidates compete as in ExternalDNS ({@link TargetOrder}).
 */
public final class Planner {
  private final Set<String> managedTypes;

  public Planner(Set<String> managedTypes) {
    this.managedTypes = Set.copyOf(managedTypes);
  }

  public Planner() {
    this(RecordTypes.DEFAULT_MANAGED);
  }

  public Plan plan(List<Endpoint> desired, List<Endpoint> current, OwnerScope scope) {
    Map<RowKey, Row> rows = new TreeMap<>();
    for (Endpoint e : desired) {
      if (managedTypes.contains(e.recordType())) {
        rows.computeIfAbsent(RowKey.of(e), k -> new Row()).desired
            .computeIfAbsent(e.recordType(), t -> new ArrayList<>()).add(e);
      }
    }
    for (Endpoint e : current) {
      if (managedTypes.contains(e.recordType())) {
        rows.computeIfAbsent(RowKey.of(e), k -> new Row()).current.putIfAbsent(e.recordType(), e);
      }
    }
    Changes.Builder changes = new Changes.Builder();
    List<Conflict> conflicts = new ArrayList<>();
    rows.values().forEach(row -> planRow(row, scope, changes, conflicts));
    return new Plan(changes.build(), conflicts);
  }

  private static void planRow(Row row, OwnerScope scope, Changes.Builder changes, List<Conflict> conflicts) {
    if (row.desired.containsKey(RecordTypes.CNAME) && row.desired.size() > 1) {
      row.desired.remove(RecordTypes.CNAME).forEach(c ->
          conflicts.add(new Conflict(c, "a CNAME cannot share its name with other record types wanted there")));
    }
    Set<String> types = new TreeSet<>(row.desired.keySet());
    types.addAll(row.current.keySet());
    for (String type : types) {
      Endpoint current = row.current.get(type);
      List<Endpoint> candidates = row.desired.getOrDefault(type, List.of());
      if (current == null) {
        planNew(row, type, candidates, scope, changes, conflicts);
        continue;
      }
      Map<String, String> owners = Ownership.of(current);
      if (owners.isEmpty()) {
        candidates.forEach(c -> conflicts.add(new Conflict(c, current.dnsName() + " " + type
            + " exists and no TXT record says who owns it; dnsplane leaves it alone")));
      } else if (!scope.managed().containsAll(owners.keySet())) {
        candidates.forEach(c -> conflicts.add(new Conflict(c, current.dnsName() + " " + type + " is owned by "
            + String.join(", ", owners.keySet()) + ", which this planner does not manage")));
      } else if (SharedRecordSets.isMergeable(type, concat(current, candidates))) {
        SharedRecordSets.planExisting(current, owners, byOwner(candidates, owners), scope, changes);
      } else {
        planSingleOwner(current, owners, byOwner(candidates, owners), scope, changes, conflicts);
      }
    }
  }

  private static void planNew(Row row, String type, List<Endpoint> candidates, OwnerScope scope,
      Changes.Builder changes, List<Conflict> conflicts) {
    if (candidates.isEmpty()) {
      return;
    }
    List<String> others = row.current.values().stream()
        .filter(e -> Ownership.of(e).isEmpty() || !scope.managed().containsAll(Ownership.of(e).keySet()))
        .map(e -> e.recordType() + (Ownership.of(e).isEmpty() ? " (unowned)" : " (owned by " + String.join(", ", Ownership.of(e).keySet()) + ")"))
        .toList();
    if (!others.isEmpty()) {
      candidates.forEach(c -> conflicts.add(new Conflict(c, c.dnsName() + " already holds records dnsplane does not own: "
          + String.join(", ", others))));
      return;
    }
    Map<String, Endpoint> byOwner = byOwner(candidates, Map.of());
    if (SharedRecordSets.isMergeable(type, candidates)) {
      changes.create(SharedRecordSets.merge(SharedRecordSets.live(byOwner, scope)));
      return;
    }
    Endpoint winner = byOwner.values().stream().min(TargetOrder.PREFERRED).orElseThrow();
    changes.create(winner);
    heldBy(winner, byOwner, conflicts);
  }

  private static List<Endpoint> concat(Endpoint current, List<Endpoint> candidates) {
    List<Endpoint> all = new java.util.ArrayList<>(candidates);
    all.add(current);
    return all;
  }

  /** ExternalDNS's rules for a record only one owner can hold (CNAME, alias). */
  private static void planSingleOwner(Endpoint current, Map<String, String> owners, Map<String, Endpoint> byOwner,
      OwnerScope scope, Changes.Builder changes, List<Conflict> conflicts) {
    String owner = owners.keySet().iterator().next();
    Endpoint own = byOwner.get(owner);
    if (own == null) {
      if (scope.mayWithdraw().contains(owner)) {
        changes.delete(current);
      }
      return;
    }
    Endpoint chosen = Ownership.with(own, Map.of(owner, own.label(Endpoint.LABEL_RESOURCE)));
    if (needsUpdate(current, chosen)) {
      changes.update(current, chosen);
    }
    heldBy(chosen, byOwner, conflicts);
  }

  private static void heldBy(Endpoint holder, Map<String, Endpoint> byOwner, List<Conflict> conflicts) {
    String owner = holder.label(Endpoint.LABEL_OWNER);
    byOwner.forEach((o, e) -> {
      if (!o.equals(owner)) {
        conflicts.add(new Conflict(e, e.dnsName() + " " + e.recordType() + " is held by " + owner + " ("
            + holder.label(Endpoint.LABEL_RESOURCE) + "); a " + e.recordType() + " cannot be shared"));
      }
    });
  }

  /**
   * One candidate per owner, as ExternalDNS resolves candidates of one instance: the resource that
   * already holds the record wins, else the preferred candidate.
   */
  private static Map<String, Endpoint> byOwner(List<Endpoint> candidates, Map<String, String> incumbentResources) {
    Map<String, List<Endpoint>> grouped = new TreeMap<>();
    candidates.forEach(c -> grouped.computeIfAbsent(c.label(Endpoint.LABEL_OWNER), o -> new ArrayList<>()).add(c));
    Map<String, Endpoint> chosen = new LinkedHashMap<>();
    grouped.forEach((owner, list) -> {
      String incumbent = incumbentResources.get(owner);
      chosen.put(owner, list.stream().sorted(TargetOrder.PREFERRED)
          .filter(c -> c.label(Endpoint.LABEL_RESOURCE).equals(incumbent))
          .findFirst()
          .orElseGet(() -> list.stream().min(TargetOrder.PREFERRED).orElseThrow()));
    });
    return chosen;
  }

  static boolean needsUpdate(Endpoint current, Endpoint desired) {
    boolean ttlChanged = desired.ttl() > 0 && desired.ttl() != current.ttl();
    return ttlChanged
        || !current.targets().equals(desired.targets())
        || !current.providerSpecific().equals(desired.providerSpecific())
        || !current.label(OwnershipRegistry.LABEL_MIGRATE_FROM).isEmpty();
  }

  private record RowKey(String dnsName, String setIdentifier) implements Comparable<RowKey> {
    static RowKey of(Endpoint e) {
      return new RowKey(e.dnsName(), e.setIdentifier());
    }

    @Override
    public int compareTo(RowKey o) {
      int byName = dnsName.compareTo(o.dnsName);
      return byName != 0 ? byName : setIdentifier.compareTo(o.setIdentifier);
    }
  }

  private static final class Row {
    final Map<String, List<Endpoint>> desired = new LinkedHashMap<>();
    final Map<String, Endpoint> current = new LinkedHashMap<>();
  }
}
