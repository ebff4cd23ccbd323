package io.dnsplane.applier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client, against stub webhook providers: the cases of ExternalDNS's provider/webhook/webhook_test.go,
 * each named after its Go test. Differences, on purpose:
 * <ul>
 *   <li>Negotiation happens on first use (the applier's start), not in a constructor; the applier
 *       keeps negotiating when it fails, where ExternalDNS exits.
 *   <li>A domain filter of {} names no zones, so those cases give --webhook-zone.
 *   <li>A listed record without a record type is skipped with a warning (Go keeps it; it cannot be applied).
 *   <li>{@code TestNewWebhookProvider_HTTPRequestFailure} asks a closed port on 127.0.0.1, not a
 *       name that would be looked up off the machine.
 *   <li>Not ported: the cases about Go's url.URL escapes, instrumented transports and refObjects,
 *       which have no counterpart here.
 * </ul>
 */
class WebhookProviderTest {
  private static final Zone EXAMPLE = new Zone("example.com", "example.com");
  private final List<Duration> pauses = new ArrayList<>();
  private StubWebhook stub;

  @AfterEach
  void stop() {
    if (stub != null) {
      stub.close();
    }
  }

  private WebhookProvider provider(URI url, String... zones) {
    return new WebhookProvider(url, Duration.ofSeconds(5), List.of(zones), RequestBudget.UNLIMITED, pauses::add);
  }

  private WebhookProvider negotiated(StubWebhook.Handler rest) {
    stub = StubWebhook.negotiating("{}", rest);
    WebhookProvider p = provider(stub.url(), "example.com");
    assertThat(p.zones()).containsExactly(EXAMPLE);
    return p;
  }

  @Test
  void testNewWebhookProviderInvalidUrl() {
    assertThatThrownBy(() -> provider(URI.create("invalid-url"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--webhook-provider-url must be an http or https URL");
    assertThatThrownBy(() -> new WebhookProviderFactory().create(new String[] {"--webhook-provider-url=://invalid-url"},
        RequestBudget.UNLIMITED)).hasMessageContaining("://invalid-url");
  }

  @Test
  void testNewWebhookProviderHttpRequestFailure() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    WebhookProvider p = provider(URI.create("http://127.0.0.1:" + closedPort));
    assertThatThrownBy(p::zones).isInstanceOf(RetryableProviderException.class)
        .hasMessageContaining("cannot negotiate with the webhook provider at http://127.0.0.1:" + closedPort)
        .hasMessageContaining("unreachable");
    assertThat(pauses).hasSize(WebhookProvider.NEGOTIATION_TRIES - 1);
  }

  @Test
  void testNewWebhookProviderInvalidResponseBody() {
    stub = new StubWebhook((request, reply) -> reply.mediaType().write("invalid-json"));
    assertThatThrownBy(provider(stub.url())::zones).isInstanceOf(RetryableProviderException.class)
        .hasMessageContaining("failed to unmarshal response body of DomainFilter");
  }

  @Test
  void testNewWebhookProviderNon2xxStatusCode() {
    stub = new StubWebhook((request, reply) -> reply.send(400, ""));
    assertThatThrownBy(provider(stub.url())::zones).hasMessageContaining("unexpected status code 400");
    assertThat(stub.requests).hasSize(1); // permanent: not tried again at once
  }

  @Test
  void testNewWebhookProviderWrongContentTypeHeader() {
    stub = new StubWebhook((request, reply) -> reply.header("Content-Type", WebhookApi.MEDIA_TYPE + "wrong").write("{}"));
    assertThatThrownBy(provider(stub.url())::zones).isInstanceOf(RetryableProviderException.class)
        .hasMessageContaining("wrong content type returned from server")
        .hasMessageContaining("dnsplane speaks application/external.dns.webhook+json;version=1");
  }

  @Test
  void anotherVersionOfTheApiIsNamedAsSuch() {
    stub = new StubWebhook((request, reply) ->
        reply.header("Content-Type", "application/external.dns.webhook+json;version=2").write("{\"include\":[\"a.com\"]}"));
    assertThatThrownBy(provider(stub.url())::zones)
        .hasMessageContaining("'application/external.dns.webhook+json;version=2'").hasMessageContaining("another API version");
  }

  @Test
  void testInvalidDomainFilter() {
    stub = new StubWebhook((request, reply) -> {
      if (request.path().equals("/")) {
        reply.mediaType().send(200, "");
      } else {
        reply.write("[{\"dnsName\" : \"test.example.com\"}]");
      }
    });
    assertThatThrownBy(provider(stub.url())::zones).hasMessageContaining("failed to unmarshal response body of DomainFilter");
  }

  @Test
  void testValidDomainfilter() {
    stub = StubWebhook.negotiating("{\"include\":[\"example.com\"]}", (request, reply) -> {});
    WebhookProvider p = provider(stub.url());
    assertThat(p.zones()).containsExactly(EXAMPLE);
    assertThat(stub.requests.get(0).accept()).isEqualTo(WebhookApi.MEDIA_TYPE);
  }

  @Test
  void theDomainFiltersDomainsAreTheZonesAndAFilterThatNamesNoneAsksForWebhookZone() {
    stub = StubWebhook.negotiating("{\"include\":[\"example.com\",\".example.org\"],\"exclude\":[\"dev.example.com\"]}",
        (request, reply) -> reply.mediaType().write("""
            [{"dnsName":"app.example.com","recordType":"A","targets":["192.0.2.1"]},
             {"dnsName":"x.dev.example.com","recordType":"A","targets":["192.0.2.2"]},
             {"dnsName":"shop.example.org","recordType":"A","targets":["192.0.2.3"]},
             {"dnsName":"elsewhere.net","recordType":"A","targets":["192.0.2.4"]}]"""));
    WebhookProvider p = provider(stub.url());
    assertThat(p.zones()).extracting(Zone::name).containsExactly("example.com", "example.org");
    assertThat(p.records(p.zones().get(0))).extracting(Endpoint::dnsName).containsExactly("app.example.com");
    assertThat(p.records(p.zones().get(1))).extracting(Endpoint::dnsName).containsExactly("shop.example.org");
    stub.close();

    stub = StubWebhook.negotiating("{\"regexInclude\":\"example\\\\.com$\"}", (request, reply) -> {});
    assertThatThrownBy(provider(stub.url())::zones).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no zones: give --webhook-zone");
    assertThat(provider(stub.url(), "example.com", "example.net").zones()).containsExactly(EXAMPLE);
  }

  @Test
  void aRecordInANestedZoneBelongsToTheMostSpecificZone() {
    stub = StubWebhook.negotiating("{\"include\":[\"example.com\",\"eu.example.com\"]}", (request, reply) -> reply.write("""
        [{"dnsName":"app.eu.example.com","recordType":"A","targets":["192.0.2.1"]},
         {"dnsName":"app.example.com","recordType":"A","targets":["192.0.2.2"]}]"""));
    WebhookProvider p = provider(stub.url());
    assertThat(p.records(EXAMPLE)).extracting(Endpoint::dnsName).containsExactly("app.example.com");
    assertThat(p.records(new Zone("eu.example.com", "eu.example.com"))).extracting(Endpoint::dnsName)
        .containsExactly("app.eu.example.com");
  }

  @Test
  void testRecords() {
    WebhookProvider p = negotiated((request, reply) -> {
      assertThat(request.path()).isEqualTo("/records");
      reply.write("[{\"dnsName\" : \"test.example.com\", \"recordType\": \"A\"}, {\"dnsName\" : \"untyped.example.com\"}]");
    });
    assertThat(p.records(EXAMPLE)).containsExactly(Endpoint.of("test.example.com", "A", 0));
    assertThat(stub.requests.get(1).accept()).isEqualTo(WebhookApi.MEDIA_TYPE);
  }

  @Test
  void testRecordsWithErrors() {
    WebhookProvider p = negotiated((request, reply) -> reply.send(500, ""));
    assertThatThrownBy(() -> p.records(EXAMPLE)).isInstanceOf(RetryableProviderException.class)
        .hasMessageContaining("failed to get records with code 500");
  }

  @Test
  void testRecordsDecodeError() {
    WebhookProvider p = negotiated((request, reply) -> reply.write("invalid-json"));
    assertThatThrownBy(() -> p.records(EXAMPLE)).hasMessageContaining("records do not decode")
        .hasMessageContaining("Unrecognized token 'invalid'");
  }

  @Test
  void testRecordsNonOkStatusCode() {
    WebhookProvider p = negotiated((request, reply) -> reply.send(511, ""));
    assertThatThrownBy(() -> p.records(EXAMPLE)).isNotInstanceOf(RetryableProviderException.class)
        .hasMessageContaining("failed to get records with code 511");
  }

  @Test
  void testApplyChanges() {
    AtomicInteger status = new AtomicInteger(204);
    WebhookProvider p = negotiated((request, reply) -> {
      assertThat(request.path()).isEqualTo("/records");
      reply.send(status.get(), "");
    });
    assertThat(p.apply(EXAMPLE, Changes.NONE).failures()).isEmpty();
    status.set(500);
    assertThatThrownBy(() -> p.apply(EXAMPLE, Changes.NONE)).isInstanceOf(RetryableProviderException.class);
  }

  @Test
  void testApplyChangesStatusCodeError() {
    WebhookProvider p = negotiated((request, reply) -> reply.send(511, "no"));
    assertThatThrownBy(() -> p.apply(EXAMPLE, Changes.NONE)).isInstanceOf(BatchRefusedException.class)
        .hasMessageContaining("failed to apply changes with code 511: no");
  }

  @Test
  void aRefusalThatIsNotAServerErrorIsFinalAndAServerErrorSaysWhenToTryAgain() {
    WebhookProvider refused = negotiated((request, reply) -> reply.send(422, "RRSet of type A is not permitted"));
    assertThatThrownBy(() -> refused.apply(EXAMPLE, Changes.NONE)).isInstanceOf(BatchRefusedException.class)
        .hasMessageContaining("422: RRSet of type A is not permitted");
    stub.close();
    WebhookProvider throttled = negotiated((request, reply) -> reply.header("Retry-After", "7").send(503, ""));
    assertThatThrownBy(() -> throttled.apply(EXAMPLE, Changes.NONE)).isInstanceOfSatisfying(RetryableProviderException.class,
        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
  }

  @Test
  void testApplyChangesWithProviderSpecificProperty() {
    WebhookProvider p = negotiated((request, reply) -> reply.send(204, ""));
    Endpoint e = new Endpoint("test.example.com", "A", List.of(), 10, "", Map.of(), Map.of("prop1", "value1", "webhook/tags", "a,b"));
    p.apply(EXAMPLE, new Changes.Builder().create(e).build());
    StubWebhook.Request post = stub.requests.get(1);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.contentType()).isEqualTo(WebhookApi.MEDIA_TYPE);
    assertThat(post.body()).contains("\"providerSpecific\":[{\"name\":\"prop1\",\"value\":\"value1\"},{\"name\":\"webhook/tags\",\"value\":\"a,b\"}]")
        .contains("\"create\":[{\"dnsName\":\"test.example.com\",\"targets\":[],\"recordType\":\"A\",\"recordTTL\":10");
  }

  @Test
  void testAdjustEndpoints() {
    WebhookProvider p = negotiated((request, reply) -> {
      assertThat(request.path()).isEqualTo("/adjustendpoints");
      assertThat(request.contentType()).isEqualTo(WebhookApi.MEDIA_TYPE);
      reply.mediaType().write(request.body().replace("\"recordTTL\":10", "\"recordTTL\":0"));
    });
    Endpoint e = Endpoint.of("test.example.com", "A", 10, "192.0.2.1");
    assertThat(p.adjust(List.of(e))).containsExactly(e.withTtl(0));
  }

  @Test
  void testAdjustendpointsWithError() {
    WebhookProvider p = negotiated((request, reply) -> reply.send(500, ""));
    assertThatThrownBy(() -> p.adjust(List.of(Endpoint.of("test.example.com", "A", 10))))
        .isInstanceOf(RetryableProviderException.class);
  }

  @Test
  void testAdjustEndpointsNonOkStatusCode() {
    WebhookProvider p = negotiated((request, reply) -> reply.send(511, ""));
    assertThatThrownBy(() -> p.adjust(List.of(Endpoint.of("test.example.com", "A", 10))))
        .hasMessageContaining("failed to AdjustEndpoints with code 511");
  }

  @Test
  void testAdjustEndpointsDecodeError() {
    WebhookProvider p = negotiated((request, reply) -> reply.mediaType().write("invalid-json"));
    assertThatThrownBy(() -> p.adjust(List.of(Endpoint.of("test.example.com", "A", 10))))
        .hasMessageContaining("Unrecognized token 'invalid'");
  }

  @Test
  void testRequestWithRetryServerErrorRetried() {
    AtomicInteger attempts = new AtomicInteger();
    stub = new StubWebhook((request, reply) -> {
      if (attempts.incrementAndGet() < 3) {
        reply.send(500, "");
      } else {
        reply.mediaType().write("{\"include\":[\"example.com\"]}");
      }
    });
    assertThat(provider(stub.url()).zones()).containsExactly(EXAMPLE);
    assertThat(attempts).hasValue(3);
    assertThat(pauses).hasSize(2);
  }

  @Test
  void aFailedNegotiationIsTriedAgainOnTheNextUse() {
    AtomicInteger status = new AtomicInteger(503);
    stub = new StubWebhook((request, reply) -> {
      if (status.get() != 200) {
        reply.send(status.get(), "");
      } else {
        reply.mediaType().write("{\"include\":[\"example.com\"]}");
      }
    });
    WebhookProvider p = provider(stub.url());
    assertThatThrownBy(p::zones).hasMessageContaining("server error: status code 503");
    status.set(200);
    assertThat(p.zones()).containsExactly(EXAMPLE);
  }

  @Test
  void aResponseOverTheCapIsNotRead() {
    String big = "[" + "{\"dnsName\":\"a.example.com\",\"recordType\":\"A\"},".repeat(800_000) + "{}]";
    WebhookProvider p = negotiated((request, reply) -> reply.write(big));
    assertThatThrownBy(() -> p.records(EXAMPLE)).isInstanceOf(RetryableProviderException.class)
        .hasMessageContaining("larger than 32 MiB");
  }

  @Test
  void durationsAreTakenAsExternalDnsWritesThem() {
    assertThat(io.dnsplane.runtime.GoDuration.parse("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(io.dnsplane.runtime.GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(io.dnsplane.runtime.GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(io.dnsplane.runtime.GoDuration.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(() -> io.dnsplane.runtime.GoDuration.parse("5 seconds")).hasMessageContaining("not a duration");
  }
}
