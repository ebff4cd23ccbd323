package io.dnsplane.runtime;

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
  static HttpResponse<String> get(OpsServer server, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesHealthReadinessAndMetrics() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("dnsplane_test_things", "provider", "aws").increment(3);
    AtomicBoolean live = new AtomicBoolean(true);
    AtomicBoolean ready = new AtomicBoolean(false);
    try (OpsServer server = OpsServer.start(OpsServer.parseAddress("127.0.0.1:0"), live::get, ready::get, registry)) {
      assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(503);
      ready.set(true);
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
      live.set(false);
      assertThat(get(server, "/healthz").statusCode()).isEqualTo(503);
      assertThat(get(server, "/metrics").body()).contains("dnsplane_test_things_total{provider=\"aws\"} 3");
    }
  }

  @Test
  void readsExternalDnsAddresses() {
    assertThat(OpsServer.parseAddress(":7979").getPort()).isEqualTo(7979);
    assertThat(OpsServer.parseAddress("127.0.0.1:9000").getHostString()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> OpsServer.parseAddress("7979")).hasMessageContaining("[HOST]:PORT");
  }
}
