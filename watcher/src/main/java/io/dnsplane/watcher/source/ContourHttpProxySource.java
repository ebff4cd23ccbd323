package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Contour's projectcontour.io/v1 HTTPProxy to endpoints, as ExternalDNS's contour-httpproxy source
 * (source/contour_httpproxy.go): {@code spec.virtualhost.fqdn} and the hostname annotation's names
 * (unless --ignore-hostname-annotation), else --fqdn-template's; targets from the target
 * annotation, else {@code status.loadBalancer.ingress}. Resource label
 * {@code HTTPProxy/<namespace>/<name>}, as ExternalDNS writes it (its case too). Read as a generic
 * resource (no Contour model on the classpath). Pure.
 */
public final class ContourHttpProxySource implements Source<GenericKubernetesResource> {
  /** The resource label's kind, ExternalDNS's, capitals and all. */
  public static final String KIND = "HTTPProxy";

  private final Extraction extraction;

  public ContourHttpProxySource(Extraction extraction) {
    this.extraction = extraction;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<Endpoint> endpoints(GenericKubernetesResource proxy) {
    ObjectRef ref = refOf(proxy);
    Map<String, String> annotations = proxy.getMetadata().getAnnotations();
    List<String> targets = Annotations.list(annotations, Annotations.TARGET);
    if (targets.isEmpty()) {
      targets = loadBalancerTargets(proxy);
    }
    if (targets.isEmpty()) {
      return List.of();
    }
    List<String> own = new ArrayList<>();
    if (proxy.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
        && spec.get("virtualhost") instanceof Map<?, ?> virtualHost && virtualHost.get("fqdn") != null
        && !virtualHost.get("fqdn").toString().isBlank()) {
      own.add(virtualHost.get("fqdn").toString().trim());
    }
    own.addAll(extraction.annotatedHostnames(annotations));
    long ttl = SourceSupport.ttl(annotations, ref);
    return SourceSupport.endpoints(extraction.hostnames(own, proxy, KIND), targets, ttl, ref, annotations);
  }

  private static List<String> loadBalancerTargets(GenericKubernetesResource proxy) {
    List<String> targets = new ArrayList<>();
    if (proxy.getAdditionalProperties().get("status") instanceof Map<?, ?> status
        && status.get("loadBalancer") instanceof Map<?, ?> lb && lb.get("ingress") instanceof List<?> ingresses) {
      for (Object item : ingresses) {
        if (item instanceof Map<?, ?> ingress) {
          for (String field : List.of("ip", "hostname")) {
            if (ingress.get(field) != null && !ingress.get(field).toString().isBlank()) {
              targets.add(ingress.get(field).toString().trim());
            }
          }
        }
      }
    }
    return targets;
  }
}
