package io.dnsplane.applier.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Changes;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.DomainFilter;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.ExternalDnsJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --provider=webhook}: a provider behind ExternalDNS's webhook API (provider/webhook), as
 * ExternalDNS's client speaks it. Negotiation (GET / with the media type in Accept; the answer's
 * Content-Type must be exactly {@link WebhookApi#MEDIA_TYPE}) is tried up to five times on a
 * connection error or a 5xx, as ExternalDNS's client tries it; its domain filter names the zones.
 * After that, as in ExternalDNS, a request is not retried here: a 5xx (500-510) or a failed
 * connection is a {@link RetryableProviderException}, which the applier core retries with its
 * backoff, and any other answer is final ({@link BatchRefusedException} for changes).
 *
 * <p>A webhook provider has no zones of its own: the domain filter's domains are the zones (or
 * {@code --webhook-zone}), each listed from the one GET /records; a record belongs to the most
 * specific of them. See DESIGN.md, "Webhook providers".
 */
final class WebhookProvider implements DnsProvider {
  private static final Logger log = LoggerFactory.getLogger(WebhookProvider.class);
  static final int NEGOTIATION_TRIES = 5;

  /** Waits between negotiation tries; tests pass one that does not wait. */
  interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;
  }

  private final URI url;
  private final Duration timeout;
  private final List<String> configuredZones;
  private final RequestBudget budget;
  private final Sleeper sleeper;
  private final HttpClient http;
  private volatile Negotiated negotiated;

  private record Negotiated(DomainFilter filter, List<Zone> zones) {}

  /**
   * @param timeout each request's whole round trip (ExternalDNS: read plus write timeout)
   * @param configuredZones --webhook-zone: the zones, when the domain filter does not name them
   */
  WebhookProvider(URI url, Duration timeout, List<String> configuredZones, RequestBudget budget, Sleeper sleeper) {
    if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
        || url.getHost() == null) {
      throw new IllegalArgumentException("--webhook-provider-url must be an http or https URL: " + url);
    }
    this.url = url;
    this.timeout = timeout;
    this.configuredZones = configuredZones.stream().map(DnsNames::normalize).distinct().toList();
    this.budget = budget;
    this.sleeper = sleeper;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  public String name() {
    return "webhook";
  }

  /** Negotiates on first use, and again after a failed negotiation: the provider may come up later. */
  @Override
  public List<Zone> zones() {
    return negotiated().zones();
  }

  private Negotiated negotiated() {
    Negotiated n = negotiated;
    if (n == null) {
      n = negotiate();
      negotiated = n;
    }
    return n;
  }

  private Negotiated negotiate() {
    RetryableProviderException last = null;
    for (int attempt = 1; attempt <= NEGOTIATION_TRIES; attempt++) {
      try {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url).GET().header("Accept", WebhookApi.MEDIA_TYPE));
        if (response.statusCode() >= 500) {
          throw new RetryableProviderException("server error: status code " + response.statusCode());
        }
        if (response.statusCode() >= 300) {
          throw new NotNow("unexpected status code " + response.statusCode() + body(response));
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.equals(WebhookApi.MEDIA_TYPE)) {
          throw new NotNow("wrong content type returned from server: '" + contentType
              + "'; dnsplane speaks " + WebhookApi.MEDIA_TYPE + " (is the provider of another API version?)");
        }
        DomainFilter filter;
        try {
          filter = ExternalDnsJson.domainFilter(ExternalDnsJson.JSON.readTree(response.body()), "domain filter");
        } catch (IOException | IllegalArgumentException e) {
          throw new NotNow("failed to unmarshal response body of DomainFilter: " + e.getMessage());
        }
        Negotiated n = new Negotiated(filter, zonesOf(filter));
        log.info("webhook provider at {}: domain filter {}, zones {}", url, filter, n.zones().stream().map(Zone::name).toList());
        return n;
      } catch (RetryableProviderException e) {
        last = e;
        if (e instanceof NotNow) {
          break;
        }
        if (attempt < NEGOTIATION_TRIES) {
          pause(Duration.ofMillis(500L << (attempt - 1)));
        }
      }
    }
    throw new RetryableProviderException("cannot negotiate with the webhook provider at " + url + ": " + last.getMessage(),
        last, Optional.empty());
  }

  /** The zones: --webhook-zone when given (within the domain filter), else the filter's domains. */
  private List<Zone> zonesOf(DomainFilter filter) {
    List<String> names;
    if (!configuredZones.isEmpty()) {
      names = configuredZones.stream().filter(filter::matches).toList();
      if (names.isEmpty()) {
        throw new IllegalArgumentException("no --webhook-zone is inside the webhook provider's domain filter " + filter
            + ": " + configuredZones);
      }
    } else if (filter.regexInclude().isPresent() || filter.regexExclude().isPresent() || filter.include().isEmpty()) {
      throw new IllegalArgumentException("the webhook provider's domain filter (" + (filter.include().isEmpty()
          && filter.regexInclude().isEmpty() ? "empty" : filter.toString()) + ") names no zones: give --webhook-zone"
          + " for each zone it serves");
    } else {
      names = filter.include().stream().map(d -> d.startsWith(".") ? d.substring(1) : d).distinct().toList();
    }
    return names.stream().map(z -> new Zone(z, z)).toList();
  }

  @Override
  public List<Endpoint> records(Zone zone) {
    Negotiated n = negotiated();
    HttpResponse<byte[]> response = send(request(WebhookApi.RECORDS).GET().header("Accept", WebhookApi.MEDIA_TYPE));
    if (response.statusCode() != 200) {
      throw failure("failed to get records with code " + response.statusCode() + body(response), response.statusCode());
    }
    List<Endpoint> all = listing(response);
    return all.stream().filter(e -> n.filter().matches(DnsNames.normalize(e.dnsName())))
        .filter(e -> Zone.mostSpecific(e.dnsName(), n.zones()).map(z -> z.id().equals(zone.id())).orElse(false))
        .toList();
  }

  @Override
  public ApplyOutcome apply(Zone zone, Changes changes) {
    byte[] body = json(ExternalDnsJson.toJson(changes));
    HttpResponse<byte[]> response = send(request(WebhookApi.RECORDS).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", WebhookApi.MEDIA_TYPE));
    if (response.statusCode() == 204) {
      return ApplyOutcome.applied(null);
    }
    String message = "failed to apply changes with code " + response.statusCode() + body(response);
    if (retryable(response.statusCode())) {
      throw new RetryableProviderException(message, null, retryAfter(response));
    }
    throw new BatchRefusedException(message);
  }

  /** POST /adjustendpoints: the endpoints as the provider will hold them. */
  @Override
  public List<Endpoint> adjust(List<Endpoint> desired) {
    if (desired.isEmpty()) {
      return desired;
    }
    negotiated();
    byte[] body = json(ExternalDnsJson.toJson(desired));
    HttpResponse<byte[]> response = send(request(WebhookApi.ADJUST_ENDPOINTS)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", WebhookApi.MEDIA_TYPE).header("Accept", WebhookApi.MEDIA_TYPE));
    if (response.statusCode() != 200) {
      throw failure("failed to AdjustEndpoints with code " + response.statusCode() + body(response), response.statusCode());
    }
    return parseEndpoints(response, "adjusted endpoints");
  }

  private HttpRequest.Builder request(String path) {
    String base = url.toString().endsWith("/") ? url.toString().substring(0, url.toString().length() - 1) : url.toString();
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  /** One request, its body read up to {@link WebhookApi#MAX_RESPONSE_BYTES}; a connection that fails is retryable. */
  private HttpResponse<byte[]> send(HttpRequest.Builder request) {
    budget.acquire();
    try {
      HttpResponse<InputStream> response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        byte[] body = in.readNBytes((int) WebhookApi.MAX_RESPONSE_BYTES + 1);
        if (body.length > WebhookApi.MAX_RESPONSE_BYTES) {
          throw new RetryableProviderException("the webhook provider's answer to " + response.request().method() + " "
              + response.request().uri().getPath() + " is larger than " + (WebhookApi.MAX_RESPONSE_BYTES >> 20)
              + " MiB; not read");
        }
        return new Bytes(response, body);
      }
    } catch (IOException e) {
      throw new RetryableProviderException("webhook provider at " + url + " unreachable: " + e, e, Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableProviderException("interrupted", e, Optional.empty());
    }
  }

  /** GET /records' endpoints; one that is not a record (no record type) is skipped with a warning, not the listing. */
  private List<Endpoint> listing(HttpResponse<byte[]> response) {
    JsonNode array;
    try {
      array = ExternalDnsJson.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new RetryableProviderException("the webhook provider's records do not decode: " + e.getMessage());
    }
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new RetryableProviderException("the webhook provider's records are not a JSON array");
    }
    List<Endpoint> records = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      try {
        records.add(ExternalDnsJson.endpoint(array.get(i), "record [" + i + "]"));
      } catch (IllegalArgumentException e) {
        log.warn("skipping a record the webhook provider listed: {}", e.getMessage());
      }
    }
    return records;
  }

  private List<Endpoint> parseEndpoints(HttpResponse<byte[]> response, String what) {
    try {
      return ExternalDnsJson.endpoints(ExternalDnsJson.JSON.readTree(response.body()), what);
    } catch (IOException | IllegalArgumentException e) {
      throw new RetryableProviderException("the webhook provider's " + what + " do not decode: " + e.getMessage());
    }
  }

  private static RuntimeException failure(String message, int status) {
    return retryable(status) ? new RetryableProviderException(message) : new IllegalStateException(message);
  }

  /** ExternalDNS's isRetryableError: 500 to 510. */
  static boolean retryable(int status) {
    return status >= 500 && status <= 510;
  }

  private static Optional<Duration> retryAfter(HttpResponse<byte[]> response) {
    return response.headers().firstValue("Retry-After").flatMap(v -> {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  private static String body(HttpResponse<byte[]> response) {
    String text = new String(response.body(), StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "" : ": " + (text.length() > 500 ? text.substring(0, 500) + "..." : text);
  }

  private static byte[] json(JsonNode node) {
    try {
      return ExternalDnsJson.JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void pause(Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * An answer that trying again at once will not change (ExternalDNS's backoff.Permanent): this
   * negotiation stops; the applier negotiates again later, as the provider may be fixed or rolled back.
   */
  private static final class NotNow extends RetryableProviderException {
    NotNow(String message) {
      super(message);
    }
  }

  /** A response whose body was read (capped) from the stream. */
  private record Bytes(HttpResponse<InputStream> response, byte[] body) implements HttpResponse<byte[]> {
    @Override
    public int statusCode() {
      return response.statusCode();
    }

    @Override
    public HttpRequest request() {
      return response.request();
    }

    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return response.headers();
    }

    @Override
    public URI uri() {
      return response.uri();
    }

    @Override
    public HttpClient.Version version() {
      return response.version();
    }

    @Override
    public Optional<javax.net.ssl.SSLSession> sslSession() {
      return response.sslSession();
    }
  }
}
