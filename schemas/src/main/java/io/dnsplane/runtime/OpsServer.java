package io.dnsplane.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /healthz} (the service's work goes on), {@code /readyz} (it is ready: a watcher's initial
 * sync, an applier's zones) and Prometheus {@code /metrics}, on ExternalDNS's
 * {@code --metrics-address} (default :7979). The JDK's own HTTP server: three read-only endpoints
 * need no framework.
 */
public final class OpsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);

  private final HttpServer server;

  private OpsServer(HttpServer server) {
    this.server = server;
  }

  public static OpsServer start(InetSocketAddress address, BooleanSupplier ready, PrometheusMeterRegistry registry)
      throws IOException {
    return start(address, () -> true, ready, registry);
  }

  public static OpsServer start(InetSocketAddress address, BooleanSupplier live, BooleanSupplier ready,
      PrometheusMeterRegistry registry) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    server.createContext("/healthz", exchange -> {
      boolean isLive = live.getAsBoolean();
      respond(exchange, isLive ? 200 : 503, isLive ? "ok\n" : "stopped\n", "text/plain");
    });
    server.createContext("/readyz", exchange -> {
      boolean isReady = ready.getAsBoolean();
      respond(exchange, isReady ? 200 : 503, isReady ? "ready\n" : "not ready\n", "text/plain");
    });
    server.createContext("/metrics", exchange ->
        respond(exchange, 200, registry.scrape(), "text/plain; version=0.0.4; charset=utf-8"));
    server.start();
    log.info("health and metrics on {}:{}", address.getHostString(), server.getAddress().getPort());
    return new OpsServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int code, String body, String contentType) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Parses ExternalDNS's address form: {@code :7979}, {@code 0.0.0.0:7979}, {@code 127.0.0.1:0}. */
  public static InetSocketAddress parseAddress(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("--metrics-address wants [HOST]:PORT: " + address);
    }
    String host = address.substring(0, colon);
    int port = Integer.parseInt(address.substring(colon + 1));
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
