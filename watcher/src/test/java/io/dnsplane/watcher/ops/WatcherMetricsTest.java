package io.dnsplane.watcher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class WatcherMetricsTest {
  @Test
  void exposesTheWatchersCountersTaggedWithItsCluster() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    java.util.concurrent.atomic.AtomicLong objects = new java.util.concurrent.atomic.AtomicLong(3);
    java.util.concurrent.atomic.AtomicLong published = new java.util.concurrent.atomic.AtomicLong(7);
    java.util.Map<String, Long> byType = new java.util.concurrent.ConcurrentHashMap<>(java.util.Map.of("A", 2L, "CNAME", 1L));
    WatcherMetrics.register(registry, "cluster-a", objects::get, published::get, () -> 0, () -> 1_700_000_000_000L,
        () -> byType);
    System.gc(); // Micrometer holds gauges weakly: what the watcher registered must survive a collection
    assertThat(registry.scrape())
        .contains("dnsplane_watcher_objects_watched{cluster=\"cluster-a\"} 3")
        .contains("dnsplane_watcher_desired_published_total{cluster=\"cluster-a\"} 7")
        .contains("dnsplane_watcher_last_heartbeat_seconds{cluster=\"cluster-a\"} 1.7E9");
    // Read live at each scrape, not captured once.
    objects.set(4);
    published.set(9);
    assertThat(registry.scrape())
        .contains("dnsplane_watcher_objects_watched{cluster=\"cluster-a\"} 4")
        .contains("dnsplane_watcher_desired_published_total{cluster=\"cluster-a\"} 9");
  }

  @Test
  void exposesExternalDnsSourceMetricsUnderItsNames() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    java.util.Map<String, Long> byType = new java.util.concurrent.ConcurrentHashMap<>(java.util.Map.of("A", 2L, "CNAME", 1L));
    WatcherMetrics.register(registry, "cluster-a", () -> 3, () -> 7, () -> 5, () -> 0, () -> byType);
    io.dnsplane.runtime.ExternalDnsMetrics.registerBuildInfo(registry, WatcherMetricsTest.class);
    System.gc();
    assertThat(registry.scrape())
        .contains("external_dns_source_endpoints_total 3.0")
        .contains("external_dns_source_records{record_type=\"a\"} 2.0")
        .contains("external_dns_source_records{record_type=\"cname\"} 1.0")
        .contains("external_dns_source_records{record_type=\"srv\"} 0.0")
        .contains("external_dns_source_errors_total 5.0")
        .containsPattern("external_dns_build_info\\{arch=\"[^\"]+\",java_version=\"17[^\"]*\",os=\"[^\"]+\",revision=\"unknown\",version=\"unknown\"} 1\n");
    byType.put("A", 4L);
    assertThat(registry.scrape()).contains("external_dns_source_endpoints_total 5.0");
  }
}
