package io.dnsplane.applier.core;

import io.dnsplane.avro.ApplyStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/** The applier's Prometheus metrics, tagged with its provider. */
public final class ApplierMetrics {
  private final MeterRegistry registry;
  private final String provider;

  private ApplierMetrics(MeterRegistry registry, String provider) {
    this.registry = registry;
    this.provider = provider;
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
