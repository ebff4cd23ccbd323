package io.dnsplane.watcher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class WatcherMetricsTest {
  @Test
  void exposesTheWatchersCountersTaggedWithItsCluster() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WatcherMetrics registered = WatcherMetrics.register(registry, "cluster-a", () -> 3, () -> 7, () -> 0, () -> 1_700_000_000_000L);
    System.gc(); // Micrometer reads weakly; the registered object must survive a collection
    assertThat(registry.scrape())
        .contains("dnsplane_watcher_objects_watched{cluster=\"cluster-a\"} 3")
        .contains("dnsplane_watcher_desired_published_total{cluster=\"cluster-a\"} 7")
        .contains("dnsplane_watcher_last_heartbeat_seconds{cluster=\"cluster-a\"} 1.7E9");
    assertThat(registered).isNotNull();
  }
}
