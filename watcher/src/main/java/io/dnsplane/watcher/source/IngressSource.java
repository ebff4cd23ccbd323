package io.dnsplane.watcher.source;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * networking.k8s.io/v1 Ingress to endpoints, as ExternalDNS's ingress source: host names from
 * {@code spec.rules[].host} and the hostname annotation; targets from the target annotation, else
 * {@code status.loadBalancer.ingress} (ip and hostname). Pure: no client, no I/O.
 */
public final class IngressSource {
  public static final String KIND = "ingress";
  private static final Logger log = LoggerFactory.getLogger(IngressSource.class);

  private IngressSource() {}

  public static ObjectRef refOf(Ingress ingress) {
    return new ObjectRef(KIND, ingress.getMetadata().getNamespace(), ingress.getMetadata().getName());
  }

  public static List<Endpoint> endpoints(Ingress ingress) {
    ObjectRef ref = refOf(ingress);
    Map<String, String> annotations = ingress.getMetadata().getAnnotations();

    List<String> targets = Annotations.list(annotations, Annotations.TARGET);
    if (targets.isEmpty()) {
      targets = loadBalancerTargets(ingress);
    }
    if (targets.isEmpty()) {
      return List.of();
    }
    long ttl = Annotations.get(annotations, Annotations.TTL).map(value -> {
      OptionalLong parsed = Ttl.parse(value);
      if (parsed.isEmpty()) {
        log.warn("{}: ignoring invalid ttl annotation '{}'", ref, value);
      }
      return parsed.orElse(0);
    }).orElse(0L);

    List<Endpoint> endpoints = new ArrayList<>();
    for (String hostname : hostnames(ingress, annotations)) {
      endpoints.addAll(Targets.endpointsFor(hostname, targets, ttl, ref.resourceLabel()));
    }
    return endpoints;
  }

  private static Set<String> hostnames(Ingress ingress, Map<String, String> annotations) {
    Set<String> hostnames = new LinkedHashSet<>();
    if (ingress.getSpec() != null && ingress.getSpec().getRules() != null) {
      for (IngressRule rule : ingress.getSpec().getRules()) {
        Optional.ofNullable(rule.getHost()).filter(h -> !h.isBlank()).map(DnsNames::normalize).ifPresent(hostnames::add);
      }
    }
    Annotations.list(annotations, Annotations.HOSTNAME).stream().map(DnsNames::normalize).forEach(hostnames::add);
    return hostnames;
  }

  private static List<String> loadBalancerTargets(Ingress ingress) {
    List<String> targets = new ArrayList<>();
    if (ingress.getStatus() == null || ingress.getStatus().getLoadBalancer() == null
        || ingress.getStatus().getLoadBalancer().getIngress() == null) {
      return targets;
    }
    for (IngressLoadBalancerIngress lb : ingress.getStatus().getLoadBalancer().getIngress()) {
      if (lb.getIp() != null && !lb.getIp().isBlank()) {
        targets.add(lb.getIp().trim());
      }
      if (lb.getHostname() != null && !lb.getHostname().isBlank()) {
        targets.add(lb.getHostname().trim());
      }
    }
    return targets;
  }
}
