package io.dnsplane.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One DNS record set as ExternalDNS models it (endpoint/endpoint.go): a name, a type, its targets,
 * a TTL (0 = provider default), an optional set identifier, labels (owner, resource, ...) and
 * provider-specific properties. Immutable and canonical: the name is normalised and targets are
 * a sorted set, so two endpoints with the same content are equal.
 */
public record Endpoint(
    String dnsName,
    String recordType,
    List<String> targets,
    long ttl,
    String setIdentifier,
    Map<String, String> labels,
    Map<String, String> providerSpecific) {

  public static final String LABEL_OWNER = "owner";
  public static final String LABEL_RESOURCE = "resource";

  public Endpoint {
    dnsName = DnsNames.normalize(dnsName);
    Objects.requireNonNull(recordType, "recordType");
    recordType = recordType.trim().toUpperCase(java.util.Locale.ROOT);
    if (recordType.isEmpty()) {
      throw new IllegalArgumentException("record type is empty for " + dnsName);
    }
    targets = canonicalTargets(recordType, targets == null ? List.of() : targets);
    if (ttl < 0) {
      throw new IllegalArgumentException("negative TTL " + ttl + " for " + dnsName);
    }
    setIdentifier = setIdentifier == null ? "" : setIdentifier;
    labels = Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
    providerSpecific = Collections.unmodifiableMap(new TreeMap<>(providerSpecific == null ? Map.of() : providerSpecific));
  }

  public static Endpoint of(String dnsName, String recordType, long ttl, String... targets) {
    return new Endpoint(dnsName, recordType, List.of(targets), ttl, "", Map.of(), Map.of());
  }

  private static List<String> canonicalTargets(String recordType, Collection<String> targets) {
    TreeSet<String> set = new TreeSet<>();
    for (String target : targets) {
      Objects.requireNonNull(target, "target");
      // Host names are case-insensitive and may carry a trailing dot; TXT data is kept verbatim.
      set.add(RecordTypes.TXT.equals(recordType) ? target : DnsNames.normalizeTarget(target));
    }
    return List.copyOf(set);
  }

  public Endpoint withTargets(Collection<String> newTargets) {
    return new Endpoint(dnsName, recordType, new ArrayList<>(newTargets), ttl, setIdentifier, labels, providerSpecific);
  }

  public Endpoint withTtl(long newTtl) {
    return new Endpoint(dnsName, recordType, targets, newTtl, setIdentifier, labels, providerSpecific);
  }

  public Endpoint withLabels(Map<String, String> newLabels) {
    return new Endpoint(dnsName, recordType, targets, ttl, setIdentifier, newLabels, providerSpecific);
  }

  public Endpoint withLabel(String key, String value) {
    Map<String, String> copy = new TreeMap<>(labels);
    copy.put(key, value);
    return withLabels(copy);
  }

  public Endpoint withoutLabels() {
    return withLabels(Map.of());
  }

  public String label(String key) {
    return labels.getOrDefault(key, "");
  }

  /** Same record set content, ignoring labels (which are dnsplane's bookkeeping, not DNS data). */
  public boolean sameRecord(Endpoint other) {
    return dnsName.equals(other.dnsName) && recordType.equals(other.recordType)
        && targets.equals(other.targets) && ttl == other.ttl
        && setIdentifier.equals(other.setIdentifier) && providerSpecific.equals(other.providerSpecific);
  }

  @Override
  public String toString() {
    String id = setIdentifier.isEmpty() ? "" : " [" + setIdentifier + "]";
    return dnsName + " " + (ttl > 0 ? ttl + " " : "") + recordType + " " + String.join(",", targets) + id;
  }
}
