package io.dnsplane.applier.spi;

import io.dnsplane.model.DnsNames;
import java.util.Objects;

/** A zone as the provider knows it: its id (Route53 hosted zone id, Cloudflare zone id, ...) and name. */
public record Zone(String id, String name) {
  public Zone {
    Objects.requireNonNull(id, "id");
    name = DnsNames.normalize(name);
  }

  /** The most specific of {@code zones} that holds {@code dnsName}, as ExternalDNS picks a name's zone. */
  public static java.util.Optional<Zone> mostSpecific(String dnsName, java.util.Collection<Zone> zones) {
    String name = DnsNames.normalize(dnsName);
    return zones.stream().filter(z -> DnsNames.isInZone(name, z.name()))
        .max(java.util.Comparator.comparingInt(z -> z.name().length()));
  }
}
