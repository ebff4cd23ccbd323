package io.dnsplane.applier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.ApplyStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** ExternalDNS's registry and controller metrics, as the applier answers them. */
class ApplierMetricsTest {
  @Test
  void exportsExternalDnsRegistryAndControllerMetricsUnderItsNames() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ApplierMetrics metrics = ApplierMetrics.of(registry, "aws");
    Map<String, Long> listed = new ConcurrentHashMap<>(Map.of("A", 3L, "TXT", 3L, "CNAME", 1L));
    metrics.registryRecords(() -> listed);
    assertThat(registry.scrape()).contains("external_dns_registry_endpoints_total 7.0")
        .contains("external_dns_registry_records{record_type=\"txt\"} 3.0")
        .contains("external_dns_controller_last_sync_timestamp_seconds 0.0")
        .contains("external_dns_registry_errors_total 0.0");

    long before = System.currentTimeMillis() / 1000;
    metrics.batch(ApplyStatus.FAILED);
    assertThat(registry.scrape()).contains("external_dns_registry_errors_total 1.0")
        .contains("external_dns_controller_last_sync_timestamp_seconds 0.0");
    metrics.batch(ApplyStatus.APPLIED);
    metrics.driftCheck(false);
    String scrape = registry.scrape();
    assertThat(scrape).contains("external_dns_registry_errors_total 2.0");
    double lastSync = Double.parseDouble(scrape.lines()
        .filter(l -> l.startsWith("external_dns_controller_last_sync_timestamp_seconds ")).findFirst().orElseThrow()
        .split(" ")[1]);
    assertThat(lastSync).isGreaterThanOrEqualTo(before);
  }
}
