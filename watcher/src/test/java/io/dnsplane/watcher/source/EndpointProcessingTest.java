package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.model.Endpoint;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What ExternalDNS's source wrappers do to every source's endpoints. The target filter cases are
 * source/wrappers/targetfiltersource_test.go's TestTargetFilterConcreteTargetFilter (v0.22), named
 * after them; the default targets and min TTL cases follow multisource.go and post_processor.go.
 */
class EndpointProcessingTest {
  record Case(String name, EndpointProcessing processing, List<Endpoint> endpoints, List<Endpoint> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Endpoint ep(String type, String... targets) {
    return new Endpoint("foo", type, List.of(targets), 0, "", Map.of(Endpoint.LABEL_RESOURCE, "ingress/default/foo"), Map.of());
  }

  private static EndpointProcessing nets(List<String> filter, List<String> exclude) {
    return new EndpointProcessing(List.of(), false, filter.stream().map(TargetNet::parse).toList(),
        exclude.stream().map(TargetNet::parse).toList(), 0);
  }

  private static EndpointProcessing defaults(boolean force, String... targets) {
    return new EndpointProcessing(Arrays.asList(targets), force, List.of(), List.of(), 0);
  }

  static Stream<Case> cases() {
    String go = "TestTargetFilterConcreteTargetFilter/";
    return Stream.of(
        new Case(go + "should skip filtering if no filters are set", nets(List.of(), List.of()),
            List.of(ep("A", "1.2.3.4"), ep("A", "1.2.3.5"), ep("A", "1.2.3.6")),
            List.of(ep("A", "1.2.3.4"), ep("A", "1.2.3.5"), ep("A", "1.2.3.6"))),
        // Go's "should include all targets when filters are not correctly set" (--target-net-filter=8.8.8.8):
        // ExternalDNS logs and ignores a filter that is not a network; dnsplane refuses it (invalidNetsAreRefused).
        new Case(go + "should include internal when include filter is set", nets(List.of("10.0.0.0/8"), List.of()),
            List.of(ep("A", "10.0.0.1"), ep("A", "49.13.41.161")), List.of(ep("A", "10.0.0.1"))),
        new Case(go + "exclude internal keep public ips", nets(List.of(), List.of("10.0.0.0/8")),
            List.of(ep("A", "10.0.178.43"), ep("A", "10.0.1.101"), ep("A", "49.13.41.161")), List.of(ep("A", "49.13.41.161"))),
        new Case(go + "should not exclude ipv6 when excluding ipv4", nets(List.of(), List.of("10.0.0.0/8")),
            List.of(ep("A", "10.0.178.43"), ep("AAAA", "2a01:asdf:asdf:asdf::1")), List.of(ep("AAAA", "2a01:asdf:asdf:asdf::1"))),
        new Case(go + "should not include ipv6 when including ipv4", nets(List.of("10.0.0.0/8"), List.of()),
            List.of(ep("A", "10.0.178.43"), ep("AAAA", "2a01:asdf:asdf:asdf::1")), List.of(ep("A", "10.0.178.43"))),
        new Case("a filter keeps part of a record set's targets", nets(List.of("10.0.0.0/8"), List.of()),
            List.of(ep("A", "10.0.0.1", "192.0.2.1")), List.of(ep("A", "10.0.0.1"))),
        new Case("a host name target is in no network, so a filter drops it", nets(List.of("10.0.0.0/8"), List.of()),
            List.of(ep("CNAME", "lb.example.net")), List.of()),
        new Case("IPv6 networks", nets(List.of("2001:db8::/32"), List.of()),
            List.of(ep("AAAA", "2001:db8::1", "2001:dead::1")), List.of(ep("AAAA", "2001:db8::1"))),
        new Case("default targets fill an endpoint without targets", defaults(false, "192.0.2.1", "lb.example.net"),
            List.of(ep("A")), List.of(ep("A", "192.0.2.1"), ep("CNAME", "lb.example.net"))),
        new Case("default targets leave an endpoint's own targets (ExternalDNS's new behaviour)",
            defaults(false, "192.0.2.1"), List.of(ep("A", "10.0.0.1")), List.of(ep("A", "10.0.0.1"))),
        new Case("--force-default-targets replaces them, duplicates once", defaults(true, "192.0.2.1"),
            List.of(ep("A", "10.0.0.1"), ep("CNAME", "lb.example.net")), List.of(ep("A", "192.0.2.1"))),
        new Case("--min-ttl sets the TTL of an endpoint that has none",
            new EndpointProcessing(List.of(), false, List.of(), List.of(), 60),
            List.of(ep("A", "10.0.0.1"), ep("A", "10.0.0.2").withTtl(30)),
            List.of(ep("A", "10.0.0.1").withTtl(60), ep("A", "10.0.0.2").withTtl(30))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void processes(Case c) {
    assertThat(c.processing().apply(c.endpoints())).containsExactlyInAnyOrderElementsOf(c.expected());
  }

  @Test
  void defaultTargetsKeepTheEndpointsSetIdentifierAndProperties() {
    Endpoint weighted = new Endpoint("foo", "A", List.of(), 0, "eu", Map.of(Endpoint.LABEL_RESOURCE, "crd/default/foo"),
        Map.of("aws/weight", "10"));
    assertThat(defaults(false, "192.0.2.1").apply(List.of(weighted))).singleElement().satisfies(e -> {
      assertThat(e.setIdentifier()).isEqualTo("eu");
      assertThat(e.providerSpecific()).containsEntry("aws/weight", "10");
      assertThat(e.targets()).containsExactly("192.0.2.1");
    });
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThatThrownBy(() -> TargetNet.parse("8.8.8.8")).hasMessageContaining("CIDR");
    assertThatThrownBy(() -> TargetNet.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
    assertThatThrownBy(() -> TargetNet.parse("lb.example.net/8")).hasMessageContaining("CIDR");
    assertThatThrownBy(() -> defaults(true)).hasMessageContaining("--force-default-targets needs --default-targets");
  }
}
