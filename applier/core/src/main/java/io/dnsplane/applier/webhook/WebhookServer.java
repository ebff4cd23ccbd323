package io.dnsplane.applier.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Changes;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.DomainFilter;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.ExternalDnsJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any dnsplane provider behind ExternalDNS's webhook API ({@code --webhook-server}), so a stock
 * ExternalDNS with {@code --provider=webhook} uses dnsplane's provider code. Served with the JDK's
 * HTTP server: GET / (the zones, as the domain filter), GET /records (every zone's records), POST
 * /records (the changes, zone by zone, each zone's in one call when the provider takes them in one),
 * POST /adjustendpoints. Answers carry exactly
 * {@link WebhookApi#MEDIA_TYPE}. Status codes as ExternalDNS's client reads them: 204 applied,
 * 5xx try again (the provider throttled or failed), 4xx will not work as sent (a bad body, a
 * change the provider refused); an error body says what happened, as text.
 */
public final class WebhookServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

  private final DnsProvider provider;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Object applying = new Object();

  private WebhookServer(DnsProvider provider, InetSocketAddress address) throws IOException {
    this.provider = provider;
    this.server = HttpServer.create(address, 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
  }

  /** @param address host:port; port 0 picks a free one */
  public static WebhookServer start(DnsProvider provider, String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("--webhook-server-address wants HOST:PORT: " + address);
    }
    try {
      WebhookServer s = new WebhookServer(provider,
          new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))));
      s.server.start();
      log.info("serving provider {} over ExternalDNS's webhook API on http://{}", provider.name(), s.address());
      return s;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--webhook-server-address wants HOST:PORT: " + address, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
  }

  /** host:port actually bound. */
  public String address() {
    return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      try {
        if (path.equals("/") || path.isEmpty()) {
          json(ex, 200, ExternalDnsJson.toJson(domainFilter()));
        } else if (path.equals(WebhookApi.RECORDS) && method.equals("GET")) {
          List<Endpoint> all = new ArrayList<>();
          provider.zones().forEach(z -> all.addAll(provider.records(z)));
          json(ex, 200, ExternalDnsJson.toJson(all));
        } else if (path.equals(WebhookApi.RECORDS) && method.equals("POST")) {
          applyChanges(ex, ExternalDnsJson.changes(nullAsEmpty(read(ex)), "changes"));
        } else if (path.equals(WebhookApi.ADJUST_ENDPOINTS) && method.equals("POST")) {
          json(ex, 200, ExternalDnsJson.toJson(provider.adjust(ExternalDnsJson.endpoints(read(ex), "endpoints"))));
        } else if (path.equals(WebhookApi.RECORDS) || path.equals(WebhookApi.ADJUST_ENDPOINTS)) {
          text(ex, 400, "unsupported method " + method + " on " + path);
        } else {
          text(ex, 404, "no such path: " + path);
        }
      } catch (IllegalArgumentException e) {
        text(ex, 400, e.getMessage());
      } catch (RetryableProviderException e) {
        e.retryAfter().ifPresent(d -> ex.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, d.toSeconds()))));
        text(ex, 503, provider.name() + ": " + e.getMessage());
      } catch (RuntimeException e) {
        log.error("webhook {} {} failed", method, path, e);
        text(ex, 500, provider.name() + ": " + e);
      }
    }
  }

  /** The zones this provider manages: ExternalDNS's client scopes its sources to them. */
  private DomainFilter domainFilter() {
    return DomainFilter.of(provider.zones().stream().map(Zone::name).map(DnsNames::normalize).distinct().sorted().toList(),
        List.of(), "", "");
  }

  private void applyChanges(HttpExchange ex, Changes changes) throws IOException {
    List<RecordFailure> failures = new ArrayList<>();
    synchronized (applying) {
      List<Zone> zones = provider.zones();
      for (Map.Entry<Zone, Changes> entry : byZone(changes, zones).entrySet()) {
        failures.addAll(apply(entry.getKey(), entry.getValue()));
      }
    }
    if (failures.isEmpty()) {
      ex.sendResponseHeaders(204, -1);
      return;
    }
    boolean retryable = failures.stream().allMatch(RecordFailure::retryable);
    StringBuilder why = new StringBuilder("not applied:");
    failures.forEach(f -> why.append("\n").append(f.endpoint().dnsName()).append(' ').append(f.endpoint().recordType())
        .append(": ").append(f.reason()));
    text(ex, retryable ? 503 : 422, why.toString());
  }

  /**
   * A zone's changes in one provider call when they fit one (all or nothing, as ExternalDNS's
   * client expects of a POST), else in consecutive calls that each fit, deletes first, then updates,
   * then creates; the first refused call stops the rest, and what was not applied is reported.
   */
  private List<RecordFailure> apply(Zone zone, Changes changes) {
    List<Changes> calls = provider.fitsOneCall(changes) ? List.of(changes) : chunks(changes, provider::fitsOneCall);
    List<RecordFailure> failures = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      try {
        failures.addAll(provider.apply(zone, calls.get(i)).failures());
      } catch (BatchRefusedException | RetryableProviderException e) {
        boolean retryable = e instanceof RetryableProviderException;
        String why = (retryable ? "" : "refused by the provider: ") + e.getMessage()
            + (i > 0 ? " (after " + i + " of " + calls.size() + " calls went in)" : "");
        calls.subList(i, calls.size()).forEach(c -> c.all().forEach(r -> failures.add(new RecordFailure(r, why, retryable))));
        break;
      }
    }
    return failures;
  }

  /** Consecutive changes, in apply order, cut where the next would not fit one call; an update's old and new stay together. */
  static List<Changes> chunks(Changes changes, java.util.function.Predicate<Changes> fitsOneCall) {
    List<Changes> singles = new ArrayList<>();
    changes.delete().forEach(e -> singles.add(new Changes.Builder().delete(e).build()));
    for (int i = 0; i < changes.updateNew().size(); i++) {
      singles.add(new Changes.Builder().update(changes.updateOld().get(i), changes.updateNew().get(i)).build());
    }
    changes.create().forEach(e -> singles.add(new Changes.Builder().create(e).build()));
    List<Changes> chunks = new ArrayList<>();
    Changes built = Changes.NONE;
    for (Changes single : singles) {
      Changes tried = new Changes.Builder().addAll(built).addAll(single).build();
      if (!built.isEmpty() && !fitsOneCall.test(tried)) {
        chunks.add(built);
        tried = single;
      }
      built = tried;
    }
    if (!built.isEmpty()) {
      chunks.add(built);
    }
    return chunks;
  }

  /** Each change to its most specific zone; a change in none of them is skipped, as ExternalDNS's providers skip it. */
  static Map<Zone, Changes> byZone(Changes changes, List<Zone> zones) {
    Map<Zone, Changes.Builder> byZone = new LinkedHashMap<>();
    java.util.function.Function<Endpoint, Optional<Changes.Builder>> of = e -> Zone.mostSpecific(e.dnsName(), zones)
        .map(z -> byZone.computeIfAbsent(z, k -> new Changes.Builder()));
    changes.delete().forEach(e -> of.apply(e).ifPresentOrElse(b -> b.delete(e), () -> skipped(e)));
    for (int i = 0; i < changes.updateNew().size(); i++) {
      Endpoint oldE = changes.updateOld().get(i);
      Endpoint newE = changes.updateNew().get(i);
      of.apply(newE).ifPresentOrElse(b -> b.update(oldE, newE), () -> skipped(newE));
    }
    changes.create().forEach(e -> of.apply(e).ifPresentOrElse(b -> b.create(e), () -> skipped(e)));
    Map<Zone, Changes> out = new LinkedHashMap<>();
    byZone.forEach((z, b) -> out.put(z, b.build()));
    return out;
  }

  private static void skipped(Endpoint e) {
    log.warn("skipping {} {}: no zone of this provider holds it", e.dnsName(), e.recordType());
  }

  private static JsonNode read(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readAllBytes();
      if (body.length == 0) {
        throw new IllegalArgumentException("the request has no body");
      }
      return ExternalDnsJson.JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("the request body is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Go's client encodes nil changes as {@code null}: nothing to do. */
  private static JsonNode nullAsEmpty(JsonNode node) {
    return node == null || node.isNull() ? ExternalDnsJson.JSON.createObjectNode() : node;
  }

  private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = ExternalDnsJson.JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", WebhookApi.MEDIA_TYPE);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void text(HttpExchange ex, int status, String message) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
