package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ExternalDNS's node source rules (source/node.go), as a table. */
class NodeSourceTest {
  record Case(String name, Extraction extraction, Node node, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Node node(Map<String, String> annotations, boolean unschedulable, String... typedAddresses) {
    NodeBuilder b = new NodeBuilder().withNewMetadata().withName("node-a").withLabels(Map.of("pool", "edge"))
        .withAnnotations(annotations).endMetadata().withNewSpec().withUnschedulable(unschedulable).endSpec()
        .withNewStatus().endStatus();
    for (int i = 0; i < typedAddresses.length; i += 2) {
      b.editStatus().addNewAddress().withType(typedAddresses[i]).withAddress(typedAddresses[i + 1]).endAddress().endStatus();
    }
    return b.build();
  }

  private static Extraction extraction(String template, boolean combine, boolean excludeUnschedulable) {
    return new Extraction(ObjectFilter.ALL, Set.of(), new Extraction.Services(Set.of(), false, false, excludeUnschedulable),
        new FqdnTemplate(template), combine, false, false, false, Extraction.GatewayFilter.ALL, EndpointProcessing.NONE, "");
  }

  static Stream<Case> cases() {
    String template = "{{.Name}}.{{.Labels.pool}}.example.com";
    return Stream.of(
        new Case("the node's name and its ExternalIP", extraction("", false, true),
            node(Map.of(), false, "InternalIP", "10.0.0.1", "ExternalIP", "203.0.113.1"), List.of("node-a A 203.0.113.1")),
        new Case("its InternalIP when it has no external one", extraction("", false, true),
            node(Map.of(), false, "InternalIP", "10.0.0.1", "InternalIP", "fd00::1"), List.of("node-a A 10.0.0.1",
                "node-a AAAA fd00::1")),
        new Case("--fqdn-template replaces the node's name", extraction(template, false, true),
            node(Map.of(), false, "ExternalIP", "203.0.113.1"), List.of("node-a.edge.example.com A 203.0.113.1")),
        new Case("--combine-fqdn-annotation keeps both", extraction(template, true, true),
            node(Map.of(), false, "ExternalIP", "203.0.113.1"),
            List.of("node-a A 203.0.113.1", "node-a.edge.example.com A 203.0.113.1")),
        new Case("the target annotation wins", extraction(template, false, true),
            node(Map.of(Annotations.PREFIX + "target", "198.51.100.7"), false, "ExternalIP", "203.0.113.1"),
            List.of("node-a.edge.example.com A 198.51.100.7")),
        new Case("a cordoned node has no records with --exclude-unschedulable", extraction(template, false, true),
            node(Map.of(), true, "ExternalIP", "203.0.113.1"), List.of()),
        new Case("and has them without it", extraction(template, false, false),
            node(Map.of(), true, "ExternalIP", "203.0.113.1"), List.of("node-a.edge.example.com A 203.0.113.1")),
        new Case("--expose-internal-ipv6 adds the internal IPv6 addresses to the external ones",
            new Extraction(ObjectFilter.ALL, Set.of(), new Extraction.Services(Set.of(), false, false, true, true, false),
                FqdnTemplate.NONE, false, false, false, false, Extraction.GatewayFilter.ALL, EndpointProcessing.NONE, ""),
            node(Map.of(), false, "ExternalIP", "203.0.113.1", "InternalIP", "10.0.0.1", "InternalIP", "fd00::1"),
            List.of("node-a A 203.0.113.1", "node-a AAAA fd00::1")),
        new Case("without it, only the external ones", extraction("", false, true),
            node(Map.of(), false, "ExternalIP", "203.0.113.1", "InternalIP", "10.0.0.1", "InternalIP", "fd00::1"),
            List.of("node-a A 203.0.113.1")),
        new Case("the ttl annotation", extraction(template, false, true),
            node(Map.of(Annotations.PREFIX + "ttl", "60"), false, "ExternalIP", "203.0.113.1"),
            List.of("node-a.edge.example.com 60 A 203.0.113.1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void extracts(Case c) {
    List<Endpoint> endpoints = new NodeSource(c.extraction()).endpoints(c.node());
    assertThat(endpoints).extracting(Endpoint::toString).containsExactlyInAnyOrderElementsOf(c.expected());
    assertThat(endpoints).allSatisfy(e -> assertThat(e.label(Endpoint.LABEL_RESOURCE)).isEqualTo("node/node-a"));
  }
}
