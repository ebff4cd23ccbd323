package io.dnsplane.applier.spi;

import io.dnsplane.model.DomainFilter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** ExternalDNS's zone filters, the same for every provider: a picocli mixin for provider options. */
public final class ZoneFilterOptions {
  @Option(names = "--zone-id-filter", description = "Only these zone ids (repeatable).")
  public List<String> zoneIds = new ArrayList<>();

  @Option(names = "--domain-filter", description = "Only zones in these domains (repeatable).")
  public List<String> domainFilter = new ArrayList<>();

  @Option(names = "--exclude-domains", description = "Leave out zones in these domains (repeatable).")
  public List<String> excludeDomains = new ArrayList<>();

  public DomainFilter domains() {
    return DomainFilter.of(domainFilter, excludeDomains, "", "");
  }

  /** Whether a zone id passes --zone-id-filter (ids may be given with a prefix such as /hostedzone/). */
  public boolean allowsZoneId(String id) {
    return zoneIds.isEmpty() || zoneIds.stream().anyMatch(f -> f.equals(id) || f.endsWith("/" + id));
  }
}
