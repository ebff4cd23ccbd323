package io.dnsplane.watcher.source;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ttl annotation as ExternalDNS reads it: whole seconds ("300") or a Go duration ("5m",
 * "1h30m", "90s"), from 1 to 2^31-1 seconds. Go's time.ParseDuration is not on the JVM; this parses
 * the subset of it a TTL can use (h, m, s, ms with whole numbers).
 */
public final class Ttl {
  private static final long MAX = Integer.MAX_VALUE;
  private static final Pattern DURATION = Pattern.compile("(\\d+)(h|ms|m|s)");

  private Ttl() {}

  /** Empty when the value is not a valid TTL. */
  public static OptionalLong parse(String value) {
    String v = value.trim();
    if (v.matches("\\d{1,12}")) {
      return inRange(Long.parseLong(v));
    }
    if (v.isEmpty() || !v.matches("(\\d+(h|ms|m|s))+")) {
      return OptionalLong.empty();
    }
    long millis = 0;
    Matcher m = DURATION.matcher(v);
    while (m.find()) {
      if (m.group(1).length() > 12) {
        return OptionalLong.empty();
      }
      long n = Long.parseLong(m.group(1));
      millis += switch (m.group(2)) {
        case "h" -> n * 3_600_000L;
        case "m" -> n * 60_000L;
        case "s" -> n * 1_000L;
        default -> n;
      };
    }
    return inRange(millis / 1000);
  }

  private static OptionalLong inRange(long seconds) {
    return seconds >= 1 && seconds <= MAX ? OptionalLong.of(seconds) : OptionalLong.empty();
  }
}
