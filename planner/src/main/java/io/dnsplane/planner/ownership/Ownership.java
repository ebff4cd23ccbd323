package io.dnsplane.planner.ownership;

import io.dnsplane.model.Endpoint;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who owns a record, as labels on an {@link Endpoint}. One owner reads exactly as ExternalDNS's
 * labels do ({@code owner=cluster-a}, {@code resource=ingress/default/app}); a record set shared by
 * several clusters lists them in owner order, comma-separated, resources in the same order. Owner
 * ids and resource labels cannot contain commas (watcher configuration refuses them).
 */
public final class Ownership {
  private Ownership() {}

  /** Owner id to resource label, sorted by owner; empty when nobody owns the record. */
  public static Map<String, String> of(Endpoint e) {
    String owners = e.label(Endpoint.LABEL_OWNER);
    if (owners.isEmpty()) {
      return Map.of();
    }
    String[] ids = owners.split(",", -1);
    String[] resources = e.label(Endpoint.LABEL_RESOURCE).split(",", -1);
    Map<String, String> byOwner = new TreeMap<>();
    for (int i = 0; i < ids.length; i++) {
      byOwner.put(ids[i], i < resources.length ? resources[i] : "");
    }
    return Collections.unmodifiableMap(byOwner);
  }

  /** The endpoint labelled as owned by exactly these owners. */
  public static Endpoint with(Endpoint e, Map<String, String> resourceByOwner) {
    Map<String, String> sorted = new TreeMap<>(resourceByOwner);
    Map<String, String> labels = new TreeMap<>(e.labels());
    if (sorted.isEmpty()) {
      labels.remove(Endpoint.LABEL_OWNER);
      labels.remove(Endpoint.LABEL_RESOURCE);
    } else {
      labels.put(Endpoint.LABEL_OWNER, String.join(",", sorted.keySet()));
      labels.put(Endpoint.LABEL_RESOURCE, String.join(",", sorted.values()));
    }
    return e.withLabels(labels);
  }
}
