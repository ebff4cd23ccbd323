package io.dnsplane.applier.spi;

import io.dnsplane.model.DomainFilter;
import io.dnsplane.model.DomainFilterOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** ExternalDNS's zone filters, the same for every provider: a picocli mixin for provider options. */
public final class ZoneFilterOptions {
  @Option(names = "--zone-id-filter", split = ",", description = "Only these zone ids (ExternalDNS's flag; repeatable, comma list).")
  public List<String> zoneIds = new ArrayList<>();

  @Mixin
  public DomainFilterOptions domainFilter = new DomainFilterOptions();

  public DomainFilter domains() {
    return domainFilter.domainFilter();
  }

  /** Whether a zone id passes --zone-id-filter (ids may be given with a prefix such as /hostedzone/). */
  public boolean allowsZoneId(String id) {
    return zoneIds.isEmpty() || zoneIds.stream().anyMatch(f -> f.equals(id) || f.endsWith("/" + id));
  }
}
