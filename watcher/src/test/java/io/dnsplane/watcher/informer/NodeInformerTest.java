package io.dnsplane.watcher.informer;

import static org.awaitility.Awaitility.await;

import io.dnsplane.watcher.SourcesAccess;
import io.dnsplane.watcher.WatcherConfig;
import io.dnsplane.watcher.source.SourceEvent;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** --source node against the mock API server: a node's records, and their change when it is cordoned. */
@EnableKubernetesMockClient(crud = true)
class NodeInformerTest {
  KubernetesClient client;

  @Test
  void publishesNodesAndWithdrawsACordonedOne() {
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-a").endMetadata().withNewStatus()
        .addNewAddress().withType("ExternalIP").withAddress("203.0.113.1").endAddress().endStatus().build()).create();
    List<SourceEvent> events = new CopyOnWriteArrayList<>();
    WatcherConfig config = new WatcherConfig("cluster-a", "cluster-a", "unused:9092", "", Duration.ofSeconds(1))
        .withSources(List.of("node"));
    List<SourceInformer<?>> informers = SourcesAccess.informers(config, client, events::add);
    informers.forEach(SourceInformer::start);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e ->
          e instanceof SourceEvent.Upsert u && u.endpoints().toString().contains("node-a A 203.0.113.1")));
      client.nodes().withName("node-a").edit(n -> new NodeBuilder(n).editOrNewSpec().withUnschedulable(true).endSpec().build());
      await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().anyMatch(e ->
          e instanceof SourceEvent.Upsert u && u.endpoints().isEmpty()
              || e instanceof SourceEvent.Delete));
    } finally {
      informers.forEach(SourceInformer::close);
    }
  }
}
