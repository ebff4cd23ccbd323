package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Istio's networking.istio.io/v1 Gateway to endpoints, as ExternalDNS's istio-gateway source
 * (source/istio_gateway.go): the servers' hosts and the hostname annotation's names (unless
 * --ignore-hostname-annotation), else --fqdn-template's; targets as {@link IstioGateways#targets}
 * finds them. Resource label {@code gateway/<namespace>/<name>}, as ExternalDNS writes it. Pure.
 */
public final class IstioGatewaySource implements Source<GenericKubernetesResource> {
  /** The resource label's kind, ExternalDNS's. */
  public static final String KIND = "gateway";

  private final Extraction extraction;
  private final IstioGateways.Lookups lookups;

  public IstioGatewaySource(Extraction extraction, IstioGateways.Lookups lookups) {
    this.extraction = extraction;
    this.lookups = lookups;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<Endpoint> endpoints(GenericKubernetesResource gateway) {
    ObjectRef ref = refOf(gateway);
    Map<String, String> annotations = gateway.getMetadata().getAnnotations();
    List<String> own = new ArrayList<>(IstioGateways.hosts(gateway));
    own.addAll(extraction.annotatedHostnames(annotations));
    List<String> hosts = extraction.hostnames(own, gateway, KIND);
    if (hosts.isEmpty()) {
      return List.of();
    }
    List<String> targets = IstioGateways.targets(gateway, lookups);
    if (targets.isEmpty()) {
      ExtractionProblems.report("no targets: no target annotation, and no Service its selector matches (or the Ingress"
          + " it names) has an external IP or a load balancer address yet");
      return List.of();
    }
    return SourceSupport.endpoints(hosts, targets, SourceSupport.ttl(annotations, ref), ref, annotations);
  }
}
