package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
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

  private static Node node(String name, String externalIp, String internalIp, boolean unschedulable) {
    NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withUnschedulable(unschedulable).endSpec().withNewStatus().addNewAddress().withType("InternalIP")
        .withAddress(internalIp).endAddress().endStatus();
    if (externalIp != null) {
      b.editStatus().addNewAddress().withType("ExternalIP").withAddress(externalIp).endAddress().endStatus();
    }
    return b.build();
  }

  private static EndpointSlice slice(String service, List<io.fabric8.kubernetes.api.model.discovery.v1.Endpoint> endpoints) {
    return new EndpointSliceBuilder().withNewMetadata().withName(service + "-abc").withNamespace("default")
        .addToLabels(ServiceSource.SERVICE_NAME_LABEL, service).endMetadata().withAddressType("IPv4")
        .withEndpoints(endpoints).build();
  }

  private static io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint(String ip, boolean ready, String hostname,
      String node) {
    return new EndpointBuilder().withAddresses(ip).withNewConditions().withReady(ready).endConditions()
        .withHostname(hostname).withNodeName(node).build();
  }

  /** Two nodes (a third cordoned), and grpc's endpoints: two ready pods with host names, one not ready. */
  static final ServiceSource.ClusterLookups CLUSTER = ServiceSource.ClusterLookups.of(
      () -> List.of(slice("grpc", List.of(endpoint("10.1.0.5", true, "grpc-0", "node-a"),
          endpoint("10.1.0.6", true, "grpc-1", "node-a"), endpoint("10.1.0.7", false, "grpc-2", "node-b"))),
          slice("other", List.of(endpoint("10.9.9.9", true, null, "node-b")))),
      () -> List.of(node("node-a", "203.0.113.10", "10.0.1.10", false), node("node-b", null, "10.0.1.11", false),
          node("node-c", "203.0.113.12", "10.0.1.12", true)));

  @org.junit.jupiter.api.Test
  void aHeadlessServicePublishesItsReadyEndpoints() {
    Service headless = new ServiceBuilder(service("ClusterIP", HOST, List.of(), List.of(), null)).editSpec()
        .withClusterIP("None").withClusterIPs("None").endSpec().build();
    assertThat(new ServiceSource(Set.of(), false, "", CLUSTER).endpoints(headless)).extracting(Endpoint::toString)
        .containsExactlyInAnyOrder("grpc.example.com A 10.1.0.5,10.1.0.6", "grpc-0.grpc.example.com A 10.1.0.5",
            "grpc-1.grpc.example.com A 10.1.0.6");
    Service notReadyToo = new ServiceBuilder(headless).editSpec().withPublishNotReadyAddresses(true).endSpec().build();
    assertThat(new ServiceSource(Set.of(), false, "", CLUSTER).endpoints(notReadyToo)).extracting(Endpoint::toString)
        .contains("grpc.example.com A 10.1.0.5,10.1.0.6,10.1.0.7", "grpc-2.grpc.example.com A 10.1.0.7");
    Extraction always = new Extraction(ObjectFilter.ALL, Set.of(), new Extraction.Services(Set.of(), false, true, true),
        FqdnTemplate.NONE, false, false, false, false, Extraction.GatewayFilter.ALL, EndpointProcessing.NONE, "");
    assertThat(new ServiceSource(always, CLUSTER).endpoints(headless)).extracting(Endpoint::toString)
        .contains("grpc.example.com A 10.1.0.5,10.1.0.6,10.1.0.7");
    Service nodeIps = new ServiceBuilder(headless).editMetadata()
        .addToAnnotations("external-dns.kubernetes.io/endpoints-type", "NodeExternalIP").endMetadata().build();
    assertThat(new ServiceSource(Set.of(), false, "", CLUSTER).endpoints(nodeIps)).extracting(Endpoint::toString)
        .contains("grpc.example.com A 203.0.113.10", "grpc-0.grpc.example.com A 203.0.113.10");
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
    // Cordoned nodes are left out unless --no-exclude-unschedulable; externalTrafficPolicy: Local
    // keeps the nodes the Service's endpoints run on.
    Extraction cordonedToo = new Extraction(ObjectFilter.ALL, Set.of(), new Extraction.Services(Set.of(), false, false, false),
        FqdnTemplate.NONE, false, false, false, false, Extraction.GatewayFilter.ALL, EndpointProcessing.NONE, "");
    assertThat(new ServiceSource(cordonedToo, CLUSTER).endpoints(nodePort)).extracting(Endpoint::toString)
        .contains("grpc.example.com A 203.0.113.10,203.0.113.12");
    Service local = new ServiceBuilder(nodePort).editSpec().withExternalTrafficPolicy("Local").endSpec().build();
    assertThat(new ServiceSource(cordonedToo, CLUSTER).endpoints(local)).extracting(Endpoint::toString)
        .contains("grpc.example.com A 203.0.113.10");
    // The target annotation gives any Service type its targets (and a NodePort one no SRV records).
    Service targeted = new ServiceBuilder(nodePort).editMetadata()
        .addToAnnotations("external-dns.kubernetes.io/target", "lb.example.net").endMetadata().build();
    assertThat(new ServiceSource(Set.of(), false, "", CLUSTER).endpoints(targeted)).extracting(Endpoint::toString)
        .containsExactly("grpc.example.com CNAME lb.example.net");
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

  /**
   * --resolve-service-load-balancer-hostname: a load balancer's host name becomes the addresses it
   * resolves to (ExternalDNS's extractLoadBalancerTargets); one that does not resolve is skipped and
   * said, its IPs kept; without the flag it stays a CNAME.
   */
  @org.junit.jupiter.api.Test
  void loadBalancerHostNamesAreResolvedWhenAsked() {
    Service service = new ServiceBuilder(service("LoadBalancer", HOST, List.of(), List.of("192.0.2.40"), null))
        .editStatus().editLoadBalancer().addNewIngress().withHostname("lb-1.elb.example.net").endIngress()
        .addNewIngress().withHostname("gone.elb.example.net").endIngress().endLoadBalancer().endStatus().build();
    Map<String, List<String>> dns = Map.of("lb-1.elb.example.net", List.of("198.51.100.1", "2001:db8::1"));
    ServiceSource.ClusterLookups resolving = ServiceSource.ClusterLookups.of(List::of, List::of, name -> {
      if (!dns.containsKey(name)) {
        throw new java.net.UnknownHostException(name);
      }
      return dns.get(name);
    });
    Extraction resolve = new Extraction(ObjectFilter.ALL, Set.of(), new Extraction.Services(Set.of(), false, false, true,
        false, true), FqdnTemplate.NONE, false, false, false, false, Extraction.GatewayFilter.ALL, EndpointProcessing.NONE, "");
    ExtractionProblems.Result<List<Endpoint>> resolved = ExtractionProblems.collect(
        () -> new ServiceSource(resolve, resolving).endpoints(service));
    assertThat(resolved.value()).extracting(Endpoint::toString)
        .containsExactlyInAnyOrder("grpc.example.com A 192.0.2.40,198.51.100.1", "grpc.example.com AAAA 2001:db8::1");
    assertThat(resolved.problems()).containsExactly("load balancer host name gone.elb.example.net does not resolve: "
        + "gone.elb.example.net");
    assertThat(new ServiceSource(Extraction.DEFAULT, resolving).endpoints(service)).extracting(Endpoint::toString)
        .containsExactlyInAnyOrder("grpc.example.com A 192.0.2.40",
            "grpc.example.com CNAME gone.elb.example.net,lb-1.elb.example.net");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void extractsEndpoints(Case c) {
    List<Endpoint> endpoints = new ServiceSource(c.typeFilter()).endpoints(c.service());
    assertThat(endpoints.stream().map(Endpoint::toString)).containsExactlyInAnyOrderElementsOf(c.expected());
    assertThat(endpoints).allSatisfy(e -> assertThat(e.label(Endpoint.LABEL_RESOURCE)).isEqualTo("service/default/grpc"));
  }
}
