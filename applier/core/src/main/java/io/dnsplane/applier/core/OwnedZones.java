package io.dnsplane.applier.core;

import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.schema.Topic;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's zones, and what this replica believes the zones of its partitions hold. Change
 * batches are keyed by zone, so a zone's partition says which replica applies it: that replica
 * lists the zone when it gets the partition (and at every drift check), forgets it when the
 * partition goes, and in between follows its own applies. N replicas therefore list each zone
 * once, not N times.
 */
final class OwnedZones {
  private static final Logger log = LoggerFactory.getLogger(OwnedZones.class);

  private final DnsProvider provider;
  private final Topic<ZoneRef, ?> changesTopic;
  private final ObservationPublisher observations;
  private final Map<String, Zone> zonesById = new LinkedHashMap<>();
  private final Map<String, ObservedZone> observedById = new LinkedHashMap<>();
  private final Set<Integer> owned = new java.util.HashSet<>();
  private int partitions;

  private final ApplierMetrics metrics;

  OwnedZones(DnsProvider provider, Topic<ZoneRef, ?> changesTopic, ObservationPublisher observations,
      ApplierMetrics metrics) {
    this.provider = provider;
    this.metrics = metrics;
    metrics.gauge("dnsplane_applier_zones", "Zones this replica applies (those of its partitions)", observedById,
        Map::size);
    metrics.registryRecords(this::recordsByType);
    this.changesTopic = changesTopic;
    this.observations = observations;
  }

  /** Lists the provider's zones (one paginated call; records are listed per owned partition). */
  void listZones(int changePartitions) {
    this.partitions = changePartitions;
    provider.zones().forEach(z -> zonesById.put(z.id(), z));
    log.info("{} manages {} zones: {}", provider.name(), zonesById.size(),
        zonesById.values().stream().map(Zone::name).toList());
  }

  Optional<Zone> zone(String zoneId) {
    return Optional.ofNullable(zonesById.get(zoneId));
  }

  /** The partition of the change topic that carries this zone's batches (the producer's own choice). */
  int partitionOf(String zoneId) {
    byte[] key = changesTopic.keySerde().serializer().serialize(changesTopic.name(),
        new ZoneRef(provider.name(), zoneId));
    return BuiltInPartitioner.partitionForKey(key, partitions);
  }

  /** Lists the zones of newly owned partitions and publishes what they hold, records before the zone. */
  void assigned(Collection<Integer> newPartitions) {
    owned.addAll(newPartitions);
    for (Zone zone : zonesById.values()) {
      if (newPartitions.contains(partitionOf(zone.id())) && !observedById.containsKey(zone.id())) {
        observe(zone);
      }
    }
  }

  void revoked(Collection<Integer> oldPartitions) {
    owned.removeAll(oldPartitions);
    observedById.keySet().removeIf(id -> oldPartitions.contains(partitionOf(id)));
  }

  /** What an owned zone holds, listing it first if this replica has not yet (or the listing failed). */
  ObservedZone observed(Zone zone) {
    ObservedZone observed = observedById.get(zone.id());
    return observed != null ? observed : observe(zone);
  }

  private ObservedZone observe(Zone zone) {
    ObservedZone observed = new ObservedZone(provider.records(zone));
    observedById.put(zone.id(), observed);
    // Records first, the zone last: a planner that learns of the zone has likely seen what it holds.
    observed.byName().forEach((name, records) -> observations.recordsAt(zone, name, records));
    observations.zone(zone, provider.capabilities());
    log.info("observing zone {} ({}) of {}: {} names", zone.name(), zone.id(), provider.name(), observed.byName().size());
    return observed;
  }

  /**
   * Lists the provider's zones (taking on new ones) and every owned zone again, and publishes the
   * names whose records differ from what the applier believed (changed outside dnsplane), so the
   * planner repairs them.
   */
  void checkDrift() {
    discoverZones();
    boolean listed = true;
    for (String zoneId : Set.copyOf(observedById.keySet())) {
      Zone zone = zonesById.get(zoneId);
      try {
        ObservedZone observed = observedById.get(zoneId);
        Set<String> drifted = new TreeSet<>(observed.replaceWith(provider.records(zone)));
        drifted.forEach(name -> observations.recordsAt(zone, name, observed.at(name)));
        metrics.driftedNames(drifted.size());
        if (!drifted.isEmpty()) {
          log.warn("drift in zone {}: {} names changed outside dnsplane: {}", zone.name(), drifted.size(), drifted);
        }
      } catch (RuntimeException e) {
        listed = false;
        log.warn("drift check of zone {} failed, retried at the next interval: {}", zone.name(), e.toString());
      }
    }
    metrics.driftCheck(listed);
  }

  /** The records of the owned zones as last listed, per record type; read on a scrape, so it copies first. */
  Map<String, Long> recordsByType() {
    java.util.List<ObservedZone> zones;
    try {
      zones = java.util.List.copyOf(observedById.values());
    } catch (java.util.ConcurrentModificationException e) {
      zones = java.util.List.of(); // a zone taken on while scraped: the next scrape counts it
    }
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (ObservedZone zone : zones) {
      try {
        zone.byName().values().forEach(records -> records.forEach(r -> counts.merge(r.recordType(), 1L, Long::sum)));
      } catch (java.util.ConcurrentModificationException e) {
        // Being applied to while scraped: the next scrape counts it.
      }
    }
    return counts;
  }

  /** Zones created (or let through the filters) since the last listing are taken on, in owned partitions. */
  private void discoverZones() {
    try {
      for (Zone zone : provider.zones()) {
        if (zonesById.putIfAbsent(zone.id(), zone) == null) {
          log.info("new zone {} ({}) of {}", zone.name(), zone.id(), provider.name());
          if (owned.contains(partitionOf(zone.id()))) {
            observe(zone);
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("listing the zones of {} failed, retried at the next interval: {}", provider.name(), e.toString());
    }
  }

  /** How many of the change topic's partitions this replica owns. */
  int ownedPartitions() {
    return owned.size();
  }

  int ownedZones() {
    return observedById.size();
  }
}
