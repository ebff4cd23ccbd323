package io.dnsplane.watcher.informer;

import static org.awaitility.Awaitility.await;

import io.dnsplane.watcher.SourcesAccess;
import io.dnsplane.watcher.WatcherConfig;
import io.dnsplane.watcher.source.SourceEvent;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * --source istio-gateway and istio-virtualservice against the mock API server: the Gateway's
 * targets come from the ingress gateway Service its selector matches, and a change of that Service
 * (its load balancer address arriving) translates the Gateway and its VirtualServices again.
 */
@EnableKubernetesMockClient(crud = true)
class IstioInformerTest {
  KubernetesClient client;

  private static final String GATEWAY = """
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: public, namespace: istio-system}
      spec:
        selector: {istio: ingressgateway}
        servers:
        - port: {number: 443, name: https, protocol: HTTPS}
          hosts: ["*/shop.example.com", "web/*.apps.example.com"]
      """;

  private static final String VIRTUAL_SERVICE = """
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: cart, namespace: web}
      spec:
        hosts: [cart.apps.example.com]
        gateways: [istio-system/public]
      """;

  private Service ingressGateway(String ip) {
    Service service = Serialization.unmarshal("""
        apiVersion: v1
        kind: Service
        metadata: {name: istio-ingressgateway, namespace: istio-system}
        spec:
          type: LoadBalancer
          selector: {app: istio-ingressgateway, istio: ingressgateway}
          ports: [{port: 443}]
        """, Service.class);
    if (ip != null) {
      service.setStatus(Serialization.unmarshal("loadBalancer: {ingress: [{ip: " + ip + "}]}",
          io.fabric8.kubernetes.api.model.ServiceStatus.class));
    }
    return service;
  }

  private List<SourceInformer<?>> start(List<SourceEvent> events, String source) {
    WatcherConfig config = new WatcherConfig("cluster-a", "cluster-a", "unused:9092", "", Duration.ofSeconds(1))
        .withSources(List.of(source));
    List<SourceInformer<?>> informers = SourcesAccess.informers(config, client, events::add);
    informers.forEach(SourceInformer::start);
    return informers;
  }

  private static boolean published(List<SourceEvent> events, String endpoint) {
    return events.stream().anyMatch(e -> e instanceof SourceEvent.Upsert u && u.endpoints().toString().contains(endpoint));
  }

  @Test
  void aGatewayIsTranslatedAgainWhenItsServiceGetsALoadBalancer() {
    client.services().inNamespace("istio-system").resource(ingressGateway(null)).create();
    client.genericKubernetesResources(IstioResources.GATEWAYS).inNamespace("istio-system")
        .resource(Serialization.unmarshal(GATEWAY, GenericKubernetesResource.class)).create();
    List<SourceEvent> events = new CopyOnWriteArrayList<>();
    List<SourceInformer<?>> informers = start(events, "istio-gateway");
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e instanceof SourceEvent.Upsert u
          && u.endpoints().isEmpty() && u.problems().toString().contains("no targets")));
      client.services().inNamespace("istio-system").resource(ingressGateway("192.0.2.30")).update();
      await().atMost(Duration.ofSeconds(10)).until(() -> published(events, "shop.example.com A 192.0.2.30"));
    } finally {
      informers.forEach(SourceInformer::close);
    }
  }

  @Test
  void aVirtualServiceTakesItsGatewaysTargets() {
    client.services().inNamespace("istio-system").resource(ingressGateway("192.0.2.31")).create();
    client.genericKubernetesResources(IstioResources.GATEWAYS).inNamespace("istio-system")
        .resource(Serialization.unmarshal(GATEWAY, GenericKubernetesResource.class)).create();
    client.genericKubernetesResources(IstioResources.VIRTUAL_SERVICES).inNamespace("web")
        .resource(Serialization.unmarshal(VIRTUAL_SERVICE, GenericKubernetesResource.class)).create();
    List<SourceEvent> events = new CopyOnWriteArrayList<>();
    List<SourceInformer<?>> informers = start(events, "istio-virtualservice");
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> published(events, "cart.apps.example.com A 192.0.2.31"));
      // The Gateway stops serving web's hosts: the VirtualService is translated again, to nothing.
      GenericKubernetesResource narrowed = Serialization.unmarshal(GATEWAY.replace("\"web/*.apps.example.com\"",
          "\"shop/*.apps.example.com\""), GenericKubernetesResource.class);
      client.genericKubernetesResources(IstioResources.GATEWAYS).inNamespace("istio-system").resource(narrowed).update();
      await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e instanceof SourceEvent.Upsert u
          && u.endpoints().isEmpty() && u.problems().toString().contains("cart.apps.example.com: no gateway")));
    } finally {
      informers.forEach(SourceInformer::close);
    }
  }
}
