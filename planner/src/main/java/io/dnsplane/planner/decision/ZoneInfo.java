package io.dnsplane.planner.decision;

import io.dnsplane.avro.ProviderZone;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.model.DnsNames;
import java.util.Comparator;

/** A zone of a provider, and how a DNS name finds the zone that serves it. */
public record ZoneInfo(String provider, String zoneId, String zoneName, java.util.Set<String> capabilities) {
  public ZoneInfo(String provider, String zoneId, String zoneName) {
    this(provider, zoneId, zoneName, java.util.Set.of());
  }

  public static java.util.Set<String> capabilitiesOf(ProviderZone zone) {
    return zone == null ? java.util.Set.of() : java.util.Set.copyOf(zone.getCapabilities());
  }

  public ZoneRef ref() {
    return new ZoneRef(provider, zoneId);
  }

  /**
   * Every managed zone as specific as the most specific one containing {@code dnsName}: one zone,
   * or several of the same name (Route53's public and private zone of a split horizon), which all
   * get the name, as ExternalDNS writes to every matching zone.
   */
  public static java.util.List<ZoneInfo> servingAll(String dnsName, java.util.Collection<ProviderZone> zones) {
    java.util.List<ZoneInfo> matching = new java.util.ArrayList<>();
    for (ProviderZone z : zones) {
      if (z != null && DnsNames.isInZone(dnsName, DnsNames.normalize(z.getZoneName()))) {
        matching.add(new ZoneInfo(z.getProvider(), z.getZoneId(), DnsNames.normalize(z.getZoneName()),
            capabilitiesOf(z)));
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
