package io.dnsplane.watcher.informer;

import static org.awaitility.Awaitility.await;

import io.dnsplane.watcher.WatcherConfig;
import io.dnsplane.watcher.source.SourceEvent;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** HTTPRoutes against the mock API server: a Gateway change re-emits the routes attached to it. */
@EnableKubernetesMockClient(crud = true)
class GatewayRouteInformerTest {
  KubernetesClient client;

  private void setAddress(String address) {
    client.resources(Gateway.class).inNamespace("default").withName("web-gw").editStatus(g -> {
      g.setStatus(new io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusBuilder()
          .addNewAddress().withType("IPAddress").withValue(address).endAddress().build());
      return g;
    });
  }

  /** The status a gateway controller writes on a route it accepts. */
  private void accept(String namespace, String route) {
    client.resources(HTTPRoute.class).inNamespace(namespace).withName(route).editStatus(r -> {
      r.setStatus(new io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatusBuilder().addNewParent()
          .withControllerName("example.com/gateway").withNewParentRef().withName("web-gw").withNamespace("default")
          .endParentRef().withConditions(new io.fabric8.kubernetes.api.model.ConditionBuilder().withType("Accepted")
              .withStatus("True").build()).endParent().build());
      return r;
    });
  }

  private static boolean emitted(List<SourceEvent> events, String text) {
    return events.stream().anyMatch(e -> e instanceof SourceEvent.Upsert u && u.endpoints().toString().contains(text));
  }

  @Test
  void aGatewayChangeReEmitsItsRoutes() {
    client.resources(Gateway.class).inNamespace("default").resource(new GatewayBuilder().withNewMetadata()
        .withName("web-gw").withNamespace("default").endMetadata().withNewSpec().withGatewayClassName("example")
        .addNewListener().withName("http").withPort(80).withProtocol("HTTP").endListener().endSpec().build()).create();
    setAddress("192.0.2.50");
    client.resources(HTTPRoute.class).inNamespace("default").resource(new HTTPRouteBuilder().withNewMetadata()
        .withName("web").withNamespace("default").endMetadata().withNewSpec().withHostnames("web.example.com")
        .addNewParentRef().withName("web-gw").endParentRef().endSpec().build()).create();
    accept("default", "web");

    List<SourceEvent> events = new CopyOnWriteArrayList<>();
    WatcherConfig config = new WatcherConfig("cluster-a", "cluster-a", "unused:9092", "", Duration.ofSeconds(1))
        .withSources(List.of("gateway-httproute"));
    List<SourceInformer<?>> informers = io.dnsplane.watcher.SourcesAccess.informers(config, client, events::add);
    informers.forEach(SourceInformer::start);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> informers.stream().allMatch(SourceInformer::hasSynced));
      await().atMost(Duration.ofSeconds(10)).until(() -> emitted(events, "web.example.com A 192.0.2.50"));
      setAddress("192.0.2.51");
      await().atMost(Duration.ofSeconds(10)).until(() -> emitted(events, "web.example.com A 192.0.2.51"));
    } finally {
      informers.forEach(SourceInformer::close);
    }
  }

  @Test
  void aNamespaceGivenTheLabelsAListenerSelectsGetsItsRouteAdmitted() {
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("team-b").endMetadata().build()).create();
    client.resources(Gateway.class).inNamespace("default").resource(new GatewayBuilder().withNewMetadata()
        .withName("web-gw").withNamespace("default").endMetadata().withNewSpec().withGatewayClassName("example")
        .addNewListener().withName("http").withPort(80).withProtocol("HTTP").withNewAllowedRoutes().withNewNamespaces()
        .withFrom("Selector").withNewSelector().addToMatchLabels("gateway", "shared").endSelector().endNamespaces()
        .endAllowedRoutes().endListener().endSpec().build()).create();
    setAddress("192.0.2.50");
    client.resources(HTTPRoute.class).inNamespace("team-b").resource(new HTTPRouteBuilder().withNewMetadata()
        .withName("shop").withNamespace("team-b").endMetadata().withNewSpec().withHostnames("shop.example.com")
        .addNewParentRef().withName("web-gw").withNamespace("default").endParentRef().endSpec().build()).create();
    accept("team-b", "shop");

    List<SourceEvent> events = new CopyOnWriteArrayList<>();
    WatcherConfig config = new WatcherConfig("cluster-a", "cluster-a", "unused:9092", "", Duration.ofSeconds(1))
        .withSources(List.of("gateway-httproute"));
    List<SourceInformer<?>> informers = io.dnsplane.watcher.SourcesAccess.informers(config, client, events::add);
    informers.forEach(SourceInformer::start);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> informers.stream().allMatch(SourceInformer::hasSynced));
      // Not admitted yet: published empty, with the listener's reason.
      await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e instanceof SourceEvent.Upsert u
          && u.endpoints().isEmpty() && u.problems().toString().contains("team-b does not match")));
      client.namespaces().withName("team-b").edit(n -> {
        n.getMetadata().setLabels(java.util.Map.of("gateway", "shared"));
        return n;
      });
      await().atMost(Duration.ofSeconds(10)).until(() -> emitted(events, "shop.example.com A 192.0.2.50"));
    } finally {
      informers.forEach(SourceInformer::close);
    }
  }

  @Test
  void aTcpRouteOnATcpListenerIsPublishedUnderItsAnnotatedName() {
    client.resources(Gateway.class).inNamespace("default").resource(new GatewayBuilder().withNewMetadata()
        .withName("web-gw").withNamespace("default").endMetadata().withNewSpec().withGatewayClassName("example")
        .addNewListener().withName("postgres").withPort(5432).withProtocol("TCP").endListener().endSpec().build()).create();
    setAddress("192.0.2.70");
    var tcp = client.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.TCPRoute.class);
    tcp.inNamespace("default").resource(new io.fabric8.kubernetes.api.model.gatewayapi.v1.TCPRouteBuilder().withNewMetadata()
        .withName("db").withNamespace("default").addToAnnotations("external-dns.kubernetes.io/hostname", "db.example.com")
        .endMetadata().withNewSpec().addNewParentRef().withName("web-gw").endParentRef().endSpec().build()).create();
    tcp.inNamespace("default").withName("db").editStatus(r -> {
      r.setStatus(new io.fabric8.kubernetes.api.model.gatewayapi.v1.TCPRouteStatusBuilder().addNewParent()
          .withControllerName("example.com/gateway").withNewParentRef().withName("web-gw").withNamespace("default")
          .endParentRef().withConditions(new io.fabric8.kubernetes.api.model.ConditionBuilder().withType("Accepted")
              .withStatus("True").build()).endParent().build());
      return r;
    });
    List<SourceEvent> events = new CopyOnWriteArrayList<>();
    WatcherConfig config = new WatcherConfig("cluster-a", "cluster-a", "unused:9092", "", Duration.ofSeconds(1))
        .withSources(List.of("gateway-tcproute"));
    List<SourceInformer<?>> informers = io.dnsplane.watcher.SourcesAccess.informers(config, client, events::add);
    informers.forEach(SourceInformer::start);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> emitted(events, "db.example.com A 192.0.2.70"));
      setAddress("192.0.2.71");
      await().atMost(Duration.ofSeconds(10)).until(() -> emitted(events, "db.example.com A 192.0.2.71"));
    } finally {
      informers.forEach(SourceInformer::close);
    }
  }
}
