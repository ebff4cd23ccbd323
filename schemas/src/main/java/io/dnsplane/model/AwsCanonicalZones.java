package io.dnsplane.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The hosted zone ids of AWS load balancers, API Gateway, VPC endpoints, CloudFront, Global
 * Accelerator and more by the suffix of their DNS names: ExternalDNS's whole table (v0.22), what a
 * Route53 alias to them needs, and how ExternalDNS decides that a CNAME to them becomes an alias.
 * Looked up as ExternalDNS's canonicalHostedZone does: only names ending as AWS's do, the shortest
 * suffix of two labels or more first.
 */
public final class AwsCanonicalZones {
  private static final Map<String, String> ZONES = load();

  private AwsCanonicalZones() {}

  private static final java.util.List<String> AWS_ENDINGS = java.util.List.of("aws.com", "aws.com.cn", "tor.com",
      "ont.com", "ont.net");

  /** The canonical hosted zone of a target, if it is such an AWS name. */
  public static Optional<String> of(String target) {
    String t = DnsNames.normalizeTarget(target);
    if (AWS_ENDINGS.stream().noneMatch(t::endsWith)) {
      return Optional.empty();
    }
    String[] labels = t.split("\\.");
    for (int i = labels.length - 2; i >= 0; i--) {
      String zone = ZONES.get(String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length)));
      if (zone != null) {
        return Optional.of(zone);
      }
    }
    return Optional.empty();
  }

  /** Every suffix and its zone, as ExternalDNS lists them. */
  public static Map<String, String> all() {
    return ZONES;
  }

  private static Map<String, String> load() {
    Properties p = new Properties();
    try (InputStream in = AwsCanonicalZones.class.getResourceAsStream("aws-canonical-hosted-zones.properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> zones = new LinkedHashMap<>();
    p.stringPropertyNames().stream().sorted().forEach(k -> zones.put(k, p.getProperty(k)));
    return java.util.Collections.unmodifiableMap(zones);
  }
}
