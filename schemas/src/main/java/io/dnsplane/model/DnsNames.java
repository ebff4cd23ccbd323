package io.dnsplane.model;

import java.util.Locale;
import java.util.Objects;

/** Canonical DNS names: lower case, no trailing dot. */
public final class DnsNames {
  private DnsNames() {}

  public static String normalize(String name) {
    Objects.requireNonNull(name, "dnsName");
    String n = name.trim().toLowerCase(Locale.ROOT);
    while (n.endsWith(".")) {
      n = n.substring(0, n.length() - 1);
    }
    if (n.isEmpty()) {
      throw new IllegalArgumentException("empty DNS name: '" + name + "'");
    }
    return n;
  }

  /** Targets that are host names compare case-insensitively and without the root dot; IPs are unchanged by this. */
  public static String normalizeTarget(String target) {
    String t = target.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty target");
    }
    return normalize(t);
  }

  /** True when {@code name} is {@code zone} or below it. */
  public static boolean isInZone(String name, String zone) {
    return name.equals(zone) || name.endsWith("." + zone);
  }

  /** The first label of a name, and the rest. */
  /** Whether every label is at most 63 characters, as DNS allows (RFC 1035 2.3.4). */
  public static boolean labelsFit(String name) {
    for (String label : name.split("\\.", -1)) {
      if (label.length() > 63) {
        return false;
      }
    }
    return true;
  }

  public static String firstLabel(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  public static String parent(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }
}
