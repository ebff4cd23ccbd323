package io.dnsplane.planner.plan;

import io.dnsplane.model.ProviderProperties;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.RecordTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A CNAME (or an alias record) cannot hold several clusters' targets. Where the provider has
 * weighted routing (Route53), such a record several owners want becomes one weighted record per
 * owner instead: set identifier = the
 * owner id (a cluster's owner id defaults to its cluster id), equal weight ({@code aws/weight=1}).
 * A name already served that way stays weighted while any of those owners wants it, so owners
 * coming and going do not flip it between forms.
 */
final class WeightedCnames {
  static final String WEIGHT = ProviderProperties.AWS_WEIGHT;

  private WeightedCnames() {}

  static List<Endpoint> split(List<Endpoint> desired, List<Endpoint> current) {
    Map<String, Set<String>> ownersByName = new TreeMap<>(); // by name and type
    for (Endpoint e : desired) {
      if (isSingleTarget(e)) {
        ownersByName.computeIfAbsent(e.dnsName() + " " + e.recordType(), n -> new TreeSet<>()).add(e.label(Endpoint.LABEL_OWNER));
      }
    }
    List<Endpoint> out = new ArrayList<>();
    for (Endpoint e : desired) {
      Set<String> owners = ownersByName.get(e.dnsName() + " " + e.recordType());
      boolean weighted = isSingleTarget(e)
          && (owners.size() >= 2 || alreadyWeighted(e.dnsName(), e.recordType(), owners, current));
      out.add(weighted ? weighted(e) : e);
    }
    return out;
  }

  /** A record set one target fills: a CNAME, or an A/AAAA alias; without a set identifier yet. */
  private static boolean isSingleTarget(Endpoint e) {
    return (RecordTypes.CNAME.equals(e.recordType()) || ProviderProperties.isAlias(e)) && e.setIdentifier().isEmpty();
  }

  private static boolean alreadyWeighted(String name, String type, Set<String> owners, List<Endpoint> current) {
    return current.stream().anyMatch(c -> c.dnsName().equals(name) && type.equals(c.recordType())
        && owners.contains(c.setIdentifier()));
  }

  private static Endpoint weighted(Endpoint e) {
    Map<String, String> providerSpecific = new TreeMap<>(e.providerSpecific());
    providerSpecific.putIfAbsent(WEIGHT, "1");
    return new Endpoint(e.dnsName(), e.recordType(), e.targets(), e.ttl(), e.label(Endpoint.LABEL_OWNER), e.labels(),
        providerSpecific);
  }
}
