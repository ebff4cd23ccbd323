package io.dnsplane.fakes.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/** What Cloudflare checks when a record is created, patched or deleted. */
final class CloudflareRules {
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  /** A refused record operation, with Cloudflare's error code. */
  static final class Refused extends RuntimeException {
    final int code;

    Refused(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  private CloudflareRules() {}

  static JsonNode post(CloudflareFake.FakeZone zone, JsonNode body) {
    ObjectNode record = ((ObjectNode) body).deepCopy();
    record.remove("id");
    check(zone, record, null);
    normalise(record);
    CloudflareFake.insert(zone, record);
    return record;
  }

  static JsonNode patch(CloudflareFake.FakeZone zone, String id, JsonNode body) {
    ObjectNode existing = zone.records.get(id);
    if (existing == null) {
      throw new Refused(81044, "Record does not exist.");
    }
    ObjectNode updated = existing.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getKey().equals("id")) {
        updated.set(field.getKey(), field.getValue());
      }
    }
    check(zone, updated, id);
    normalise(updated);
    zone.records.put(id, updated);
    return updated;
  }

  static JsonNode delete(CloudflareFake.FakeZone zone, String id) {
    ObjectNode removed = zone.records.remove(id);
    if (removed == null) {
      throw new Refused(81044, "Record does not exist.");
    }
    return removed.deepCopy().retain("id");
  }

  private static void check(CloudflareFake.FakeZone zone, ObjectNode r, String selfId) {
    String name = r.path("name").asText("");
    String type = r.path("type").asText("");
    String content = r.path("content").asText("");
    if (!name.equals(zone.name) && !name.endsWith("." + zone.name)) {
      throw new Refused(9007, "DNS name is invalid: " + name + " is not in zone " + zone.name);
    }
    switch (type) {
      case "A" -> {
        if (!IPV4.matcher(content).matches()) {
          throw new Refused(9005, "Content for A record must be a valid IPv4 address.");
        }
      }
      case "AAAA" -> {
        if (!content.contains(":")) {
          throw new Refused(9005, "Content for AAAA record must be a valid IPv6 address.");
        }
      }
      case "CNAME", "TXT", "MX", "NS" -> { }
      default -> throw new Refused(9009, "Unsupported record type " + type);
    }
    for (Map.Entry<String, ObjectNode> e : zone.records.entrySet()) {
      if (e.getKey().equals(selfId) || !e.getValue().path("name").asText().equals(name)) {
        continue;
      }
      String otherType = e.getValue().path("type").asText();
      if (otherType.equals(type) && e.getValue().path("content").asText().equals(content)) {
        throw new Refused(81058, "An identical record already exists.");
      }
      if ((type.equals("CNAME") || otherType.equals("CNAME")) && !otherType.equals(type)
          || type.equals("CNAME") && otherType.equals("CNAME")) {
        throw new Refused(81053, "An A, AAAA, or CNAME record with that host already exists.");
      }
    }
  }

  private static void normalise(ObjectNode r) {
    if (r.path("proxied").asBoolean(false)) {
      r.put("ttl", 1);
    }
    if (!r.has("ttl")) {
      r.put("ttl", 1);
    }
    if (!r.has("proxied")) {
      r.put("proxied", false);
    }
  }
}
