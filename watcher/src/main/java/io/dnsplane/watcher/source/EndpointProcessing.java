package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What ExternalDNS's source wrappers do to every source's endpoints (source/wrappers, in their
 * order), per object: --default-targets (for an endpoint without targets, or every endpoint with
 * --force-default-targets), duplicates removed, --target-net-filter and --exclude-target-net (a
 * target outside the filter, or inside an excluded net, is dropped; an endpoint left without
 * targets goes), then --min-ttl (the TTL of an endpoint that sets none). Pure.
 */
public record EndpointProcessing(List<String> defaultTargets, boolean forceDefaultTargets, List<TargetNet> targetNets,
    List<TargetNet> excludeTargetNets, long minTtl) {
  public static final EndpointProcessing NONE = new EndpointProcessing(List.of(), false, List.of(), List.of(), 0);

  public EndpointProcessing {
    defaultTargets = List.copyOf(defaultTargets);
    targetNets = List.copyOf(targetNets);
    excludeTargetNets = List.copyOf(excludeTargetNets);
    if (minTtl < 0) {
      throw new IllegalArgumentException("--min-ttl must not be negative: " + minTtl);
    }
    if (forceDefaultTargets && defaultTargets.isEmpty()) {
      throw new IllegalArgumentException("--force-default-targets needs --default-targets");
    }
  }

  public List<Endpoint> apply(List<Endpoint> endpoints) {
    if (equals(NONE)) {
      return endpoints;
    }
    LinkedHashSet<Endpoint> out = new LinkedHashSet<>();
    for (Endpoint e : endpoints) {
      if (!defaultTargets.isEmpty() && (forceDefaultTargets || e.targets().isEmpty())) {
        for (Endpoint d : Targets.endpointsFor(e.dnsName(), defaultTargets, e.ttl(), e.label(Endpoint.LABEL_RESOURCE))) {
          out.add(new Endpoint(d.dnsName(), d.recordType(), d.targets(), d.ttl(), e.setIdentifier(), e.labels(),
              e.providerSpecific()));
        }
      } else {
        out.add(e);
      }
    }
    List<Endpoint> processed = new ArrayList<>();
    for (Endpoint e : out) {
      List<String> kept = e.targets().stream().filter(this::targetAllowed).toList();
      if (kept.isEmpty()) {
        continue;
      }
      Endpoint filtered = kept.size() == e.targets().size() ? e : e.withTargets(kept);
      processed.add(minTtl > 0 && filtered.ttl() == 0 ? filtered.withTtl(minTtl) : filtered);
    }
    return processed;
  }

  private boolean targetAllowed(String target) {
    if (targetNets.isEmpty() && excludeTargetNets.isEmpty()) {
      return true;
    }
    boolean in = targetNets.isEmpty() || targetNets.stream().anyMatch(n -> n.contains(target));
    return in && excludeTargetNets.stream().noneMatch(n -> n.contains(target));
  }
}
