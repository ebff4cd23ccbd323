package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Istio's networking.istio.io/v1 VirtualService to endpoints, as ExternalDNS's istio-virtualservice
 * source (source/istio_virtualservice.go): its {@code spec.hosts} ({@code ns/} dropped, {@code *}
 * skipped) and the hostname annotation's names (unless --ignore-hostname-annotation), else
 * --fqdn-template's. Each host's targets are the target annotation's, else those of every Gateway in
 * {@code spec.gateways} ({@code name} or {@code namespace/name}; {@code mesh} is skipped) that the
 * VirtualService binds to for that host ({@link IstioGateways#binds}). Resource label
 * {@code virtualservice/<namespace>/<name>}, as ExternalDNS writes it. Pure.
 */
public final class IstioVirtualServiceSource implements Source<GenericKubernetesResource> {
  /** The resource label's kind, ExternalDNS's. */
  public static final String KIND = "virtualservice";

  private final Extraction extraction;
  private final IstioGateways.Lookups lookups;

  public IstioVirtualServiceSource(Extraction extraction, IstioGateways.Lookups lookups) {
    this.extraction = extraction;
    this.lookups = lookups;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<Endpoint> endpoints(GenericKubernetesResource virtualService) {
    ObjectRef ref = refOf(virtualService);
    Map<String, String> annotations = virtualService.getMetadata().getAnnotations();
    List<String> own = new ArrayList<>(IstioGateways.hostNames(IstioGateways.spec(virtualService).get("hosts")));
    own.addAll(extraction.annotatedHostnames(annotations));
    List<String> annotatedTargets = Annotations.list(annotations, Annotations.TARGET);
    long ttl = SourceSupport.ttl(annotations, ref);
    List<Endpoint> endpoints = new ArrayList<>();
    for (String host : SourceSupport.hostnames(extraction.hostnames(own, virtualService, KIND), ref)) {
      List<String> targets = annotatedTargets.isEmpty() ? gatewayTargets(virtualService, host) : annotatedTargets;
      if (targets.isEmpty()) {
        ExtractionProblems.report(host + ": no gateway it names binds it and has targets");
      }
      endpoints.addAll(Targets.endpointsFor(host, targets, ttl, ref.resourceLabel()));
    }
    return SourceSupport.decorate(endpoints, annotations);
  }

  /** The targets of every Gateway of the VirtualService that binds it for {@code host}, each once. */
  private List<String> gatewayTargets(GenericKubernetesResource virtualService, String host) {
    LinkedHashSet<String> targets = new LinkedHashSet<>();
    for (String[] reference : gatewaysOf(virtualService)) {
      Optional<GenericKubernetesResource> gateway = lookups.gateways().apply(reference[0], reference[1]);
      if (gateway.isPresent() && IstioGateways.binds(virtualService, gateway.get(), host)) {
        targets.addAll(IstioGateways.targets(gateway.get(), lookups));
      }
    }
    return new ArrayList<>(targets);
  }

  /**
   * The (namespace, name) of every Gateway the VirtualService names ({@code mesh} is not one; a
   * name's namespace is the VirtualService's); a malformed reference is reported and skipped.
   */
  public static List<String[]> gatewaysOf(GenericKubernetesResource virtualService) {
    List<String[]> gateways = new ArrayList<>();
    for (String reference : IstioGateways.strings(IstioGateways.spec(virtualService).get("gateways"))) {
      String[] parts = reference.split("/", -1);
      if (reference.isEmpty() || reference.equals(IstioGateways.MESH)) {
        continue;
      }
      if (parts.length > 2 || parts[parts.length - 1].isEmpty()) {
        ExtractionProblems.report("gateway " + reference + " is not a name or namespace/name");
        continue;
      }
      String namespace = parts.length == 2 && !parts[0].isEmpty() ? parts[0] : virtualService.getMetadata().getNamespace();
      gateways.add(new String[] {namespace, parts[parts.length - 1]});
    }
    return gateways;
  }
}
