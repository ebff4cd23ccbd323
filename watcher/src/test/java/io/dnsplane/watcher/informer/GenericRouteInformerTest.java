package io.dnsplane.watcher.informer;

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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** --source openshift-route and contour-httpproxy (custom resources read as generic ones) against the mock API server. */
@EnableKubernetesMockClient(crud = true)
class GenericRouteInformerTest {
  KubernetesClient client;

  @Test
  void translatesAnAdmittedRoute() {
    GenericKubernetesResource route = Serialization.unmarshal("""
        apiVersion: route.openshift.io/v1
        kind: Route
        metadata: {name: shop, namespace: web}
        spec: {host: shop.apps.example.com}
        status:
          ingress:
          - routerName: default
            host: shop.apps.example.com
            routerCanonicalHostname: router-default.apps.example.com
            conditions: [{type: Admitted, status: "True"}]
        """, GenericKubernetesResource.class);
    client.genericKubernetesResources(OpenShiftRouteResources.CONTEXT).inNamespace("web").resource(route).create();
    List<SourceEvent> events = new CopyOnWriteArrayList<>();
    WatcherConfig config = new WatcherConfig("cluster-a", "cluster-a", "unused:9092", "", Duration.ofSeconds(1))
        .withSources(List.of("openshift-route"));
    List<SourceInformer<?>> informers = SourcesAccess.informers(config, client, events::add);
    informers.forEach(SourceInformer::start);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e instanceof SourceEvent.Upsert u
          && u.endpoints().toString().contains("shop.apps.example.com CNAME router-default.apps.example.com")));
    } finally {
      informers.forEach(SourceInformer::close);
    }
  }

  @Test
  void translatesAContourHttpProxy() {
    GenericKubernetesResource proxy = Serialization.unmarshal("""
        apiVersion: projectcontour.io/v1
        kind: HTTPProxy
        metadata: {name: shop, namespace: web}
        spec: {virtualhost: {fqdn: shop.example.com}}
        status: {loadBalancer: {ingress: [{ip: 192.0.2.20}]}}
        """, GenericKubernetesResource.class);
    client.genericKubernetesResources(ContourHttpProxyResources.CONTEXT).inNamespace("web").resource(proxy).create();
    List<SourceEvent> events = new CopyOnWriteArrayList<>();
    WatcherConfig config = new WatcherConfig("cluster-a", "cluster-a", "unused:9092", "", Duration.ofSeconds(1))
        .withSources(List.of("contour-httpproxy"));
    List<SourceInformer<?>> informers = SourcesAccess.informers(config, client, events::add);
    informers.forEach(SourceInformer::start);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e instanceof SourceEvent.Upsert u
          && u.endpoints().toString().contains("shop.example.com A 192.0.2.20")));
    } finally {
      informers.forEach(SourceInformer::close);
    }
  }
}
