package io.dnsplane.runtime;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/**
 * A duration as ExternalDNS's flags take it (Go's time.ParseDuration: 5s, 1m30s, 500ms, 1h) or as
 * ISO-8601 (PT5S), so ExternalDNS's values work unchanged. Written here: no library parses Go's form.
 */
public final class GoDuration implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  public static Duration parse(String value) {
    String v = value.trim();
    if (v.startsWith("P") || v.startsWith("p")) {
      return Duration.parse(v);
    }
    if (v.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(v);
    int at = 0;
    double nanos = 0;
    while (m.find() && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      nanos += n * switch (m.group(2)) {
        case "ns" -> 1;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        default -> 3600e9;
      };
      at = m.end();
    }
    if (at == 0 || at != v.length()) {
      throw new IllegalArgumentException("not a duration: '" + value + "' (give 5s, 1m30s, 500ms or PT5S)");
    }
    return Duration.ofNanos((long) nanos);
  }
}
