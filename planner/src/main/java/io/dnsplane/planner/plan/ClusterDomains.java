package io.dnsplane.planner.plan;

import io.dnsplane.model.DomainFilter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * --cluster-domains: the domains each listed cluster may claim names in, so a compromised or
 * misconfigured cluster cannot take over another's names. Clusters not listed are not restricted.
 */
public record ClusterDomains(Map<String, DomainFilter> allowed) {
  public static final ClusterDomains UNRESTRICTED = new ClusterDomains(Map.of());

  public ClusterDomains {
    allowed = Map.copyOf(allowed);
  }

  /** Parses flag values of the form {@code cluster-a=a.example.com,example.org}. */
  public static ClusterDomains parse(List<String> values) {
    Map<String, DomainFilter> allowed = new LinkedHashMap<>();
    for (String value : values) {
      int eq = value.indexOf('=');
      if (eq <= 0 || eq == value.length() - 1) {
        throw new IllegalArgumentException("--cluster-domains wants CLUSTER=DOMAIN[,DOMAIN...]: " + value);
      }
      List<String> domains = Arrays.stream(value.substring(eq + 1).split(",")).map(String::trim)
          .filter(d -> !d.isEmpty()).toList();
      allowed.put(value.substring(0, eq).trim(), DomainFilter.of(domains, List.of(), null, null));
    }
    return new ClusterDomains(allowed);
  }

  public boolean mayClaim(String clusterId, String dnsName) {
    DomainFilter filter = allowed.get(clusterId);
    return filter == null || filter.matches(dnsName);
  }

  public String describe(String clusterId) {
    DomainFilter filter = allowed.get(clusterId);
    return filter == null ? "any domain" : String.join(", ", filter.include());
  }
}
