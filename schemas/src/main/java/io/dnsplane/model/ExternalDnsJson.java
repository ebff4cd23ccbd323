package io.dnsplane.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ExternalDNS's own JSON shapes (its webhook API, api/webhook.yaml, and the DNSEndpoint spec):
 * an endpoint {dnsName, targets, recordType, setIdentifier, recordTTL (or ttl), labels,
 * providerSpecific [{name, value}]}, changes {create, updateOld, updateNew, delete} with old and
 * new paired by index, and a domain filter {include, exclude} or {regexInclude, regexExclude}.
 * Bad input throws IllegalArgumentException saying where.
 */
public final class ExternalDnsJson {
  public static final ObjectMapper JSON = new ObjectMapper();

  private ExternalDnsJson() {}

  public static List<Endpoint> endpoints(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return List.of(); // Go encodes an empty slice as null
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(where + ": expected a JSON array of endpoints");
    }
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      endpoints.add(endpoint(node.get(i), where + " [" + i + "]"));
    }
    return endpoints;
  }

  public static Endpoint endpoint(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": expected an object");
    }
    String dnsName = text(node, "dnsName", where, true);
    String recordType = text(node, "recordType", where, true);
    List<String> targets = new ArrayList<>();
    JsonNode t = field(node, "targets");
    if (t != null && !t.isNull()) {
      if (!t.isArray()) {
        throw new IllegalArgumentException(where + ": 'targets' must be an array of strings");
      }
      t.forEach(x -> targets.add(x.asText()));
    }
    JsonNode ttlNode = field(node, "recordTTL") != null ? field(node, "recordTTL") : field(node, "ttl");
    long ttl = 0;
    if (ttlNode != null && !ttlNode.isNull()) {
      if (!ttlNode.canConvertToLong()) {
        throw new IllegalArgumentException(where + ": 'recordTTL' must be a whole number of seconds");
      }
      ttl = ttlNode.asLong();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    JsonNode l = field(node, "labels");
    if (l != null && l.isObject()) {
      l.fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
    }
    Map<String, String> providerSpecific = new LinkedHashMap<>();
    JsonNode ps = field(node, "providerSpecific");
    if (ps != null && ps.isArray()) {
      ps.forEach(p -> providerSpecific.put(text(p, "name"), text(p, "value")));
    }
    try {
      return new Endpoint(dnsName, recordType, targets, ttl, text(node, "setIdentifier", where, false), labels,
          providerSpecific);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field, String where, boolean required) {
    JsonNode v = field(node, field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(where + ": '" + field + "' is required");
      }
      return "";
    }
    return v.asText();
  }

  public static ObjectNode toJson(Endpoint e) {
    ObjectNode node = JSON.createObjectNode();
    node.put("dnsName", e.dnsName());
    ArrayNode targets = node.putArray("targets");
    e.targets().forEach(targets::add);
    node.put("recordType", e.recordType());
    if (!e.setIdentifier().isEmpty()) {
      node.put("setIdentifier", e.setIdentifier());
    }
    if (e.ttl() > 0) {
      node.put("recordTTL", e.ttl());
    }
    if (!e.labels().isEmpty()) {
      ObjectNode labels = node.putObject("labels");
      e.labels().forEach(labels::put);
    }
    if (!e.providerSpecific().isEmpty()) {
      ArrayNode ps = node.putArray("providerSpecific");
      e.providerSpecific().forEach((k, v) -> ps.addObject().put("name", k).put("value", v));
    }
    return node;
  }

  public static ArrayNode toJson(List<Endpoint> endpoints) {
    ArrayNode array = JSON.createArrayNode();
    endpoints.forEach(e -> array.add(toJson(e)));
    return array;
  }

  public static Changes changes(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + ": expected an object {create, updateOld, updateNew, delete}");
    }
    List<Endpoint> updateOld = endpoints(field(node, "updateOld"), where + ": updateOld");
    List<Endpoint> updateNew = endpoints(field(node, "updateNew"), where + ": updateNew");
    if (updateOld.size() != updateNew.size()) {
      throw new IllegalArgumentException(where + ": updateOld has " + updateOld.size() + " endpoints and updateNew "
          + updateNew.size() + "; they are paired by index");
    }
    return new Changes(endpoints(field(node, "create"), where + ": create"), updateOld, updateNew,
        endpoints(field(node, "delete"), where + ": delete"));
  }

  public static ObjectNode toJson(Changes changes) {
    ObjectNode node = JSON.createObjectNode();
    node.set("create", toJson(changes.create()));
    node.set("updateOld", toJson(changes.updateOld()));
    node.set("updateNew", toJson(changes.updateNew()));
    node.set("delete", toJson(changes.delete()));
    return node;
  }

  /** As ExternalDNS's DomainFilter.UnmarshalJSON: a domain list or regular expressions, not both. */
  public static DomainFilter domainFilter(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + ": expected a domain filter object {include, exclude}");
    }
    List<String> include = strings(field(node, "include"), where + ": include");
    List<String> exclude = strings(field(node, "exclude"), where + ": exclude");
    String regexInclude = text(node, "regexInclude");
    String regexExclude = text(node, "regexExclude");
    if ((!regexInclude.isEmpty() || !regexExclude.isEmpty()) && (!include.isEmpty() || !exclude.isEmpty())) {
      throw new IllegalArgumentException(where + ": cannot have both domain list and regex");
    }
    try {
      return DomainFilter.of(include, exclude, regexInclude, regexExclude);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException(where + ": invalid regular expression: " + e.getMessage(), e);
    }
  }

  /** As ExternalDNS's DomainFilter.MarshalJSON: empty fields left out. */
  public static ObjectNode toJson(DomainFilter filter) {
    ObjectNode node = JSON.createObjectNode();
    if (filter.regexInclude().isPresent() || filter.regexExclude().isPresent()) {
      filter.regexInclude().ifPresent(p -> node.put("regexInclude", p.pattern()));
      filter.regexExclude().ifPresent(p -> node.put("regexExclude", p.pattern()));
      return node;
    }
    if (!filter.include().isEmpty()) {
      filter.include().forEach(node.putArray("include")::add);
    }
    if (!filter.exclude().isEmpty()) {
      filter.exclude().forEach(node.putArray("exclude")::add);
    }
    return node;
  }

  /** A field by name, matched as Go's encoding/json matches it: exactly, else ignoring case. */
  private static JsonNode field(JsonNode node, String name) {
    JsonNode exact = node.get(name);
    if (exact != null) {
      return exact;
    }
    for (java.util.Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String candidate = names.next();
      if (candidate.equalsIgnoreCase(name)) {
        return node.get(candidate);
      }
    }
    return null;
  }

  private static String text(JsonNode node, String name) {
    JsonNode v = field(node, name);
    return v == null || v.isNull() ? "" : v.asText();
  }

  private static List<String> strings(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(where + ": expected an array of domains");
    }
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return out;
  }
}
