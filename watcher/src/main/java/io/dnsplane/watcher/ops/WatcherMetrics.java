package io.dnsplane.watcher.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/** The watcher's Prometheus metrics, tagged with its cluster, read from the counters the watcher keeps. */
public final class WatcherMetrics {
  private WatcherMetrics() {}

  public static void register(MeterRegistry registry, String clusterId, LongSupplier objectsWatched,
      LongSupplier published, LongSupplier errors, LongSupplier lastHeartbeatMillis) {
    Gauge.builder("dnsplane_watcher_objects_watched", objectsWatched, s -> s.getAsLong()).tag("cluster", clusterId)
        .description("Objects the watcher's informers hold").register(registry);
    FunctionCounter.builder("dnsplane_watcher_desired_published", published, s -> s.getAsLong()).tag("cluster", clusterId)
        .description("Desired-endpoint records published, tombstones included").register(registry);
    FunctionCounter.builder("dnsplane_watcher_errors", errors, s -> s.getAsLong()).tag("cluster", clusterId)
        .description("Records that could not be published").register(registry);
    Gauge.builder("dnsplane_watcher_last_heartbeat_seconds", lastHeartbeatMillis, s -> s.getAsLong() / 1000.0)
        .tag("cluster", clusterId).description("When the last heartbeat was sent, Unix time").register(registry);
  }
}
