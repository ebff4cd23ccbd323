package io.dnsplane.planner.plan;

import io.dnsplane.model.Endpoint;
import java.util.List;
import java.util.Map;

/** Endpoints for table tests: who wants or holds what. */
final class Fixtures {
  private Fixtures() {}

  /** A desired endpoint from owner's resource. */
  static Endpoint want(String owner, String resource, String name, String type, long ttl, String... targets) {
    return new Endpoint(name, type, List.of(targets), ttl, "",
        Map.of(Endpoint.LABEL_OWNER, owner, Endpoint.LABEL_RESOURCE, resource), Map.of());
  }

  /** A record the provider holds, owned (per its TXT) by owner's resource. */
  static Endpoint owned(String owner, String resource, String name, String type, long ttl, String... targets) {
    return want(owner, resource, name, type, ttl, targets);
  }

  /** A record set shared by several owners: owner ids and their resources, alternating. */
  static Endpoint shared(String name, String type, long ttl, List<String> targets, String... ownerAndResource) {
    Map<String, String> owners = new java.util.TreeMap<>();
    for (int i = 0; i < ownerAndResource.length; i += 2) {
      owners.put(ownerAndResource[i], ownerAndResource[i + 1]);
    }
    return io.dnsplane.planner.ownership.Ownership.with(
        new Endpoint(name, type, targets, ttl, "", Map.of(), Map.of()), owners);
  }

  /** A record the provider holds that no TXT claims. */
  static Endpoint unowned(String name, String type, long ttl, String... targets) {
    return new Endpoint(name, type, List.of(targets), ttl, "", Map.of(), Map.of());
  }
}
