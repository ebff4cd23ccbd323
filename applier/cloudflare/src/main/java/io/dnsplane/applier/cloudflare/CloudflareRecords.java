package io.dnsplane.applier.cloudflare;

import io.dnsplane.applier.cloudflare.CloudflareApi.CfRecord;
import io.dnsplane.model.ProviderProperties;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.Endpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Endpoint <-> Cloudflare records. Cloudflare keeps one record per target, so an endpoint is the
 * group of records with its name and type, and a change is a per-target diff against that group:
 * targets gone are deleted, new targets posted, kept targets patched only when their TTL, proxy,
 * comment or tags change. Provider-specific properties use ExternalDNS's names; every A, AAAA and
 * CNAME is listed with its proxy setting, which the planner gives desire too (ExternalDNS's
 * AdjustEndpoints), so both compare equal.
 */
final class CloudflareRecords {
  static final String PROXIED = ProviderProperties.CLOUDFLARE_PROXIED;
  static final String COMMENT = ProviderProperties.CLOUDFLARE_RECORD_COMMENT;
  static final String TAGS = ProviderProperties.CLOUDFLARE_TAGS;
  /** Cloudflare's "automatic" TTL. */
  static final long AUTO_TTL = 1;
  private static final Set<String> PROXIABLE = ProviderProperties.CLOUDFLARE_PROXIABLE;

  enum Kind { DELETE, PATCH, POST }

  /** One record operation, with the endpoint it serves (for per-record failure reports). */
  record Op(Kind kind, CfRecord record, Endpoint endpoint) {}

  private final boolean proxiedByDefault;

  CloudflareRecords(boolean proxiedByDefault) {
    this.proxiedByDefault = proxiedByDefault;
  }

  static String key(String name, String type) {
    return DnsNames.normalize(name) + " " + type.toUpperCase(java.util.Locale.ROOT);
  }

  /** The records of a zone grouped into endpoints. */
  List<Endpoint> toEndpoints(Map<String, List<CfRecord>> byKey) {
    List<Endpoint> out = new ArrayList<>();
    byKey.forEach((key, records) -> {
      if (records.isEmpty()) {
        return;
      }
      CfRecord first = records.get(0);
      Map<String, String> specific = new TreeMap<>();
      if (PROXIABLE.contains(first.type())) {
        specific.put(PROXIED, Boolean.toString(Boolean.TRUE.equals(first.proxied())));
      }
      if (first.comment() != null && !first.comment().isEmpty()) {
        specific.put(COMMENT, first.comment());
      }
      if (first.tags() != null && !first.tags().isEmpty()) {
        specific.put(TAGS, String.join(",", first.tags()));
      }
      List<String> targets = records.stream().map(CloudflareRecords::target).toList();
      out.add(new Endpoint(first.name(), first.type(), targets, first.ttl() == null ? 0 : first.ttl(), "", Map.of(), specific));
    });
    return out;
  }

  /** The operations that turn {@code current} (the records at e's name and type) into {@code e}. */
  List<Op> diff(List<CfRecord> current, Endpoint e) {
    List<Op> ops = new ArrayList<>();
    Map<String, CfRecord> byTarget = new LinkedHashMap<>();
    current.forEach(r -> byTarget.put(target(r), r));
    for (String target : e.targets()) {
      CfRecord wanted = record(e, target);
      CfRecord existing = byTarget.remove(target);
      if (existing == null) {
        ops.add(new Op(Kind.POST, wanted, e));
      } else if (!sameSettings(existing, wanted)) {
        ops.add(new Op(Kind.PATCH, wanted.withId(existing.id()), e));
      }
    }
    byTarget.values().forEach(r -> ops.add(new Op(Kind.DELETE, r, e)));
    return ops;
  }

  /** The operations that delete every record at e's name and type. */
  static List<Op> deleteAll(List<CfRecord> current, Endpoint e) {
    return current.stream().map(r -> new Op(Kind.DELETE, r, e)).toList();
  }

  /** The record one target of an endpoint is written as. */
  CfRecord record(Endpoint e, String target) {
    Map<String, String> specific = e.providerSpecific();
    boolean proxiable = PROXIABLE.contains(e.recordType());
    Boolean proxied = proxiable ? Boolean.valueOf(specific.getOrDefault(PROXIED, Boolean.toString(proxiedByDefault))) : null;
    long ttl = e.ttl() > 0 && !Boolean.TRUE.equals(proxied) ? e.ttl() : AUTO_TTL;
    String content = target;
    Integer priority = null;
    if (e.recordType().equals("MX")) {
      String[] parts = target.trim().split("\\s+", 2);
      if (parts.length != 2) {
        throw new IllegalArgumentException("MX target '" + target + "' of " + e.dnsName() + " needs a priority and a host");
      }
      priority = Integer.valueOf(parts[0]);
      content = parts[1];
    }
    String comment = specific.get(COMMENT);
    List<String> tags = specific.containsKey(TAGS)
        ? Arrays.stream(specific.get(TAGS).split(",")).map(String::trim).filter(t -> !t.isEmpty()).sorted().toList()
        : null;
    return new CfRecord(null, e.dnsName(), e.recordType(), content, ttl, proxied, priority, comment, tags);
  }

  private static boolean sameSettings(CfRecord existing, CfRecord wanted) {
    return Objects.equals(existing.ttl(), wanted.ttl())
        && Objects.equals(Boolean.TRUE.equals(existing.proxied()), Boolean.TRUE.equals(wanted.proxied()))
        && Objects.equals(emptyToNull(existing.comment()), emptyToNull(wanted.comment()))
        && Objects.equals(existing.tags() == null || existing.tags().isEmpty() ? null : existing.tags().stream().sorted().toList(),
            wanted.tags() == null || wanted.tags().isEmpty() ? null : wanted.tags());
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  static String target(CfRecord r) {
    String content = r.type().equals("CNAME") || r.type().equals("MX") || r.type().equals("NS")
        ? DnsNames.normalizeTarget(r.content()) : r.content();
    return r.priority() != null && r.type().equals("MX") ? r.priority() + " " + content : content;
  }
}
