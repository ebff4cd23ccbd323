package io.dnsplane.watcher.informer;

import static org.awaitility.Awaitility.await;

import io.dnsplane.watcher.SourcesAccess;
import io.dnsplane.watcher.WatcherConfig;
import io.dnsplane.watcher.source.SourceEvent;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A headless Service against the mock API server: its EndpointSlices' changes re-emit it. */
@EnableKubernetesMockClient(crud = true)
class ServiceInformerTest {
  KubernetesClient client;

  private static EndpointSlice slice(String... addresses) {
    EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withName("db-abc").withNamespace("default")
        .addToLabels("kubernetes.io/service-name", "db").endMetadata().withAddressType("IPv4");
    for (String a : addresses) {
      b.addNewEndpoint().withAddresses(a).withNewConditions().withReady(true).endConditions().endEndpoint();
    }
    return b.build();
  }

  private static boolean emitted(List<SourceEvent> events, String text) {
    return events.stream().anyMatch(e -> e instanceof SourceEvent.Upsert u && u.endpoints().toString().contains(text));
  }

  @Test
  void anEndpointSliceChangeReEmitsItsHeadlessService() {
    client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("db")
        .withNamespace("default").addToAnnotations("external-dns.kubernetes.io/hostname", "db.example.com").endMetadata()
        .withNewSpec().withClusterIP("None").endSpec().build()).create();
    client.discovery().v1().endpointSlices().inNamespace("default").resource(slice("10.1.0.5")).create();

    List<SourceEvent> events = new CopyOnWriteArrayList<>();
    WatcherConfig config = new WatcherConfig("cluster-a", "cluster-a", "unused:9092", "", Duration.ofSeconds(1))
        .withSources(List.of("service"));
    List<SourceInformer<?>> informers = SourcesAccess.informers(config, client, events::add);
    informers.forEach(SourceInformer::start);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> emitted(events, "db.example.com A 10.1.0.5"));
      client.discovery().v1().endpointSlices().inNamespace("default").resource(slice("10.1.0.5", "10.1.0.6")).update();
      await().atMost(Duration.ofSeconds(10)).until(() -> emitted(events, "db.example.com A 10.1.0.5,10.1.0.6"));
    } finally {
      informers.forEach(SourceInformer::close);
    }
  }

  /** --resolve-service-load-balancer-hostname through the watcher's flags: the system resolver's answer, not a CNAME. */
  @Test
  void aLoadBalancersHostNameIsResolvedWhenTheFlagIsGiven() {
    client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("web")
        .withNamespace("default").addToAnnotations("external-dns.kubernetes.io/hostname", "web.example.com").endMetadata()
        .withNewSpec().withType("LoadBalancer").endSpec().withNewStatus().withNewLoadBalancer().addNewIngress()
        .withHostname("localhost").endIngress().endLoadBalancer().endStatus().build()).create();
    io.dnsplane.watcher.SourceOptions flags = new io.dnsplane.watcher.SourceOptions();
    new picocli.CommandLine(flags).parseArgs("--resolve-service-load-balancer-hostname");
    List<SourceEvent> events = new CopyOnWriteArrayList<>();
    WatcherConfig config = new WatcherConfig("cluster-a", "cluster-a", "unused:9092", "", Duration.ofSeconds(1))
        .withSources(List.of("service")).withExtraction(flags.extraction());
    List<SourceInformer<?>> informers = SourcesAccess.informers(config, client, events::add);
    informers.forEach(SourceInformer::start);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> emitted(events, "web.example.com A 127.0.0.1"));
      org.assertj.core.api.Assertions.assertThat(events.toString()).doesNotContain("CNAME localhost");
    } finally {
      informers.forEach(SourceInformer::close);
    }
  }
}
