package io.dnsplane.applier.pdns;

import io.dnsplane.applier.pdns.PdnsApi.RRset;
import io.dnsplane.model.Changes;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * dnsplane's record sets as PowerDNS's RRsets and back, as ExternalDNS's PowerDNS provider writes
 * them: names and host-name targets fully qualified (a trailing dot), TXT contents quoted as given,
 * a TTL of 0 (no TTL asked) written as 300, disabled records not listed. A batch becomes one PATCH:
 * deletes as DELETE, updates and creates as REPLACE of the whole RRset.
 */
final class PdnsRecords {
  static final long DEFAULT_TTL = 300;
  /** Types whose targets (or whose last field) are host names, written with a trailing dot. */
  private static final Set<String> HOST_TARGETS = Set.of("CNAME", "NS", "PTR", "DNAME", "ALIAS");
  private static final Set<String> HOST_LAST = Set.of("MX", "SRV");

  private PdnsRecords() {}

  static List<Endpoint> endpoints(List<RRset> rrsets) {
    List<Endpoint> out = new ArrayList<>();
    for (RRset set : rrsets == null ? List.<RRset>of() : rrsets) {
      List<String> targets = new ArrayList<>();
      for (PdnsApi.Record r : set.records() == null ? List.<PdnsApi.Record>of() : set.records()) {
        if (!r.disabled()) {
          targets.add(fromContent(set.type(), r.content()));
        }
      }
      if (!targets.isEmpty()) {
        out.add(new Endpoint(set.name(), set.type(), targets, set.ttl() == null ? 0 : set.ttl(), "", Map.of(), Map.of()));
      }
    }
    return out;
  }

  /**
   * One PATCH for a batch: the RRsets it deletes, then those it replaces. A name and type deleted
   * and created in one batch is one REPLACE (PowerDNS takes each RRset once per PATCH).
   */
  static List<RRset> patch(Changes changes) {
    Map<String, RRset> byKey = new LinkedHashMap<>();
    for (Endpoint e : changes.delete()) {
      byKey.put(key(e), new RRset(fqdn(e.dnsName()), e.recordType(), null, "DELETE", null));
    }
    List<Endpoint> replaced = new ArrayList<>(changes.updateNew());
    replaced.addAll(changes.create());
    for (Endpoint e : replaced) {
      if (!e.setIdentifier().isEmpty()) {
        throw new IllegalArgumentException(e.dnsName() + " " + e.recordType() + ": PowerDNS has no weighted or"
            + " set-identified records (set identifier '" + e.setIdentifier() + "')");
      }
      List<PdnsApi.Record> records = e.targets().stream().map(t -> new PdnsApi.Record(toContent(e.recordType(), t), false))
          .toList();
      byKey.put(key(e), new RRset(fqdn(e.dnsName()), e.recordType(), e.ttl() > 0 ? e.ttl() : DEFAULT_TTL, "REPLACE",
          records));
    }
    return List.copyOf(byKey.values());
  }

  static String key(Endpoint e) {
    return e.dnsName() + " " + e.recordType();
  }

  static String fqdn(String name) {
    return name.endsWith(".") ? name : name + ".";
  }

  static String toContent(String type, String target) {
    if (HOST_TARGETS.contains(type)) {
      return fqdn(target);
    }
    if (HOST_LAST.contains(type)) {
      int space = target.lastIndexOf(' ');
      return space < 0 ? target : target.substring(0, space + 1) + fqdn(target.substring(space + 1));
    }
    return target;
  }

  static String fromContent(String type, String content) {
    if (HOST_TARGETS.contains(type) || HOST_LAST.contains(type)) {
      return content.endsWith(".") ? content.substring(0, content.length() - 1) : content;
    }
    return content;
  }

  /** The zone's name as dnsplane writes names (PowerDNS's has a trailing dot; its ids escape "/" as "=2F"). */
  static String zoneName(PdnsApi.PdnsZone zone) {
    return DnsNames.normalize(zone.name());
  }
}
