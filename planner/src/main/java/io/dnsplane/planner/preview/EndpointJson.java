package io.dnsplane.planner.preview;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.ExternalDnsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Endpoints in ExternalDNS's own JSON shape (its webhook API and DNSEndpoint spec): dnsName,
 * targets, recordType, setIdentifier, recordTTL (or ttl), labels, providerSpecific [{name, value}].
 */
public final class EndpointJson {
  public static final ObjectMapper JSON = ExternalDnsJson.JSON;

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
    try {
      return ExternalDnsJson.endpoints(root, file + ": endpoint");
    } catch (IllegalArgumentException e) {
      throw new PreviewException(e.getMessage());
    }
  }

  public static ObjectNode toJson(Endpoint e) {
    return ExternalDnsJson.toJson(e);
  }
}
