package io.dnsplane.planner.preview;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dnsplane.model.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Endpoints in ExternalDNS's own JSON shape (its webhook API and DNSEndpoint spec): dnsName,
 * targets, recordType, setIdentifier, recordTTL (or ttl), labels, providerSpecific [{name, value}].
 */
public final class EndpointJson {
  public static final ObjectMapper JSON = new ObjectMapper();

  private EndpointJson() {}

  /** Reads a JSON array of endpoints; errors name the file, line and field. */
  public static List<Endpoint> read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new PreviewException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
          + ": not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new PreviewException(file + ": cannot read: " + e.getMessage());
    }
    if (root == null || !root.isArray()) {
      throw new PreviewException(file + ": expected a JSON array of endpoints");
    }
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      endpoints.add(endpoint(root.get(i), file + ": endpoint [" + i + "]"));
    }
    return endpoints;
  }

  private static Endpoint endpoint(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new PreviewException(where + ": expected an object");
    }
    String dnsName = text(node, "dnsName", where, true);
    String recordType = text(node, "recordType", where, true);
    List<String> targets = new ArrayList<>();
    JsonNode t = node.get("targets");
    if (t != null && !t.isNull()) {
      if (!t.isArray()) {
        throw new PreviewException(where + ": 'targets' must be an array of strings");
      }
      t.forEach(x -> targets.add(x.asText()));
    }
    JsonNode ttlNode = node.has("recordTTL") ? node.get("recordTTL") : node.get("ttl");
    long ttl = 0;
    if (ttlNode != null && !ttlNode.isNull()) {
      if (!ttlNode.canConvertToLong()) {
        throw new PreviewException(where + ": 'recordTTL' must be a whole number of seconds");
      }
      ttl = ttlNode.asLong();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    JsonNode l = node.get("labels");
    if (l != null && l.isObject()) {
      l.fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
    }
    Map<String, String> providerSpecific = new LinkedHashMap<>();
    JsonNode ps = node.get("providerSpecific");
    if (ps != null && ps.isArray()) {
      ps.forEach(p -> providerSpecific.put(p.path("name").asText(), p.path("value").asText()));
    }
    try {
      return new Endpoint(dnsName, recordType, targets, ttl, text(node, "setIdentifier", where, false), labels, providerSpecific);
    } catch (IllegalArgumentException e) {
      throw new PreviewException(where + ": " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field, String where, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new PreviewException(where + ": '" + field + "' is required");
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
}
