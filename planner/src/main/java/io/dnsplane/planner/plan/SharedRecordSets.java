package io.dnsplane.planner.plan;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.RecordTypes;
import io.dnsplane.planner.ownership.Ownership;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A/AAAA record sets several clusters contribute to (active-active), which ExternalDNS cannot do
 * (its #1441, #2312, PR #6608). The record holds the union of every contributing owner's targets;
 * its TXT holds one ownership value per owner. An owner whose withdrawal is known loses its share;
 * an owner whose desire is unknown (not yet read, cluster not synced) keeps the record as it is,
 * because which targets were its own cannot be told from DNS. The last owner out deletes it.
 */
final class SharedRecordSets {
  private SharedRecordSets() {}

  static boolean isMergeable(String recordType) {
    return RecordTypes.A.equals(recordType) || RecordTypes.AAAA.equals(recordType);
  }

  /** A and AAAA merge, but an alias record has one target: it is held by one owner, like a CNAME. */
  static boolean isMergeable(String recordType, java.util.Collection<Endpoint> records) {
    return isMergeable(recordType) && records.stream().noneMatch(io.dnsplane.model.ProviderProperties::isAlias);
  }

  /** One record set from every owner's chosen candidate. */
  static Endpoint merge(Map<String, Endpoint> byOwner) {
    Endpoint preferred = byOwner.values().stream().min(TargetOrder.PREFERRED).orElseThrow();
    Set<String> targets = new TreeSet<>();
    Map<String, String> owners = new TreeMap<>();
    long ttl = 0;
    for (Map.Entry<String, Endpoint> e : byOwner.entrySet()) {
      targets.addAll(e.getValue().targets());
      owners.put(e.getKey(), e.getValue().label(Endpoint.LABEL_RESOURCE));
      long t = e.getValue().ttl();
      ttl = t > 0 && (ttl == 0 || t < ttl) ? t : ttl;
    }
    return Ownership.with(preferred.withTargets(targets).withTtl(ttl), owners);
  }

  /**
   * Owners serving the name, less stale ones (failover) unless that would leave nobody: a record
   * never loses its last targets to staleness (fail static).
   */
  static Map<String, Endpoint> live(Map<String, Endpoint> byOwner, OwnerScope scope) {
    Map<String, Endpoint> live = new TreeMap<>(byOwner);
    live.keySet().removeAll(scope.stale());
    return live.isEmpty() ? byOwner : live;
  }

  static void planExisting(Endpoint current, Map<String, String> owners, Map<String, Endpoint> wanting,
      OwnerScope scope, Changes.Builder changes) {
    Map<String, Endpoint> contributing = live(wanting, scope);
    if (!wanting.isEmpty() && contributing.keySet().stream().allMatch(scope.stale()::contains)) {
      return; // every owner still wanting it is stale: keep the record as it is (fail static)
    }
    Set<String> held = new TreeSet<>(owners.keySet());
    held.removeAll(contributing.keySet());
    held.removeAll(scope.mayWithdraw());
    if (!contributing.isEmpty()) {
      held.removeAll(scope.stale());
    }
    if (contributing.isEmpty()) {
      if (held.isEmpty()) {
        changes.delete(current);
      }
      return;
    }
    Endpoint merged = merge(contributing);
    Map<String, String> newOwners = new TreeMap<>(Ownership.of(merged));
    Set<String> targets = new TreeSet<>(merged.targets());
    if (!held.isEmpty()) {
      // Keep the whole current set while an owner's share cannot be told apart.
      targets.addAll(current.targets());
      held.forEach(o -> newOwners.put(o, owners.get(o)));
    }
    Endpoint next = Ownership.with(merged.withTargets(targets), newOwners);
    if (Planner.needsUpdate(current, next) || !owners.equals(newOwners)) {
      changes.update(current, next);
    }
  }
}
