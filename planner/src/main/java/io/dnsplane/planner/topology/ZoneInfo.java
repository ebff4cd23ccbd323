package io.dnsplane.planner.topology;

import io.dnsplane.avro.ProviderZone;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.ProviderCapabilities;
import java.util.Comparator;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** A zone of a provider, and how a DNS name finds the zone that serves it. */
record ZoneInfo(String provider, String zoneId, String zoneName, boolean weightedRouting) {
  ZoneInfo(String provider, String zoneId, String zoneName) {
    this(provider, zoneId, zoneName, false);
  }

  ZoneRef ref() {
    return new ZoneRef(provider, zoneId);
  }

  /** The most specific managed zone containing {@code dnsName}; ties go to the first provider by name. */
  static Optional<ZoneInfo> serving(String dnsName, KeyValueStore<ZoneRef, ProviderZone> zones) {
    Optional<ZoneInfo> best = Optional.empty();
    try (KeyValueIterator<ZoneRef, ProviderZone> all = zones.all()) {
      while (all.hasNext()) {
        ProviderZone z = all.next().value;
        if (z == null || !DnsNames.isInZone(dnsName, DnsNames.normalize(z.getZoneName()))) {
          continue;
        }
        ZoneInfo candidate = new ZoneInfo(z.getProvider(), z.getZoneId(), DnsNames.normalize(z.getZoneName()),
            z.getCapabilities().contains(ProviderCapabilities.WEIGHTED_ROUTING));
        if (best.isEmpty() || MORE_SPECIFIC.compare(candidate, best.get()) < 0) {
          best = Optional.of(candidate);
        }
      }
    }
    return best;
  }

  private static final Comparator<ZoneInfo> MORE_SPECIFIC = Comparator
      .comparingInt((ZoneInfo z) -> -z.zoneName().length())
      .thenComparing(ZoneInfo::provider)
      .thenComparing(ZoneInfo::zoneId);
}
