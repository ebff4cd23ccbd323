package io.dnsplane.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * ExternalDNS's metric names (controller/metrics.go, pkg/metrics), beside dnsplane's own, so the
 * dashboards and alerts platform teams have keep working. Each service exports those its part of
 * the pipeline can honestly answer: the watcher the source ones, the applier the registry and
 * controller ones (it is what talks to the provider), every service build_info.
 *
 * <p>They are registered on the Prometheus registry itself, not through Micrometer, which would
 * rename them. Its client reserves the {@code _total} suffix for counters, so
 * {@code external_dns_source_endpoints_total} and {@code external_dns_registry_endpoints_total},
 * gauges in ExternalDNS, are typed counter here: the same names and values for queries, values that
 * go down as well as up. On another kind of registry they are not exported.
 */
public final class ExternalDnsMetrics {
  /** The record types ExternalDNS's per-type gauges are labelled with. */
  public static final List<String> RECORD_TYPES = List.of("A", "AAAA", "CNAME", "TXT", "SRV", "NS", "PTR", "MX", "NAPTR");

  private ExternalDnsMetrics() {}

  /**
   * external_dns_build_info: 1, labelled with the version and revision of the service whose main
   * class is given (from its jar's manifest; "unknown" when run from classes), and the JVM's
   * version, os and arch (ExternalDNS labels go_version; dnsplane java_version).
   */
  public static void registerBuildInfo(MeterRegistry registry, Class<?> main) {
    if (!(registry instanceof PrometheusMeterRegistry p)) {
      return;
    }
    String version = main.getPackage() == null || main.getPackage().getImplementationVersion() == null ? "unknown"
        : main.getPackage().getImplementationVersion();
    Info info = Info.builder().name("external_dns_build_info").help("A metric with a constant '1' value labeled with"
            + " version, revision, java_version, os and arch of the build")
        .labelNames("version", "revision", "java_version", "os", "arch").register(p.getPrometheusRegistry());
    info.setLabelValues(version, System.getProperty("dnsplane.revision", "unknown"), System.getProperty("java.version"),
        System.getProperty("os.name").toLowerCase(Locale.ROOT), System.getProperty("os.arch"));
  }

  /** A value under a {@code _total} name (a gauge in ExternalDNS, a counter's type here; see the class comment). */
  public static void total(MeterRegistry registry, String name, String help, DoubleSupplier value) {
    if (registry instanceof PrometheusMeterRegistry p) {
      CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
          .register(p.getPrometheusRegistry());
    }
  }

  public static void gauge(MeterRegistry registry, String name, String help, DoubleSupplier value) {
    if (registry instanceof PrometheusMeterRegistry p) {
      GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
          .register(p.getPrometheusRegistry());
    }
  }

  /** A gauge per record type ({@link #RECORD_TYPES}, lower-case as ExternalDNS labels them). */
  public static void perRecordType(MeterRegistry registry, String name, String help, Supplier<Map<String, Long>> counts) {
    if (registry instanceof PrometheusMeterRegistry p) {
      GaugeWithCallback.builder().name(name).help(help).labelNames("record_type").callback(cb -> {
        Map<String, Long> now = counts.get();
        RECORD_TYPES.forEach(t -> cb.call(now.getOrDefault(t, 0L), t.toLowerCase(Locale.ROOT)));
      }).register(p.getPrometheusRegistry());
    }
  }

  /** How many of something a map of counts per record type holds. */
  public static double sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
