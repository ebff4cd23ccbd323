package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsEndpointSourceTest {
  private static GenericKubernetesResource dnsEndpoint(String yaml) {
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }

  @Test
  void takesEachEndpointAsExternalDnsWritesIt() {
    List<Endpoint> endpoints = new DnsEndpointSource().endpoints(dnsEndpoint("""
        apiVersion: externaldns.k8s.io/v1alpha1
        kind: DNSEndpoint
        metadata: {name: static, namespace: default}
        spec:
          endpoints:
          - dnsName: static.example.com
            recordType: A
            targets: [192.0.2.60]
            recordTTL: 120
          - dnsName: weighted.example.com
            recordType: CNAME
            targets: [lb.example.net]
            setIdentifier: eu
            providerSpecific:
            - {name: aws/weight, value: "10"}
          - dnsName: "bad..example.com"
            recordType: A
            targets: [192.0.2.61]
          - dnsName: notargets.example.com
            recordType: A
        """));
    assertThat(endpoints).extracting(Endpoint::toString)
        .containsExactly("static.example.com 120 A 192.0.2.60", "weighted.example.com CNAME lb.example.net [eu]");
    assertThat(endpoints.get(1).providerSpecific()).containsEntry("aws/weight", "10");
    assertThat(endpoints).allSatisfy(e -> assertThat(e.label(Endpoint.LABEL_RESOURCE)).isEqualTo("crd/default/static"));
  }

  @Test
  void anObjectWithoutSpecWantsNothing() {
    assertThat(new DnsEndpointSource().endpoints(dnsEndpoint("""
        apiVersion: externaldns.k8s.io/v1alpha1
        kind: DNSEndpoint
        metadata: {name: empty, namespace: default}
        """))).isEmpty();
  }
}
