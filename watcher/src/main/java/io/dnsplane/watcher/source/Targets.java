package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import io.dnsplane.model.RecordTypes;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns a host name and its targets into endpoints, as ExternalDNS's EndpointsForHostname does. */
public final class Targets {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private Targets() {}

  /** IPv4 targets make an A record, IPv6 an AAAA record, anything else a CNAME. */
  public static String recordTypeOf(String target) {
    if (isIpv4(target)) {
      return RecordTypes.A;
    }
    return isIpv6(target) ? RecordTypes.AAAA : RecordTypes.CNAME;
  }

  /** Digits and dots only (999.1.1.1, 1.2.3) or colons: a broken address, not a host name. */
  private static boolean looksLikeAnAddress(String target) {
    return target.matches("[0-9.]+") || target.contains(":");
  }

  static boolean isIpv4(String target) {
    if (!IPV4.matcher(target).matches()) {
      return false;
    }
    for (String octet : target.split("\\.")) {
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv6(String target) {
    // Only literal addresses reach InetAddress here, so it never does a DNS lookup.
    if (!target.contains(":") || !target.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(target) instanceof Inet6Address;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * The endpoints of one host name; a target that is neither an IP address nor a valid host name
   * is reported as a problem and left out.
   */
  public static List<Endpoint> endpointsFor(String hostname, Collection<String> targets, long ttl, String resource) {
    Map<String, List<String>> byType = new LinkedHashMap<>();
    for (String target : targets) {
      String type = recordTypeOf(target);
      if (type.equals(RecordTypes.CNAME)) {
        Hostnames.Checked checked = Hostnames.check(target);
        if (checked.name().isEmpty() || looksLikeAnAddress(target)) {
          ExtractionProblems.report("target '" + target + "' is neither an IP address nor a host name");
          continue;
        }
        target = checked.name().get();
      }
      byType.computeIfAbsent(type, t -> new ArrayList<>()).add(target);
    }
    List<Endpoint> endpoints = new ArrayList<>();
    byType.forEach((type, typed) -> endpoints.add(new Endpoint(hostname, type, typed, ttl, "",
        Map.of(Endpoint.LABEL_RESOURCE, resource), Map.of())));
    return endpoints;
  }
}
