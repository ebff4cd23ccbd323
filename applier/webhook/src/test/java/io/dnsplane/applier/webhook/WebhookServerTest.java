package io.dnsplane.applier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.applier.inmemory.InMemoryProvider;
import io.dnsplane.applier.inmemory.ZoneFiles;
import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * dnsplane's webhook server in front of the in-memory provider, spoken to as ExternalDNS's client
 * speaks to it: the request and response examples of api/webhook.yaml and the cases of
 * provider/webhook/api/httpapi_test.go, each named after its Go test. Differences, on purpose: a
 * change the provider refuses answers 422 (ExternalDNS's server: 500, which its client retries
 * forever), a failing provider 503 when trying again may help; unknown paths 404 (Go: negotiation).
 */
class WebhookServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Integer> calls = new ArrayList<>();
  private final List<Changes> applied = new ArrayList<>();
  private InMemoryProvider inMemory;
  private WebhookServer server;
  private RuntimeException failWith;
  private int changesPerCall = Integer.MAX_VALUE;

  /** The in-memory provider, able to fail or to take few changes a call, and counting calls. */
  private final class Behind implements DnsProvider {
    @Override
    public String name() {
      return "inmemory";
    }

    @Override
    public List<Zone> zones() {
      return inMemory.zones();
    }

    @Override
    public List<Endpoint> records(Zone zone) {
      if (failWith != null) {
        throw failWith;
      }
      return inMemory.records(zone);
    }

    @Override
    public ApplyOutcome apply(Zone zone, Changes changes) {
      if (failWith != null) {
        throw failWith;
      }
      calls.add(changes.create().size() + changes.updateNew().size() + changes.delete().size());
      applied.add(changes);
      return inMemory.apply(zone, changes);
    }

    @Override
    public boolean fitsOneCall(Changes changes) {
      return changes.create().size() + changes.updateNew().size() + changes.delete().size() <= changesPerCall;
    }

    @Override
    public List<Endpoint> adjust(List<Endpoint> desired) {
      if (failWith != null) {
        throw failWith;
      }
      return desired.stream().map(e -> e.ttl() == 0 ? e.withTtl(300) : e).toList();
    }
  }

  @BeforeEach
  void start() throws Exception {
    inMemory = new InMemoryProvider(List.of(ZoneFiles.empty("bar.com"), ZoneFiles.empty("example.com")));
    server = WebhookServer.start(new Behind(), "127.0.0.1:0");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + server.address() + path))
        .header("Accept", WebhookApi.MEDIA_TYPE)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", WebhookApi.MEDIA_TYPE);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String contentType(HttpResponse<String> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  @Test
  void testNegotiateHandlerSuccess() throws Exception {
    HttpResponse<String> response = send("GET", "/", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).isEqualTo(WebhookApi.MEDIA_TYPE);
    assertThat(response.body()).isEqualTo("{\"include\":[\"bar.com\",\"example.com\"]}");
  }

  @Test
  void testRecordsHandlerRecords() throws Exception {
    inMemory.apply(new Zone("example.com", "example.com"), new Changes.Builder()
        .create(Endpoint.of("test.example.com", "A", 10, "1.2.3.4")).build());
    HttpResponse<String> response = send("GET", "/records", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).isEqualTo(WebhookApi.MEDIA_TYPE);
    // The API document's example of a listing, among the zones' SOA and NS records.
    assertThat(response.body()).contains("{\"dnsName\":\"test.example.com\",\"targets\":[\"1.2.3.4\"],\"recordType\":\"A\",\"recordTTL\":10}");
  }

  @Test
  void testRecordsHandlerRecordsWithErrors() throws Exception {
    failWith = new IllegalStateException("the provider broke");
    HttpResponse<String> response = send("GET", "/records", null);
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("the provider broke");

    failWith = new RetryableProviderException("Throttling: Rate exceeded", null, java.util.Optional.of(java.time.Duration.ofSeconds(2)));
    response = send("GET", "/records", null);
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("2");
  }

  @Test
  void testRecordsHandlerApplyChangesWithBadRequest() throws Exception {
    assertThat(send("POST", "/records", null).statusCode()).isEqualTo(400);
    HttpResponse<String> notJson = send("POST", "/records", "{not json");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("not JSON");
  }

  @Test
  void testRecordsHandlerApplyChangesWithValidRequest() throws Exception {
    // The API document's example, with a target: an A record with none is not a record to create.
    HttpResponse<String> response = send("POST", "/records",
        "{\"create\":[{\"dnsName\":\"test.example.com\",\"recordTTL\":10,\"recordType\":\"A\",\"targets\":[\"1.2.3.4\"]}]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(inMemory.records(new Zone("example.com", "example.com")))
        .contains(Endpoint.of("test.example.com", "A", 10, "1.2.3.4"));
  }

  @Test
  void testRecordsHandlerApplyChangesWithErrors() throws Exception {
    send("POST", "/records", "{\"create\":[{\"dnsName\":\"foo.bar.com\",\"recordType\":\"A\",\"targets\":[\"192.0.2.1\"]}]}");
    HttpResponse<String> refused = send("POST", "/records",
        "{\"create\":[{\"dnsName\":\"foo.bar.com\",\"recordType\":\"A\",\"targets\":[\"192.0.2.2\"]}]}");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("foo.bar.com A: refused by the provider");

    failWith = new RetryableProviderException("503 from the vendor");
    HttpResponse<String> retry = send("POST", "/records",
        "{\"create\":[{\"dnsName\":\"new.bar.com\",\"recordType\":\"A\",\"targets\":[\"192.0.2.3\"]}]}");
    assertThat(retry.statusCode()).isEqualTo(503);
  }

  @Test
  void testRecordsHandlerWithWrongHttpMethod() throws Exception {
    assertThat(send("PUT", "/records", "{}").statusCode()).isEqualTo(400);
  }

  @Test
  void testRecordsHandlerWithMixedCase() throws Exception {
    HttpResponse<String> response = send("POST", "/records", """
        {"Create":[{"dnsName":"foo.bar.com","recordType":"A","targets":["192.0.2.1"]}],"updateOld":[],"updateNew":[],"Delete":[]}""");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(inMemory.records(new Zone("bar.com", "bar.com"))).extracting(Endpoint::dnsName).contains("foo.bar.com");
  }

  @Test
  void goSendsNilChangesAsNull() throws Exception {
    assertThat(send("POST", "/records", "null").statusCode()).isEqualTo(204);
  }

  @Test
  void testAdjustEndpointsHandlerWithInvalidRequest() throws Exception {
    assertThat(send("POST", "/adjustendpoints", null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/adjustendpoints", null).statusCode()).isEqualTo(400);
  }

  @Test
  void testAdjustEndpointsHandlerWithValidRequest() throws Exception {
    // The API document's example: the provider's adjustment (here: a default TTL) comes back.
    HttpResponse<String> response = send("POST", "/adjustendpoints",
        "[{\"dnsName\":\"test.example.com\",\"recordTTL\":0,\"recordType\":\"A\",\"targets\":[\"1.2.3.4\"]}]");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).isEqualTo(WebhookApi.MEDIA_TYPE);
    assertThat(response.body()).isEqualTo("[{\"dnsName\":\"test.example.com\",\"targets\":[\"1.2.3.4\"],\"recordType\":\"A\",\"recordTTL\":300}]");
  }

  @Test
  void testAdjustEndpointsHandlerWithError() throws Exception {
    failWith = new IllegalStateException("cannot adjust");
    assertThat(send("POST", "/adjustendpoints", "[]").statusCode()).isEqualTo(500);
  }

  @Test
  void unknownPathsAreNotFound() throws Exception {
    assertThat(send("GET", "/applychanges", null).statusCode()).isEqualTo(404);
  }

  @Test
  void changesAreSplitByZoneAndIntoCallsTheProviderTakesAndNamesOutsideItsZonesAreSkipped() throws Exception {
    changesPerCall = 2;
    HttpResponse<String> response = send("POST", "/records", """
        {"create":[
          {"dnsName":"a.example.com","recordType":"A","targets":["192.0.2.1"]},
          {"dnsName":"b.example.com","recordType":"A","targets":["192.0.2.2"]},
          {"dnsName":"c.example.com","recordType":"A","targets":["192.0.2.3"]},
          {"dnsName":"x.bar.com","recordType":"A","targets":["192.0.2.4"]},
          {"dnsName":"elsewhere.net","recordType":"A","targets":["192.0.2.5"]}]}""");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(calls).containsExactly(2, 1, 1); // example.com in two calls, bar.com in one, elsewhere.net in none
    assertThat(inMemory.records(new Zone("example.com", "example.com"))).extracting(Endpoint::dnsName)
        .contains("a.example.com", "b.example.com", "c.example.com");
  }

  @Test
  void aZonesChangesThatFitOneCallGoAllOrNothing() throws Exception {
    send("POST", "/records", "{\"create\":[{\"dnsName\":\"taken.example.com\",\"recordType\":\"A\",\"targets\":[\"192.0.2.1\"]}]}");
    HttpResponse<String> response = send("POST", "/records", """
        {"create":[
          {"dnsName":"new.example.com","recordType":"A","targets":["192.0.2.2"]},
          {"dnsName":"taken.example.com","recordType":"A","targets":["192.0.2.3"]}]}""");
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("new.example.com A", "taken.example.com A");
    assertThat(inMemory.records(new Zone("example.com", "example.com"))).extracting(Endpoint::dnsName)
        .doesNotContain("new.example.com");
  }

  @Test
  void providerSpecificPropertiesReachTheProvider() throws Exception {
    HttpResponse<String> response = send("POST", "/records", """
        {"create":[{"dnsName":"tagged.example.com","recordType":"A","targets":["192.0.2.7"],
          "providerSpecific":[{"name":"webhook/tags","value":"a,b"},{"name":"aws/weight","value":"10"}]}]}""");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(applied).singleElement().satisfies(c -> assertThat(c.create()).singleElement()
        .satisfies(e -> assertThat(e.providerSpecific()).containsEntry("webhook/tags", "a,b").containsEntry("aws/weight", "10")));
  }
}
