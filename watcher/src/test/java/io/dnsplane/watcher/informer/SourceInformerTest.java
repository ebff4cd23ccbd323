package io.dnsplane.watcher.informer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.watcher.source.IngressSource;
import io.dnsplane.watcher.source.SourceEvent;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The informer bridge against fabric8's mock API server (CRUD mode: real list and watch over HTTP). */
@EnableKubernetesMockClient(crud = true)
class SourceInformerTest {
  KubernetesClient client;

  private static Ingress ingress(String name, String host) {
    return new IngressBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().addNewRule().withHost(host).endRule().endSpec().build();
  }

  private void setLoadBalancerIp(String name, String ip) {
    client.network().v1().ingresses().inNamespace("default").withName(name).editStatus(i -> {
      i.setStatus(new io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder().withNewLoadBalancer()
          .withIngress(new IngressLoadBalancerIngressBuilder().withIp(ip).build()).endLoadBalancer().build());
      return i;
    });
  }

  @Test
  void translatesAddUpdateAndDelete() {
    client.network().v1().ingresses().inNamespace("default").resource(ingress("existing", "old.example.com")).create();
    setLoadBalancerIp("existing", "192.0.2.1");
    List<SourceEvent> events = new CopyOnWriteArrayList<>();
    try (SourceInformer<Ingress> informer = new SourceInformer<>(new IngressSource(),
        client.network().v1().ingresses().inAnyNamespace().runnableInformer(0), events::add).start()) {
      await().atMost(Duration.ofSeconds(10)).until(informer::hasSynced);
      await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
      assertThat(events.get(0)).isInstanceOfSatisfying(SourceEvent.Upsert.class,
          u -> assertThat(u.endpoints().toString()).contains("old.example.com A 192.0.2.1"));

      client.network().v1().ingresses().inNamespace("default").resource(ingress("app", "app.example.com")).create();
      setLoadBalancerIp("app", "192.0.2.10");
      await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e ->
          e instanceof SourceEvent.Upsert u && u.endpoints().toString().contains("app.example.com A 192.0.2.10")));

      client.network().v1().ingresses().inNamespace("default").withName("app").delete();
      await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e ->
          e instanceof SourceEvent.Delete d && d.object().name().equals("app")));
      assertThat(informer.objects()).extracting(o -> o.name()).containsExactly("existing");
    }
  }

  @Test
  void filteredAndOversizedObjectsPublishNothingAndSayWhy() {
    Ingress claimed = new IngressBuilder(ingress("claimed", "claimed.example.com")).editMetadata()
        .addToAnnotations("external-dns.kubernetes.io/controller", "someone-else").endMetadata().build();
    Ingress big = new IngressBuilder(ingress("big", "a.example.com")).editMetadata()
        .addToAnnotations("external-dns.kubernetes.io/hostname", "b.example.com,c.example.com").endMetadata().build();
    client.network().v1().ingresses().inNamespace("default").resource(claimed).create();
    client.network().v1().ingresses().inNamespace("default").resource(big).create();
    setLoadBalancerIp("claimed", "192.0.2.1");
    setLoadBalancerIp("big", "192.0.2.2");
    List<SourceEvent> events = new CopyOnWriteArrayList<>();
    try (SourceInformer<Ingress> informer = new SourceInformer<>(new IngressSource(),
        client.network().v1().ingresses().inNamespace("default").runnableInformer(0), events::add,
        io.dnsplane.watcher.source.ObjectFilter.ALL, 2).start()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().filter(e -> e.object().name().equals("big"))
          .anyMatch(e -> e instanceof SourceEvent.Upsert u && !u.problems().isEmpty()));
      // The claimed object is seen (so that what it published before would be withdrawn), with no endpoints.
      await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.object().name().equals("claimed")));
      assertThat(events).filteredOn(e -> e.object().name().equals("claimed")).isNotEmpty()
          .allSatisfy(e -> assertThat(((SourceEvent.Upsert) e).endpoints()).isEmpty());
      assertThat(events).filteredOn(e -> e.object().name().equals("big")).last().satisfies(e -> {
        SourceEvent.Upsert u = (SourceEvent.Upsert) e;
        assertThat(u.endpoints()).isEmpty();
        assertThat(u.problems()).singleElement().asString().contains("more than --max-endpoints-per-object 2");
      });
    }
  }

  @Test
  void watchesOnlyItsNamespaceWhenTold() {
    client.network().v1().ingresses().inNamespace("other").resource(ingress("elsewhere", "x.example.com")).create();
    client.network().v1().ingresses().inNamespace("default").resource(ingress("here", "y.example.com")).create();
    List<SourceEvent> events = new CopyOnWriteArrayList<>();
    try (SourceInformer<Ingress> informer = new SourceInformer<>(new IngressSource(),
        client.network().v1().ingresses().inNamespace("default").runnableInformer(0), events::add).start()) {
      await().atMost(Duration.ofSeconds(10)).until(informer::hasSynced);
      await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
      assertThat(events).extracting(e -> e.object().name()).containsExactly("here");
    }
  }
}
