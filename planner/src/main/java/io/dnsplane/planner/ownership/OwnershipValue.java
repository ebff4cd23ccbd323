package io.dnsplane.planner.ownership;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The TXT ownership value ExternalDNS writes (endpoint/labels.go):
 * {@code "heritage=external-dns,external-dns/owner=<id>,external-dns/resource=<kind>/<ns>/<name>"},
 * keys sorted, the whole value in double quotes. A value without {@code heritage=external-dns} is
 * not an ownership record.
 */
public final class OwnershipValue {
  private static final String HERITAGE = "heritage";
  private static final String HERITAGE_VALUE = "external-dns";
  private static final String LABEL_PREFIX = "external-dns/";

  private OwnershipValue() {}

  /** Encodes labels (owner, resource, ...) as a quoted TXT value. */
  public static String encode(Map<String, String> labels) {
    StringBuilder value = new StringBuilder("\"" + HERITAGE + "=" + HERITAGE_VALUE);
    new TreeMap<>(labels).forEach((k, v) -> {
      if (!v.isEmpty()) {
        value.append(',').append(LABEL_PREFIX).append(k).append('=').append(v);
      }
    });
    return value.append('"').toString();
  }

  /** The labels of an ownership value, or empty when the TXT is not ours to read. */
  public static Optional<Map<String, String>> decode(String txt) {
    String value = txt.trim();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    Map<String, String> labels = new TreeMap<>();
    boolean heritage = false;
    for (String pair : value.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        return Optional.empty();
      }
      String key = pair.substring(0, eq).trim();
      String val = pair.substring(eq + 1).trim();
      if (key.equals(HERITAGE)) {
        if (!val.equals(HERITAGE_VALUE)) {
          return Optional.empty();
        }
        heritage = true;
      } else if (key.startsWith(LABEL_PREFIX)) {
        labels.put(key.substring(LABEL_PREFIX.length()), val);
      } else {
        return Optional.empty();
      }
    }
    return heritage ? Optional.of(labels) : Optional.empty();
  }
}
