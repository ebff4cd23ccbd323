package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases named after ExternalDNS's service source tests where they match (source/service_test.go). */
class ServiceSourceTest {
  record Case(String name, Set<String> typeFilter, Service service, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Service service(String type, Map<String, String> annotations, List<String> externalIps, List<String> lbIps,
      String externalName) {
    ServiceBuilder b = new ServiceBuilder().withNewMetadata().withName("grpc").withNamespace("default")
        .withAnnotations(annotations).endMetadata()
        .withNewSpec().withType(type).withClusterIP("10.0.0.7").withClusterIPs("10.0.0.7")
        .withExternalIPs(externalIps).withExternalName(externalName).endSpec()
        .withNewStatus().withNewLoadBalancer().endLoadBalancer().endStatus();
    lbIps.forEach(ip -> b.editStatus().editLoadBalancer().addNewIngress().withIp(ip).endIngress().endLoadBalancer().endStatus());
    return b.build();
  }

  static final Map<String, String> HOST = Map.of("external-dns.kubernetes.io/hostname", "grpc.example.com");

  static Stream<Case> cases() {
    return Stream.of(
        new Case("annotated load balancer", Set.of(), service("LoadBalancer", HOST, List.of(), List.of("192.0.2.40"), null),
            List.of("grpc.example.com A 192.0.2.40")),
        new Case("external IPs win over the load balancer status", Set.of(),
            service("LoadBalancer", HOST, List.of("198.51.100.7"), List.of("192.0.2.40"), null),
            List.of("grpc.example.com A 198.51.100.7")),
        new Case("the target annotation wins over both", Set.of(),
            service("LoadBalancer", Map.of("external-dns.kubernetes.io/hostname", "grpc.example.com",
                "external-dns.kubernetes.io/target", "lb.example.net"), List.of("198.51.100.7"), List.of("192.0.2.40"), null),
            List.of("grpc.example.com CNAME lb.example.net")),
        new Case("a ClusterIP Service without internal-hostname publishes nothing", Set.of(),
            service("ClusterIP", HOST, List.of(), List.of(), null), List.of()),
        new Case("internal-hostname publishes the cluster IP", Set.of(),
            service("ClusterIP", Map.of("external-dns.kubernetes.io/internal-hostname", "grpc.internal.example.com"),
                List.of(), List.of(), null),
            List.of("grpc.internal.example.com A 10.0.0.7")),
        new Case("ExternalName becomes a CNAME", Set.of(),
            service("ExternalName", HOST, List.of(), List.of(), "backend.example.net"),
            List.of("grpc.example.com CNAME backend.example.net")),
        new Case("--service-type-filter drops other types", Set.of("ClusterIP"),
            service("LoadBalancer", HOST, List.of(), List.of("192.0.2.40"), null), List.of()),
        new Case("a load balancer without an address yet publishes nothing", Set.of(),
            service("LoadBalancer", HOST, List.of(), List.of(), null), List.of()));
  }

  static final ServiceSource.ClusterLookups CLUSTER = new ServiceSource.ClusterLookups() {
    @Override
    public List<String> readyAddresses(String namespace, String service, String endpointsType) {
      if (!namespace.equals("default") || !service.equals("grpc")) {
        return List.of();
      }
      return endpointsType.equals("NodeExternalIP") ? List.of("203.0.113.10") : List.of("10.1.0.5", "10.1.0.6");
    }

    @Override
    public List<String> nodeAddresses(String type) {
      return type.equals("ExternalIP") ? List.of("203.0.113.10") : List.of("10.0.1.10", "10.0.1.11");
    }
  };

  @org.junit.jupiter.api.Test
  void aHeadlessServicePublishesItsReadyEndpoints() {
    Service headless = new ServiceBuilder(service("ClusterIP", HOST, List.of(), List.of(), null)).editSpec()
        .withClusterIP("None").withClusterIPs("None").endSpec().build();
    assertThat(new ServiceSource(Set.of(), false, "", CLUSTER).endpoints(headless)).extracting(Endpoint::toString)
        .containsExactly("grpc.example.com A 10.1.0.5,10.1.0.6");
    Service nodeIps = new ServiceBuilder(headless).editMetadata()
        .addToAnnotations("external-dns.kubernetes.io/endpoints-type", "NodeExternalIP").endMetadata().build();
    assertThat(new ServiceSource(Set.of(), false, "", CLUSTER).endpoints(nodeIps)).extracting(Endpoint::toString)
        .containsExactly("grpc.example.com A 203.0.113.10");
  }

  @org.junit.jupiter.api.Test
  void aNodePortServicePublishesNodeAddressesAndSrvRecords() {
    Service nodePort = new ServiceBuilder(service("NodePort", HOST, List.of(), List.of(), null)).editSpec()
        .addNewPort().withName("grpc").withPort(443).withNodePort(30443).withProtocol("TCP").endPort().endSpec().build();
    assertThat(new ServiceSource(Set.of(), false, "", CLUSTER).endpoints(nodePort)).extracting(Endpoint::toString)
        .containsExactlyInAnyOrder("grpc.example.com A 203.0.113.10", "_grpc._tcp.grpc.example.com SRV 0 50 30443 grpc.example.com");
    Service privateAccess = new ServiceBuilder(nodePort).editMetadata()
        .addToAnnotations("external-dns.kubernetes.io/access", "private").endMetadata().build();
    assertThat(new ServiceSource(Set.of(), false, "", CLUSTER).endpoints(privateAccess)).extracting(Endpoint::toString)
        .contains("grpc.example.com A 10.0.1.10,10.0.1.11");
    // ExternalDNS names them after the Service, not the port (named or not), one name per protocol.
    Service ports = new ServiceBuilder(nodePort).editSpec().addNewPort().withPort(8443).withNodePort(30444)
        .withProtocol("TCP").endPort().addNewPort().withName("quic").withPort(443).withNodePort(30445).withProtocol("UDP")
        .endPort().addNewPort().withName("internal").withPort(9000).endPort().endSpec().build();
    assertThat(new ServiceSource(Set.of(), false, "", CLUSTER).endpoints(ports)).extracting(Endpoint::toString)
        .contains("_grpc._tcp.grpc.example.com SRV 0 50 30443 grpc.example.com,0 50 30444 grpc.example.com",
            "_grpc._udp.grpc.example.com SRV 0 50 30445 grpc.example.com");
  }

  @org.junit.jupiter.api.Test
  void publishInternalServicesAndTheFqdnTemplate() {
    Service internal = service("ClusterIP", Map.of(), List.of(), List.of(), null);
    assertThat(new ServiceSource(Set.of(), true, "{{.Name}}.{{ .Namespace }}.svc.example.com").endpoints(internal))
        .extracting(Endpoint::toString).containsExactly("grpc.default.svc.example.com A 10.0.0.7");
    assertThat(new ServiceSource(Set.of(), false, "{{.Name}}.example.com").endpoints(internal)).isEmpty();
    assertThat(new ServiceSource(Set.of(), true, "").endpoints(service("ClusterIP", HOST, List.of(), List.of(), null)))
        .extracting(Endpoint::toString).containsExactly("grpc.example.com A 10.0.0.7");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FqdnTemplate("{{.Spec.ClusterIP}}.example.com"))
        .hasMessageContaining("{{.Spec.ClusterIP}} is not something dnsplane fills");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void extractsEndpoints(Case c) {
    List<Endpoint> endpoints = new ServiceSource(c.typeFilter()).endpoints(c.service());
    assertThat(endpoints.stream().map(Endpoint::toString)).containsExactlyInAnyOrderElementsOf(c.expected());
    assertThat(endpoints).allSatisfy(e -> assertThat(e.label(Endpoint.LABEL_RESOURCE)).isEqualTo("service/default/grpc"));
  }
}
