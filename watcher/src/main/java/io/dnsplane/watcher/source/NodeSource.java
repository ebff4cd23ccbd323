package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.Node;
import java.util.List;
import java.util.Map;

/**
 * core/v1 Node to endpoints, as ExternalDNS's node source (source/node.go): the node's name, or the
 * --fqdn-template's names instead (both with --combine-fqdn-annotation); targets from the target
 * annotation, else the node's ExternalIPs (and internal IPv6 ones with --expose-internal-ipv6), else its
 * InternalIPs; a cordoned node has none with
 * --exclude-unschedulable (ExternalDNS's default). Pure.
 */
public final class NodeSource implements Source<Node> {
  public static final String KIND = "node";

  private final Extraction extraction;

  public NodeSource(Extraction extraction) {
    this.extraction = extraction;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<Endpoint> endpoints(Node node) {
    if (extraction.services().excludeUnschedulable() && node.getSpec() != null
        && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      return List.of();
    }
    ObjectRef ref = refOf(node);
    Map<String, String> annotations = node.getMetadata().getAnnotations();
    List<String> targets = Annotations.list(annotations, Annotations.TARGET);
    if (targets.isEmpty()) {
      List<String> external = addresses(node, "ExternalIP");
      targets = external.isEmpty() ? addresses(node, "InternalIP")
          : ServiceSource.withInternalIpv6(external, addresses(node, "InternalIP"), extraction.services().exposeInternalIpv6());
    }
    if (targets.isEmpty()) {
      ExtractionProblems.report("the node has no address");
      return List.of();
    }
    // ExternalDNS: the template's names replace the node's name, unless they are combined.
    boolean replaced = extraction.fqdnTemplate().isConfigured() && !extraction.combineFqdnAnnotation();
    List<String> own = replaced ? List.of() : List.of(node.getMetadata().getName());
    long ttl = SourceSupport.ttl(annotations, ref);
    return SourceSupport.endpoints(extraction.hostnames(own, node, KIND), targets, ttl, ref, annotations);
  }

  private static List<String> addresses(Node node, String type) {
    if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
      return List.of();
    }
    return node.getStatus().getAddresses().stream().filter(a -> type.equals(a.getType()))
        .map(a -> a.getAddress()).toList();
  }
}
