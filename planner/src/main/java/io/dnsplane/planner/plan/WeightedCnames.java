package io.dnsplane.planner.plan;

import io.dnsplane.model.Endpoint;
import io.dnsplane.model.RecordTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A CNAME cannot hold several clusters' targets. Where the provider has weighted routing (Route53),
 * a CNAME several owners want becomes one weighted record per owner instead: set identifier = the
 * owner id (a cluster's owner id defaults to its cluster id), equal weight ({@code aws/weight=1}).
 * A name already served that way stays weighted while any of those owners wants it, so owners
 * coming and going do not flip it between forms.
 */
final class WeightedCnames {
  static final String WEIGHT = "aws/weight";

  private WeightedCnames() {}

  static List<Endpoint> split(List<Endpoint> desired, List<Endpoint> current) {
    Map<String, Set<String>> ownersByName = new TreeMap<>();
    for (Endpoint e : desired) {
      if (isPlainCname(e)) {
        ownersByName.computeIfAbsent(e.dnsName(), n -> new TreeSet<>()).add(e.label(Endpoint.LABEL_OWNER));
      }
    }
    List<Endpoint> out = new ArrayList<>();
    for (Endpoint e : desired) {
      Set<String> owners = ownersByName.get(e.dnsName());
      boolean weighted = isPlainCname(e) && (owners.size() >= 2 || alreadyWeighted(e.dnsName(), owners, current));
      out.add(weighted ? weighted(e) : e);
    }
    return out;
  }

  private static boolean isPlainCname(Endpoint e) {
    return RecordTypes.CNAME.equals(e.recordType()) && e.setIdentifier().isEmpty();
  }

  private static boolean alreadyWeighted(String name, Set<String> owners, List<Endpoint> current) {
    return current.stream().anyMatch(c -> c.dnsName().equals(name) && RecordTypes.CNAME.equals(c.recordType())
        && owners.contains(c.setIdentifier()));
  }

  private static Endpoint weighted(Endpoint e) {
    Map<String, String> providerSpecific = new TreeMap<>(e.providerSpecific());
    providerSpecific.putIfAbsent(WEIGHT, "1");
    return new Endpoint(e.dnsName(), e.recordType(), e.targets(), e.ttl(), e.label(Endpoint.LABEL_OWNER), e.labels(),
        providerSpecific);
  }
}
