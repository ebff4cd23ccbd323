package io.dnsplane.watcher.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.dnsplane.runtime.ExternalDnsMetrics;
import java.util.function.LongSupplier;

/**
 * The watcher's Prometheus metrics, tagged with its cluster, read from the counters the watcher
 * keeps. Micrometer holds what it reads weakly: whoever registers must keep this object.
 */
public final class WatcherMetrics {
  private final LongSupplier objectsWatched;
  private final LongSupplier published;
  private final LongSupplier errors;
  private final LongSupplier lastHeartbeatMillis;

  private WatcherMetrics(LongSupplier objectsWatched, LongSupplier published, LongSupplier errors,
      LongSupplier lastHeartbeatMillis) {
    this.objectsWatched = objectsWatched;
    this.published = published;
    this.errors = errors;
    this.lastHeartbeatMillis = lastHeartbeatMillis;
  }

  /**
   * @param endpointsByType what the watcher publishes now, endpoints per record type: ExternalDNS's
   *     source gauges (its sources' endpoints at the last sync)
   */
  public static WatcherMetrics register(MeterRegistry registry, String clusterId, LongSupplier objectsWatched,
      LongSupplier published, LongSupplier errors, LongSupplier lastHeartbeatMillis,
      java.util.function.Supplier<java.util.Map<String, Long>> endpointsByType) {
    WatcherMetrics m = new WatcherMetrics(objectsWatched, published, errors, lastHeartbeatMillis);
    ExternalDnsMetrics.total(registry, "external_dns_source_endpoints_total", "Number of Endpoints in all sources"
        + " (dnsplane: what this watcher publishes now)", () -> ExternalDnsMetrics.sum(endpointsByType.get()));
    ExternalDnsMetrics.perRecordType(registry, "external_dns_source_records",
        "Number of source records partitioned by label name (vector)", endpointsByType);
    ExternalDnsMetrics.total(registry, "external_dns_source_errors_total", "Number of Source errors (dnsplane: records"
        + " the watcher could not publish)", () -> m.errors.getAsLong());
    Gauge.builder("dnsplane_watcher_objects_watched", m, x -> x.objectsWatched.getAsLong()).tag("cluster", clusterId)
        .description("Objects the watcher's informers hold").strongReference(true).register(registry);
    FunctionCounter.builder("dnsplane_watcher_desired_published", m, x -> x.published.getAsLong()).tag("cluster", clusterId)
        .description("Desired-endpoint records published, tombstones included").register(registry);
    FunctionCounter.builder("dnsplane_watcher_errors", m, x -> x.errors.getAsLong()).tag("cluster", clusterId)
        .description("Records that could not be published").register(registry);
    Gauge.builder("dnsplane_watcher_last_heartbeat_seconds", m, x -> x.lastHeartbeatMillis.getAsLong() / 1000.0)
        .tag("cluster", clusterId).description("When the last heartbeat was sent, Unix time").strongReference(true)
        .register(registry);
    return m;
  }
}
