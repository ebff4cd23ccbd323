package io.dnsplane.planner.audit;

import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.avro.Endpoint;
import io.dnsplane.model.DnsNames;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A zone's records as dnsplane had applied them at a time, rebuilt from the audit log: each
 * applied result's after-records replace what its names held. Names dnsplane never touched are not
 * known here (they are the provider's). Pure.
 */
public final class ZoneState {
  private ZoneState() {}

  /** Record set key: name, type and set identifier. */
  public static String key(Endpoint e) {
    return DnsNames.normalize(e.getDnsName()) + " " + e.getRecordType()
        + (e.getSetIdentifier() == null || e.getSetIdentifier().isEmpty() ? "" : " " + e.getSetIdentifier());
  }

  /** Whether {@code zone} (its name or id) is the result's zone. */
  public static boolean inZone(ApplyResult r, String zone) {
    return DnsNames.normalize(r.getZoneName()).equals(DnsNames.normalize(zone)) || r.getZoneId().equals(zone);
  }

  /** The zone's records at {@code at}, by {@link #key}. */
  public static Map<String, Endpoint> at(List<ApplyResult> results, String zone, Instant at) {
    // By name, so that each result replaces its names' records without looking at the others'.
    Map<String, Map<String, Endpoint>> byName = new java.util.HashMap<>();
    for (ApplyResult r : RecordHistory.ordered(results)) {
      if (!inZone(r, zone) || r.getAppliedAt().isAfter(at)
          || r.getStatus() != ApplyStatus.APPLIED && r.getStatus() != ApplyStatus.PARTIAL) {
        continue;
      }
      r.getBefore().forEach(e -> byName.remove(DnsNames.normalize(e.getDnsName())));
      r.getAfter().forEach(e -> byName.remove(DnsNames.normalize(e.getDnsName())));
      r.getAfter().forEach(e -> byName.computeIfAbsent(DnsNames.normalize(e.getDnsName()), n -> new TreeMap<>())
          .put(key(e), e));
    }
    Map<String, Endpoint> records = new TreeMap<>();
    byName.values().forEach(records::putAll);
    return records;
  }

  /** One record set that differs between two times: absent on one side when it was created or deleted. */
  public record Difference(String key, Endpoint then, Endpoint now) {}

  public static List<Difference> diff(Map<String, Endpoint> then, Map<String, Endpoint> now) {
    Set<String> keys = new TreeSet<>(then.keySet());
    keys.addAll(now.keySet());
    Map<String, Difference> out = new LinkedHashMap<>();
    for (String k : keys) {
      Endpoint a = then.get(k);
      Endpoint b = now.get(k);
      if (!Objects.equals(a == null ? null : content(a), b == null ? null : content(b))) {
        out.put(k, new Difference(k, a, b));
      }
    }
    return List.copyOf(out.values());
  }

  /** What a record set holds, its labels aside. */
  private static String content(Endpoint e) {
    return e.getRecordTTL() + " " + new TreeSet<>(e.getTargets());
  }
}
