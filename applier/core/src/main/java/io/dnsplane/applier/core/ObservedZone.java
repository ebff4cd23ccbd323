package io.dnsplane.applier.core;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the applier believes one zone holds, by name: filled by one full listing at start, then kept
 * current from the changes the provider accepted, so steady state needs no listing at all.
 */
final class ObservedZone {
  private final Map<String, List<Endpoint>> byName = new TreeMap<>();
  /** TXT record sets, counted when the view changes: the delete breaker asks for every batch. */
  private int txtRecordSets;

  ObservedZone(Collection<Endpoint> records) {
    records.forEach(this::put);
  }

  /** The view, read only. */
  Map<String, List<Endpoint>> byName() {
    return java.util.Collections.unmodifiableMap(byName);
  }

  /** TXT record sets in the zone: one per record dnsplane owns, plus any others (SPF, verification). */
  int txtRecordSets() {
    return txtRecordSets;
  }

  List<Endpoint> at(String dnsName) {
    return List.copyOf(byName.getOrDefault(dnsName, List.of()));
  }

  /** Whether the zone holds exactly this record set (a TTL of 0 matches the provider's default). */
  boolean holds(Endpoint record) {
    return byName.getOrDefault(record.dnsName(), List.of()).stream()
        .anyMatch(r -> (record.ttl() == 0 ? record.withTtl(r.ttl()) : record).sameRecord(r));
  }

  /** Whether the zone holds a record set of this name, type and set identifier, whatever its targets. */
  boolean hasRecordSet(Endpoint record) {
    return byName.getOrDefault(record.dnsName(), List.of()).stream()
        .anyMatch(r -> r.recordType().equals(record.recordType()) && r.setIdentifier().equals(record.setIdentifier()));
  }

  /**
   * Replaces the view with a fresh listing (the drift check) and returns the names whose records
   * differ: changed out of band, or by an apply whose observation went missing.
   */
  java.util.Set<String> replaceWith(Collection<Endpoint> fresh) {
    ObservedZone now = new ObservedZone(fresh);
    java.util.Set<String> changed = new java.util.TreeSet<>();
    java.util.Set<String> names = new java.util.TreeSet<>(byName.keySet());
    names.addAll(now.byName.keySet());
    for (String name : names) {
      if (!same(at(name), now.at(name))) {
        changed.add(name);
      }
    }
    byName.clear();
    byName.putAll(now.byName);
    txtRecordSets = now.txtRecordSets;
    return changed;
  }

  /**
   * Same record sets; a TTL of 0 in the view ("the provider's default", as a change asked for it)
   * matches whatever TTL the provider chose.
   */
  private static boolean same(List<Endpoint> believed, List<Endpoint> listed) {
    if (believed.size() != listed.size()) {
      return false;
    }
    return believed.stream().allMatch(b -> listed.stream().anyMatch(l ->
        (b.ttl() == 0 ? b.withTtl(l.ttl()) : b).sameRecord(l)));
  }

  /** Replaces what the view holds at these names with a fresh reading of them. */
  void replaceAt(java.util.Set<String> names, Collection<Endpoint> fresh) {
    names.forEach(name -> {
      List<Endpoint> gone = byName.remove(name);
      if (gone != null) {
        txtRecordSets -= (int) gone.stream().filter(ObservedZone::isTxt).count();
      }
    });
    fresh.stream().filter(e -> names.contains(e.dnsName())).forEach(this::put);
  }

  /** Applies accepted changes in the order providers apply them: deletes, updates, creates. */
  void apply(Changes accepted) {
    accepted.delete().forEach(this::remove);
    accepted.updateOld().forEach(this::remove);
    accepted.updateNew().forEach(this::put);
    accepted.create().forEach(this::put);
  }

  private void put(Endpoint record) {
    remove(record);
    byName.computeIfAbsent(record.dnsName(), n -> new ArrayList<>()).add(record.withoutLabels());
    if (isTxt(record)) {
      txtRecordSets++;
    }
  }

  private static boolean isTxt(Endpoint record) {
    return record.recordType().equals("TXT");
  }

  private void remove(Endpoint record) {
    List<Endpoint> records = byName.get(record.dnsName());
    if (records == null) {
      return;
    }
    int before = records.size();
    records.removeIf(r -> r.recordType().equals(record.recordType()) && r.setIdentifier().equals(record.setIdentifier()));
    if (isTxt(record)) {
      txtRecordSets -= before - records.size();
    }
    if (records.isEmpty()) {
      byName.remove(record.dnsName());
    }
  }
}
