package io.dnsplane.runtime;

import java.net.InetSocketAddress;
import picocli.CommandLine.Option;

/** Operations flags of every service, with ExternalDNS's names and defaults (a picocli mixin). */
public final class OpsOptions {
  @Option(names = "--metrics-address", defaultValue = ":7979", description = "Where /healthz, /readyz and Prometheus"
      + " /metrics are served (ExternalDNS's flag; default: ${DEFAULT-VALUE}).")
  String metricsAddress;

  @Option(names = "--log-level", defaultValue = "info", description = "trace, debug, info, warning, error, fatal or"
      + " panic (ExternalDNS's flag; default: ${DEFAULT-VALUE}).")
  String logLevel;

  @Option(names = "--log-format", defaultValue = "text", description = "text or json, one JSON object a line"
      + " (ExternalDNS's flag; default: ${DEFAULT-VALUE}).")
  String logFormat;

  public InetSocketAddress metricsAddress() {
    return OpsServer.parseAddress(metricsAddress);
  }

  /** Applies --log-level and --log-format to this process's logging; bad values fail here, at start. */
  public void configureLogging() {
    Logging.configure(Logging.level(logLevel), Logging.format(logFormat));
  }
}
