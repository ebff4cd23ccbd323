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

  /** A record the provider holds that no TXT claims. */
  static Endpoint unowned(String name, String type, long ttl, String... targets) {
    return new Endpoint(name, type, List.of(targets), ttl, "", Map.of(), Map.of());
  }
}
