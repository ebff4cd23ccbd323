package io.dnsplane.watcher.informer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.watcher.SourcesAccess;
import io.dnsplane.watcher.WatcherConfig;
import io.dnsplane.watcher.source.SourceEvent;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** DNSEndpoints against the mock API server: translated, and their observedGeneration set. */
@EnableKubernetesMockClient(crud = true)
class DnsEndpointInformerTest {
  KubernetesClient client;

  @Test
  void translatesAndRecordsTheObservedGeneration() {
    GenericKubernetesResource endpoint = Serialization.unmarshal("""
        apiVersion: externaldns.k8s.io/v1alpha1
        kind: DNSEndpoint
        metadata: {name: static, namespace: default}
        spec:
          endpoints:
          - {dnsName: static.example.com, recordType: A, targets: [192.0.2.60]}
        """, GenericKubernetesResource.class);
    client.genericKubernetesResources(DnsEndpointResources.CONTEXT).inNamespace("default").resource(endpoint).create();

    List<SourceEvent> events = new CopyOnWriteArrayList<>();
    WatcherConfig config = new WatcherConfig("cluster-a", "cluster-a", "unused:9092", "", Duration.ofSeconds(1))
        .withSources(List.of("crd"));
    List<SourceInformer<?>> informers = SourcesAccess.informers(config, client, events::add);
    informers.forEach(SourceInformer::start);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e ->
          e instanceof SourceEvent.Upsert u && u.endpoints().toString().contains("static.example.com A 192.0.2.60")));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        GenericKubernetesResource stored = client.genericKubernetesResources(DnsEndpointResources.CONTEXT)
            .inNamespace("default").withName("static").get();
        assertThat(stored.getAdditionalProperties().get("status")).isInstanceOfSatisfying(Map.class,
            status -> assertThat(((Number) status.get("observedGeneration")).longValue())
                .isEqualTo(stored.getMetadata().getGeneration()));
      });
    } finally {
      informers.forEach(SourceInformer::close);
    }
  }
}
