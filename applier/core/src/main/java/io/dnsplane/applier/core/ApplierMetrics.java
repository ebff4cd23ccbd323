package io.dnsplane.applier.core;

import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.runtime.ExternalDnsMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/** The applier's Prometheus metrics, tagged with its provider. */
public final class ApplierMetrics {
  private final MeterRegistry registry;
  private final String provider;
  private final java.util.concurrent.atomic.AtomicLong lastSyncMillis = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong lastReconcileMillis = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong registryErrors = new java.util.concurrent.atomic.AtomicLong();

  private ApplierMetrics(MeterRegistry registry, String provider) {
    this.registry = registry;
    this.provider = provider;
    ExternalDnsMetrics.gauge(registry, "external_dns_controller_last_sync_timestamp_seconds", "Timestamp of last"
        + " successful sync with the DNS provider (dnsplane: the last batch applied or drift check passed)",
        () -> lastSyncMillis.get() / 1000.0);
    ExternalDnsMetrics.gauge(registry, "external_dns_controller_last_reconcile_timestamp_seconds", "Timestamp of last"
        + " attempted sync with the DNS provider", () -> lastReconcileMillis.get() / 1000.0);
    ExternalDnsMetrics.total(registry, "external_dns_registry_errors_total", "Number of Registry errors (dnsplane:"
        + " batches failed or refused in part, zone listings failed)", () -> registryErrors.get());
  }

  public static ApplierMetrics of(MeterRegistry registry, String provider) {
    return new ApplierMetrics(registry, provider);
  }

  /** Metrics that go nowhere (tests, local mode). */
  public static ApplierMetrics none(String provider) {
    return new ApplierMetrics(new CompositeMeterRegistry(), provider);
  }

  void batch(ApplyStatus status) {
    registry.counter("dnsplane_applier_batches", "provider", provider, "status", status.name()).increment();
    long now = System.currentTimeMillis();
    lastReconcileMillis.set(now);
    if (status == ApplyStatus.APPLIED || status == ApplyStatus.NOTHING_TO_DO) {
      lastSyncMillis.set(now);
    } else if (status == ApplyStatus.FAILED || status == ApplyStatus.PARTIAL) {
      registryError();
    }
  }

  /** A drift check of every owned zone: passed, or a listing failed. */
  void driftCheck(boolean listed) {
    long now = System.currentTimeMillis();
    lastReconcileMillis.set(now);
    if (listed) {
      lastSyncMillis.set(now);
    } else {
      registryError();
    }
  }

  private void registryError() {
    registryErrors.incrementAndGet();
  }

  /** ExternalDNS's registry gauges, of what the zones this replica applies hold (TXT ownership records included). */
  void registryRecords(java.util.function.Supplier<java.util.Map<String, Long>> byType) {
    ExternalDnsMetrics.total(registry, "external_dns_registry_endpoints_total", "Number of Endpoints in the registry"
        + " (dnsplane: records the applier last listed in its zones)", () -> ExternalDnsMetrics.sum(byType.get()));
    ExternalDnsMetrics.perRecordType(registry, "external_dns_registry_records",
        "Number of registry records partitioned by label name (vector)", byType);
  }

  void applyCalls(int calls) {
    registry.counter("dnsplane_applier_apply_calls", "provider", provider).increment(calls);
  }

  void retry() {
    registry.counter("dnsplane_applier_retries", "provider", provider).increment();
  }

  void driftedNames(int names) {
    registry.counter("dnsplane_applier_drifted_names", "provider", provider).increment(names);
  }

  /** Read on every scrape; the state object is held strongly, so it lives as long as the registry. */
  <T> void gauge(String name, String description, T state, java.util.function.ToDoubleFunction<T> value) {
    Gauge.builder(name, state, value).tag("provider", provider).description(description).strongReference(true)
        .register(registry);
  }

  void requests(AccountRateBudget budget) {
    FunctionCounter.builder("dnsplane_applier_provider_requests", budget, AccountRateBudget::requests)
        .tag("provider", provider).description("HTTP requests sent to the provider's API").register(registry);
    gauge("dnsplane_applier_request_rate_limit", "Requests per second this replica may send (its share of"
        + " --provider-rate-limit; +Inf without one)", budget, AccountRateBudget::rate);
  }
}
