package io.dnsplane.watcher.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsServerTest {
  private static HttpResponse<String> get(OpsServer server, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesHealthReadinessAndMetrics() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WatcherMetrics registered = WatcherMetrics.register(registry, "cluster-a", () -> 3, () -> 7, () -> 0, () -> 1_700_000_000_000L);
    System.gc(); // Micrometer reads weakly; the registered object must survive a collection
    AtomicBoolean ready = new AtomicBoolean(false);
    try (OpsServer server = OpsServer.start(OpsServer.parseAddress("127.0.0.1:0"), ready::get, registry)) {
      assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(503);
      ready.set(true);
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
      String metrics = get(server, "/metrics").body();
      assertThat(metrics)
          .contains("dnsplane_watcher_objects_watched{cluster=\"cluster-a\"} 3")
          .contains("dnsplane_watcher_desired_published_total{cluster=\"cluster-a\"} 7")
          .contains("dnsplane_watcher_last_heartbeat_seconds{cluster=\"cluster-a\"} 1.7E9");
    }
    assertThat(registered).isNotNull();
  }

  @Test
  void readsExternalDnsAddresses() {
    assertThat(OpsServer.parseAddress(":7979").getPort()).isEqualTo(7979);
    assertThat(OpsServer.parseAddress("127.0.0.1:9000").getHostString()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> OpsServer.parseAddress("7979")).hasMessageContaining("[HOST]:PORT");
  }
}
