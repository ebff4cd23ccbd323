package io.dnsplane.planner.plan;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.RecordTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides what to change so the provider holds what the clusters desire, as ExternalDNS's planner
 * (plan/plan.go) does, with one ExternalDNS instance per owner id. Pure: no I/O, no clock.
 *
 * <p>Rows are keyed by (name, set identifier); within a row each record type is planned alone.
 * Every desired endpoint carries the {@code owner} and {@code resource} labels of the cluster and
 * object that want it; every current endpoint carries the labels its TXT ownership record decoded
 * to ({@code owner} empty when nobody owns it).
 *
 * <pre>
 * current (type t)            | candidates of t              | action
 * ----------------------------+------------------------------+-----------------------------------------
 * none                        | none                         | nothing
 * none                        | some                         | create the preferred candidate among
 *                             |                              | owners that own every other record in
 *                             |                              | the row (all owners if the row is empty)
 * owned by a managed owner O  | none from O                  | delete, if this planner saw O want the
 *                             |                              | name and withdraw (else hold: we cannot
 *                             |                              | tell a withdrawal from desire not read yet)
 * owned by a managed owner O  | some from O                  | update if targets, TTL (desired > 0) or
 *                             |                              | provider-specific properties differ; the
 *                             |                              | incumbent resource keeps the record
 * unowned, or foreign owner   | any                          | nothing: never ours to touch
 * </pre>
 * A CNAME cannot share its name with other types: when other types are desired at the row, the
 * CNAME candidates lose. "Preferred" is {@link TargetOrder}.
 */
public final class Planner {
  private final Set<String> managedTypes;

  public Planner(Set<String> managedTypes) {
    this.managedTypes = Set.copyOf(managedTypes);
  }

  public Planner() {
    this(RecordTypes.DEFAULT_MANAGED);
  }

  public Changes plan(List<Endpoint> desired, List<Endpoint> current, Owners owners) {
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
    rows.values().forEach(row -> planRow(row, owners, changes));
    return changes.build();
  }

  private void planRow(Row row, Owners owners, Changes.Builder changes) {
    if (row.desired.containsKey(RecordTypes.CNAME) && row.desired.size() > 1) {
      row.desired.remove(RecordTypes.CNAME);
    }
    Set<String> types = new TreeSet<>(row.desired.keySet());
    types.addAll(row.current.keySet());
    for (String type : types) {
      Endpoint current = row.current.get(type);
      List<Endpoint> candidates = row.desired.getOrDefault(type, List.of());
      if (current == null) {
        planCreate(row, candidates, changes);
      } else {
        planExisting(current, candidates, owners, changes);
      }
    }
  }

  private static void planCreate(Row row, List<Endpoint> candidates, Changes.Builder changes) {
    Set<String> rowOwners = row.current.values().stream().map(Planner::owner).collect(Collectors.toSet());
    candidates.stream()
        .filter(c -> rowOwners.isEmpty() || rowOwners.equals(Set.of(owner(c))))
        .min(TargetOrder.PREFERRED)
        .ifPresent(changes::create);
  }

  private static void planExisting(Endpoint current, List<Endpoint> candidates, Owners owners,
      Changes.Builder changes) {
    String owner = owner(current);
    if (owner.isEmpty() || !owners.managed().contains(owner)) {
      return;
    }
    List<Endpoint> own = candidates.stream().filter(c -> owner.equals(owner(c))).toList();
    if (own.isEmpty()) {
      if (owners.mayWithdraw().contains(owner)) {
        changes.delete(current);
      }
      return;
    }
    Endpoint chosen = resolveUpdate(current, own).withLabel(Endpoint.LABEL_OWNER, owner);
    if (needsUpdate(current, chosen)) {
      changes.update(current, chosen);
    }
  }

  /** The candidate from the resource that already holds the record wins; else the preferred one. */
  private static Endpoint resolveUpdate(Endpoint current, List<Endpoint> candidates) {
    String incumbent = current.label(Endpoint.LABEL_RESOURCE);
    return candidates.stream()
        .sorted(TargetOrder.PREFERRED)
        .filter(c -> c.label(Endpoint.LABEL_RESOURCE).equals(incumbent))
        .findFirst()
        .orElseGet(() -> candidates.stream().min(TargetOrder.PREFERRED).orElseThrow());
  }

  static boolean needsUpdate(Endpoint current, Endpoint desired) {
    boolean ttlChanged = desired.ttl() > 0 && desired.ttl() != current.ttl();
    return ttlChanged
        || !current.targets().equals(desired.targets())
        || !current.providerSpecific().equals(desired.providerSpecific());
  }

  /**
   * Whose records the planner may touch: {@code managed} owners' records may be updated;
   * {@code mayWithdraw} (a subset) are owners whose withdrawal from the name this planner has seen,
   * so their records may also be deleted.
   */
  public record Owners(Set<String> managed, Set<String> mayWithdraw) {
    public Owners {
      managed = Set.copyOf(managed);
      mayWithdraw = Set.copyOf(mayWithdraw);
    }

    /** Every managed owner may withdraw: for callers that know the whole desire, like a plan preview. */
    public static Owners all(Set<String> managed) {
      return new Owners(managed, managed);
    }
  }

  private static String owner(Endpoint e) {
    return e.label(Endpoint.LABEL_OWNER);
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
