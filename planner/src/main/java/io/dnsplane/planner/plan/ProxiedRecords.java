package io.dnsplane.planner.plan;

import io.dnsplane.model.ProviderProperties;
import io.dnsplane.model.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ExternalDNS's Cloudflare AdjustEndpoints, for zones whose provider proxies records: every A,
 * AAAA and CNAME says whether it is proxied, from its {@code cloudflare-proxied} annotation when
 * that is true or false, else the provider's default; wildcard names are never proxied; a proxied
 * record's TTL is Cloudflare's (automatic), so a TTL asked for is not compared. Other types carry no
 * proxy property. Desire then compares equal to what the provider lists.
 */
final class ProxiedRecords {
  static final String PROXIED = ProviderProperties.CLOUDFLARE_PROXIED;

  private ProxiedRecords() {}

  static List<Endpoint> adjust(List<Endpoint> desired, boolean proxiedByDefault) {
    return desired.stream().map(e -> adjust(e, proxiedByDefault)).toList();
  }

  private static Endpoint adjust(Endpoint e, boolean proxiedByDefault) {
    Map<String, String> specific = new TreeMap<>(e.providerSpecific());
    String annotated = specific.remove(PROXIED);
    if (!ProviderProperties.CLOUDFLARE_PROXIABLE.contains(e.recordType())) {
      return with(e, e.ttl(), specific);
    }
    boolean proxied = "true".equalsIgnoreCase(annotated) || !"false".equalsIgnoreCase(annotated) && proxiedByDefault;
    if (e.dnsName().contains("*")) {
      proxied = false;
    }
    specific.put(PROXIED, Boolean.toString(proxied));
    return with(e, proxied ? 0 : e.ttl(), specific);
  }

  private static Endpoint with(Endpoint e, long ttl, Map<String, String> specific) {
    return new Endpoint(e.dnsName(), e.recordType(), e.targets(), ttl, e.setIdentifier(), e.labels(), specific);
  }
}
