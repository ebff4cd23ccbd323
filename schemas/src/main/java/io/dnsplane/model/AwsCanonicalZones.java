package io.dnsplane.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The hosted zone ids of AWS load balancers, CloudFront and Global Accelerator by the suffix of
 * their DNS names (AWS's published table, as ExternalDNS keeps it): what a Route53 alias to them
 * needs, and how ExternalDNS decides that a CNAME to them becomes an alias.
 */
public final class AwsCanonicalZones {
  private static final Map<String, String> ZONES = load();

  private AwsCanonicalZones() {}

  /** The canonical hosted zone of a target, if it is such an AWS name. */
  public static Optional<String> of(String target) {
    String t = DnsNames.normalizeTarget(target);
    return ZONES.entrySet().stream().filter(z -> t.endsWith("." + z.getKey()) || t.equals(z.getKey()))
        .map(Map.Entry::getValue).findFirst();
  }

  private static Map<String, String> load() {
    Properties p = new Properties();
    try (InputStream in = AwsCanonicalZones.class.getResourceAsStream("aws-canonical-hosted-zones.properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> zones = new LinkedHashMap<>();
    // Longest suffix first, so elb.eu-west-1.amazonaws.com is not taken for a shorter one.
    p.stringPropertyNames().stream().sorted((a, b) -> b.length() - a.length()).forEach(k -> zones.put(k, p.getProperty(k)));
    return zones;
  }
}
