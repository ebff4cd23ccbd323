package io.dnsplane.watcher.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ExternalDNS annotations. The current prefix {@code external-dns.kubernetes.io/} wins over the
 * older {@code external-dns.alpha.kubernetes.io/} when an object carries both.
 */
public final class Annotations {
  public static final String PREFIX = "external-dns.kubernetes.io/";
  public static final String ALPHA_PREFIX = "external-dns.alpha.kubernetes.io/";

  public static final String HOSTNAME = "hostname";
  public static final String INTERNAL_HOSTNAME = "internal-hostname";
  public static final String TARGET = "target";
  public static final String TTL = "ttl";

  private Annotations() {}

  public static Optional<String> get(Map<String, String> annotations, String key) {
    if (annotations == null) {
      return Optional.empty();
    }
    String value = annotations.get(PREFIX + key);
    if (value == null) {
      value = annotations.get(ALPHA_PREFIX + key);
    }
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }

  /** A comma-separated annotation as a list, blanks dropped. */
  public static List<String> list(Map<String, String> annotations, String key) {
    List<String> values = new ArrayList<>();
    get(annotations, key).ifPresent(v -> {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          values.add(part.trim());
        }
      }
    });
    return values;
  }
}
