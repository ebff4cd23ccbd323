package io.dnsplane.planner.topology;

import io.dnsplane.avro.ProviderZone;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.model.DnsNames;
import java.util.Comparator;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** A zone of a provider, and how a DNS name finds the zone that serves it. */
record ZoneInfo(String provider, String zoneId, String zoneName, java.util.Set<String> capabilities) {
  ZoneInfo(String provider, String zoneId, String zoneName) {
    this(provider, zoneId, zoneName, java.util.Set.of());
  }

  static java.util.Set<String> capabilitiesOf(ProviderZone zone) {
    return zone == null ? java.util.Set.of() : java.util.Set.copyOf(zone.getCapabilities());
  }

  ZoneRef ref() {
    return new ZoneRef(provider, zoneId);
  }

  /**
   * Every managed zone as specific as the most specific one containing {@code dnsName}: one zone,
   * or several of the same name (Route53's public and private zone of a split horizon), which all
   * get the name, as ExternalDNS writes to every matching zone.
   */
  static java.util.List<ZoneInfo> servingAll(String dnsName, KeyValueStore<ZoneRef, ProviderZone> zones) {
    java.util.List<ZoneInfo> matching = new java.util.ArrayList<>();
    try (KeyValueIterator<ZoneRef, ProviderZone> all = zones.all()) {
      while (all.hasNext()) {
        ProviderZone z = all.next().value;
        if (z != null && DnsNames.isInZone(dnsName, DnsNames.normalize(z.getZoneName()))) {
          matching.add(new ZoneInfo(z.getProvider(), z.getZoneId(), DnsNames.normalize(z.getZoneName()),
              capabilitiesOf(z)));
        }
      }
    }
    matching.sort(MORE_SPECIFIC);
    if (matching.isEmpty()) {
      return matching;
    }
    String best = matching.get(0).zoneName();
    return matching.stream().filter(z -> z.zoneName().equals(best)).toList();
  }

  private static final Comparator<ZoneInfo> MORE_SPECIFIC = Comparator
      .comparingInt((ZoneInfo z) -> -z.zoneName().length())
      .thenComparing(ZoneInfo::provider)
      .thenComparing(ZoneInfo::zoneId);
}
