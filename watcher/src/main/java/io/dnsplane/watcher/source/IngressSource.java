package io.dnsplane.watcher.source;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.dnsplane.model.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * networking.k8s.io/v1 Ingress to endpoints, as ExternalDNS's ingress source: host names from
 * {@code spec.rules[].host} and the hostname annotation; targets from the target annotation, else
 * {@code status.loadBalancer.ingress} (ip and hostname). Pure: no client, no I/O.
 */
public final class IngressSource implements Source<Ingress> {
  public static final String KIND = "ingress";

  static final String LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

  private final Extraction extraction;

  /** --ingress-class, --ignore-ingress-tls-spec, --ignore-ingress-rules-spec, --fqdn-template... */
  public IngressSource(Extraction extraction) {
    this.extraction = extraction;
  }

  /** @param ingressClasses --ingress-class: only Ingresses of these classes; empty for all */
  public IngressSource(java.util.Set<String> ingressClasses) {
    this(new Extraction(ObjectFilter.ALL, ingressClasses, Extraction.Services.DEFAULT, FqdnTemplate.NONE, false, false,
        false, false, Extraction.GatewayFilter.ALL, EndpointProcessing.NONE, ""));
  }

  public IngressSource() {
    this(Extraction.DEFAULT);
  }

  @Override
  public String kind() {
    return KIND;
  }

  private boolean classMatches(Ingress ingress) {
    java.util.Set<String> ingressClasses = extraction.ingressClasses();
    if (ingressClasses.isEmpty()) {
      return true;
    }
    String className = ingress.getSpec() == null ? null : ingress.getSpec().getIngressClassName();
    if (className == null && ingress.getMetadata().getAnnotations() != null) {
      className = ingress.getMetadata().getAnnotations().get(LEGACY_CLASS_ANNOTATION);
    }
    return className != null && ingressClasses.contains(className);
  }

  @Override
  public List<Endpoint> endpoints(Ingress ingress) {
    if (!classMatches(ingress)) {
      return List.of();
    }
    ObjectRef ref = refOf(ingress);
    Map<String, String> annotations = ingress.getMetadata().getAnnotations();

    List<String> targets = Annotations.list(annotations, Annotations.TARGET);
    if (targets.isEmpty()) {
      targets = loadBalancerTargets(ingress);
    }
    if (targets.isEmpty()) {
      return List.of();
    }
    long ttl = SourceSupport.ttl(annotations, ref);

    return SourceSupport.endpoints(hostnames(ingress, annotations, ref), targets, ttl, ref, annotations);
  }

  /**
   * Rule hosts, TLS hosts and the hostname annotation (each unless its --ignore-* flag says so);
   * the ingress-hostname-source annotation narrows to defined-hosts-only (rules and TLS) or
   * annotation-only, as in ExternalDNS; then --fqdn-template.
   */
  private List<String> hostnames(Ingress ingress, Map<String, String> annotations, ObjectRef ref) {
    String hostnameSource = Annotations.get(annotations, "ingress-hostname-source").orElse("");
    List<String> raw = new ArrayList<>();
    if (!hostnameSource.equals("annotation-only") && ingress.getSpec() != null) {
      if (ingress.getSpec().getRules() != null && !extraction.ignoreIngressRulesSpec()) {
        for (IngressRule rule : ingress.getSpec().getRules()) {
          if (rule.getHost() != null && !rule.getHost().isBlank()) {
            raw.add(rule.getHost());
          }
        }
      }
      if (ingress.getSpec().getTls() != null && !extraction.ignoreIngressTlsSpec()) {
        ingress.getSpec().getTls().forEach(tls -> {
          if (tls.getHosts() != null) {
            tls.getHosts().stream().filter(h -> h != null && !h.isBlank()).forEach(raw::add);
          }
        });
      }
    }
    if (!hostnameSource.equals("defined-hosts-only")) {
      raw.addAll(extraction.annotatedHostnames(annotations));
    }
    return SourceSupport.hostnames(extraction.hostnames(raw, ingress, KIND), ref);
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
