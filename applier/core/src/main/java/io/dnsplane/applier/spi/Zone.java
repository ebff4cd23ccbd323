package io.dnsplane.applier.spi;

import io.dnsplane.model.DnsNames;
import java.util.Objects;

/** A zone as the provider knows it: its id (Route53 hosted zone id, Cloudflare zone id, ...) and name. */
public record Zone(String id, String name) {
  public Zone {
    Objects.requireNonNull(id, "id");
    name = DnsNames.normalize(name);
  }
}
