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

  /**
   * The labels of an ownership value, or empty when the TXT is not ours to read, exactly as
   * ExternalDNS's NewLabelsFromStringPlain reads it: the quotes around it dropped, tokens split at
   * commas, a token without '=' skipped, a {@code heritage} other than external-dns (first one
   * seen) refusing the value, keys under {@code external-dns} taken (less {@code external-dns/}),
   * any other key skipped; no {@code heritage=external-dns} at all refuses it.
   */
  public static Optional<Map<String, String>> decode(String txt) {
    String value = trimQuotes(txt);
    Map<String, String> labels = new TreeMap<>();
    boolean heritage = false;
    for (String token : value.split(",", -1)) {
      int eq = token.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = token.substring(0, eq);
      String val = token.substring(eq + 1);
      if (key.equals(HERITAGE)) {
        if (!val.equals(HERITAGE_VALUE)) {
          return Optional.empty();
        }
        heritage = true;
      } else if (key.startsWith(HERITAGE_VALUE)) {
        labels.put(key.startsWith(LABEL_PREFIX) ? key.substring(LABEL_PREFIX.length()) : key, val);
      }
    }
    return heritage ? Optional.of(labels) : Optional.empty();
  }

  /** Go's strings.Trim(s, "\""): every leading and trailing double quote. */
  private static String trimQuotes(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == '"') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == '"') {
      to--;
    }
    return s.substring(from, to);
  }
}
