package io.dnsplane.watcher.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every source does the same way: valid host names only, and the ttl annotation. */
final class SourceSupport {
  private static final Logger log = LoggerFactory.getLogger(SourceSupport.class);

  private SourceSupport() {}

  /** The valid, canonical names among {@code raw}; invalid ones are reported and skipped. */
  static List<String> hostnames(Collection<String> raw, ObjectRef ref) {
    Set<String> names = new LinkedHashSet<>();
    for (String r : raw) {
      Hostnames.Checked checked = Hostnames.check(r);
      checked.name().ifPresent(names::add);
      checked.problem().ifPresent(p -> {
        log.warn("{}: {}", ref, p);
        ExtractionProblems.report(p);
      });
    }
    return new ArrayList<>(names);
  }

  /**
   * The endpoints of an object's host names (the valid ones) to its targets, with its per-object
   * annotations: what every source ends with.
   */
  static List<io.dnsplane.model.Endpoint> endpoints(List<String> hosts, List<String> targets, long ttl, ObjectRef ref,
      Map<String, String> annotations) {
    List<io.dnsplane.model.Endpoint> endpoints = new ArrayList<>();
    for (String host : hostnames(hosts, ref)) {
      endpoints.addAll(Targets.endpointsFor(host, targets, ttl, ref.resourceLabel()));
    }
    return decorate(endpoints, annotations);
  }

  /**
   * ExternalDNS's per-object annotations every endpoint of the object carries: set-identifier, and
   * provider-specific ones (aws-* as aws/*, cloudflare-*, webhook-* as webhook/*).
   */
  static List<io.dnsplane.model.Endpoint> decorate(List<io.dnsplane.model.Endpoint> endpoints, Map<String, String> annotations) {
    if (annotations == null || annotations.isEmpty()) {
      return endpoints;
    }
    if (Annotations.get(annotations, "record-type").map(t -> t.equalsIgnoreCase("ptr")).orElse(false)) {
      endpoints = withPtrRecords(endpoints);
    }
    String setIdentifier = Annotations.get(annotations, "set-identifier").orElse("");
    Map<String, String> providerSpecific = new java.util.TreeMap<>();
    annotations.forEach((key, value) -> {
      String name = key.startsWith(Annotations.PREFIX) ? key.substring(Annotations.PREFIX.length())
          : key.startsWith(Annotations.ALPHA_PREFIX) ? key.substring(Annotations.ALPHA_PREFIX.length()) : null;
      if (name == null) {
        return;
      }
      if (name.startsWith("aws-")) {
        providerSpecific.put("aws/" + name.substring(4), value);
      } else if (name.startsWith("webhook-")) {
        providerSpecific.put("webhook/" + name.substring(8), value);
      } else if (name.startsWith("cloudflare-")) {
        // cloudflare-proxied, cloudflare-record-comment, cloudflare-tags: ExternalDNS's property names.
        providerSpecific.put("external-dns.alpha.kubernetes.io/" + name, value);
      } else if (name.equals(io.dnsplane.model.ProviderProperties.ALIAS)) {
        providerSpecific.put(io.dnsplane.model.ProviderProperties.ALIAS, value);
      }
    });
    if (setIdentifier.isEmpty() && providerSpecific.isEmpty()) {
      return endpoints;
    }
    List<io.dnsplane.model.Endpoint> decorated = new ArrayList<>();
    for (io.dnsplane.model.Endpoint e : endpoints) {
      Map<String, String> props = new java.util.TreeMap<>(e.providerSpecific());
      props.putAll(providerSpecific);
      decorated.add(new io.dnsplane.model.Endpoint(e.dnsName(), e.recordType(), e.targets(), e.ttl(),
          setIdentifier.isEmpty() ? e.setIdentifier() : setIdentifier, e.labels(), props));
    }
    return decorated;
  }

  /** The record-type: ptr annotation: a PTR record in the reverse zone for every A and AAAA target. */
  static List<io.dnsplane.model.Endpoint> withPtrRecords(List<io.dnsplane.model.Endpoint> endpoints) {
    List<io.dnsplane.model.Endpoint> out = new ArrayList<>(endpoints);
    for (io.dnsplane.model.Endpoint e : endpoints) {
      if (!e.recordType().equals("A") && !e.recordType().equals("AAAA")) {
        continue;
      }
      for (String ip : e.targets()) {
        reverseName(ip).ifPresent(reverse -> out.add(new io.dnsplane.model.Endpoint(reverse, "PTR", List.of(e.dnsName()),
            e.ttl(), "", e.labels(), Map.of())));
      }
    }
    return out;
  }

  /** 10.1.2.3 -> 3.2.1.10.in-addr.arpa; IPv6 to its nibbles under ip6.arpa. */
  static java.util.Optional<String> reverseName(String ip) {
    try {
      byte[] bytes = java.net.InetAddress.getByName(ip).getAddress();
      StringBuilder name = new StringBuilder();
      if (bytes.length == 4) {
        for (int i = 3; i >= 0; i--) {
          name.append(bytes[i] & 0xff).append('.');
        }
        return java.util.Optional.of(name.append("in-addr.arpa").toString());
      }
      for (int i = bytes.length - 1; i >= 0; i--) {
        name.append(Integer.toHexString(bytes[i] & 0x0f)).append('.').append(Integer.toHexString((bytes[i] >> 4) & 0x0f)).append('.');
      }
      return java.util.Optional.of(name.append("ip6.arpa").toString());
    } catch (java.net.UnknownHostException e) {
      return java.util.Optional.empty();
    }
  }

  static long ttl(Map<String, String> annotations, ObjectRef ref) {
    return Annotations.get(annotations, Annotations.TTL).map(value -> {
      OptionalLong parsed = Ttl.parse(value);
      if (parsed.isEmpty()) {
        log.warn("{}: ignoring invalid ttl annotation '{}'", ref, value);
        ExtractionProblems.report("ttl '" + value + "' is not a TTL (seconds or a duration such as 5m, 1 s to 68 years); "
            + "the provider's default is used");
      }
      return parsed.orElse(0);
    }).orElse(0L);
  }
}
