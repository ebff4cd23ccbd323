package io.dnsplane.applier.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.fakes.cloudflare.CloudflareFake;
import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudflareProviderTest {
  private static final String TOKEN = "s3cret-token";
  private CloudflareFake fake;
  private String zoneId;
  private Zone zone;

  @BeforeEach
  void start() throws Exception {
    fake = CloudflareFake.start(TOKEN);
    zoneId = fake.addZone("example.com");
    zone = new Zone(zoneId, "example.com");
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private DnsProvider provider(String... args) {
    return provider(RequestBudget.UNLIMITED, args);
  }

  private DnsProvider provider(RequestBudget budget, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "--cloudflare-api-url=" + fake.apiUrl();
    System.arraycopy(args, 0, all, 1, args.length);
    return new CloudflareProviderFactory(Map.of("CF_API_TOKEN", TOKEN)).create(all, budget);
  }

  private static Endpoint a(String name, String... ips) {
    return new Endpoint(name, "A", List.of(ips), 0, "", Map.of(), Map.of());
  }

  @Test
  void recordsAreListedPageByPageAndGroupedByNameAndType() {
    for (int i = 0; i < 250; i++) {
      fake.putRecord(zoneId, "host" + (i % 100) + ".example.com", "A", "192.0.2." + i, 300);
    }
    try (DnsProvider p = provider("--cloudflare-dns-records-per-page=100")) {
      List<Endpoint> records = p.records(zone);
      assertThat(fake.calls("ListRecords")).isEqualTo(3);
      assertThat(records).hasSize(100);
      assertThat(records.stream().filter(e -> e.dnsName().equals("host1.example.com")).findFirst().orElseThrow().targets())
          .containsExactlyInAnyOrder("192.0.2.1", "192.0.2.101", "192.0.2.201");
    }
    assertThatThrownBy(() -> provider("--cloudflare-dns-records-per-page=5001")).hasMessageContaining("5000");
  }

  @Test
  void zonesArePagedAndFilteredAsExternalDnsFilters() {
    for (int i = 0; i < 59; i++) {
      fake.addZone("z" + i + ".example.org");
    }
    try (DnsProvider p = provider()) {
      assertThat(p.zones()).hasSize(60);
      assertThat(fake.calls("ListZones")).isEqualTo(2); // 50 per page
    }
    try (DnsProvider p = provider("--domain-filter=example.com")) {
      assertThat(p.zones()).extracting(Zone::id).containsExactly(zoneId);
    }
    try (DnsProvider p = provider("--zone-id-filter=" + zoneId)) {
      assertThat(p.zones()).extracting(Zone::name).containsExactly("example.com");
    }
    try (DnsProvider p = provider("--exclude-domains=example.org")) {
      assertThat(p.zones()).extracting(Zone::name).containsExactly("example.com");
    }
  }

  @Test
  void anUpdateTouchesOnlyTheTargetsThatChanged() {
    try (DnsProvider p = provider()) {
      ApplyOutcome created = p.apply(zone, new Changes.Builder().create(a("app.example.com", "192.0.2.10", "192.0.2.20")).build());
      List<String> idsBefore = fake.records(zoneId).stream().map(r -> r.path("id").asText()).toList();
      // Cloudflare has no change id: the audit log gets the ids of the records a change touched.
      assertThat(created.providerChangeId()).hasValueSatisfying(ids ->
          assertThat(ids.split(",")).containsExactlyInAnyOrderElementsOf(idsBefore));
      Endpoint old = p.records(zone).get(0);
      ApplyOutcome updated = p.apply(zone, new Changes.Builder().update(old, a("app.example.com", "192.0.2.10", "192.0.2.30")).build());
      List<String> idsAfter = fake.records(zoneId).stream().map(r -> r.path("id").asText()).toList();
      assertThat(updated.providerChangeId().orElseThrow().split(",")).as("the deleted and the created record")
          .hasSize(2).contains(idsBefore.get(1)).containsAnyElementsOf(idsAfter);
      assertThat(fake.contents(zoneId, "app.example.com", "A")).containsExactly("192.0.2.10", "192.0.2.30");
      // 192.0.2.10 kept its record: one delete and one post, not a rewrite of the set.
      assertThat(fake.records(zoneId).stream().map(r -> r.path("id").asText()).toList()).contains(idsBefore.get(0));
      assertThat(fake.calls("Batch")).isEqualTo(2);
    }
  }

  @Test
  void proxiedFollowsTheFlagAndTheAnnotationAndIsListedForEveryProxiableRecord() {
    try (DnsProvider p = provider("--cloudflare-proxied")) {
      Endpoint notProxied = new Endpoint("direct.example.com", "A", List.of("192.0.2.1"), 300, "", Map.of(),
          Map.of(CloudflareRecords.PROXIED, "false"));
      p.apply(zone, new Changes.Builder().create(a("web.example.com", "192.0.2.2")).create(notProxied)
          .create(Endpoint.of("a-web.example.com", "TXT", 0, "\"heritage=external-dns\"")).build());
      assertThat(fake.records(zoneId)).filteredOn(r -> r.path("name").asText().equals("web.example.com"))
          .singleElement().satisfies(r -> {
            assertThat(r.path("proxied").asBoolean()).isTrue();
            assertThat(r.path("ttl").asLong()).isEqualTo(1);
          });
      Map<String, Endpoint> listed = new java.util.HashMap<>();
      p.records(zone).forEach(e -> listed.put(e.dnsName(), e));
      assertThat(listed.get("web.example.com").providerSpecific()).containsEntry(CloudflareRecords.PROXIED, "true");
      assertThat(listed.get("direct.example.com").providerSpecific()).containsEntry(CloudflareRecords.PROXIED, "false");
      assertThat(p.capabilities()).contains(io.dnsplane.model.ProviderCapabilities.PROXIED_BY_DEFAULT);
      assertThat(listed.get("a-web.example.com").providerSpecific()).isEmpty(); // TXT cannot be proxied
    }
  }

  @Test
  void rateLimitIsRetryableWithRetryAfterAndAuthenticationIsNot() {
    try (DnsProvider p = provider()) {
      fake.failNext(1, 429);
      assertThatThrownBy(p::zones).isInstanceOfSatisfying(RetryableProviderException.class,
          e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(1)));
      fake.failNext(1, 503);
      assertThatThrownBy(() -> p.records(zone)).isInstanceOf(RetryableProviderException.class);
      fake.rateLimit(2, 60_000);
      p.zones();
      p.zones();
      assertThatThrownBy(p::zones).isInstanceOf(RetryableProviderException.class).hasMessageContaining("971");
    }
    try (DnsProvider wrongToken = new CloudflareProviderFactory(Map.of("CF_API_TOKEN", "wrong"))
        .create(new String[] {"--cloudflare-api-url=" + fake.apiUrl()}, RequestBudget.UNLIMITED)) {
      fake.rateLimit(1200, 300_000);
      assertThatThrownBy(wrongToken::zones).isInstanceOf(BatchRefusedException.class).hasMessageContaining("10000")
          .hasMessageNotContaining("wrong");
    }
    assertThatThrownBy(() -> new CloudflareProviderFactory(Map.of()).create(new String[0], RequestBudget.UNLIMITED))
        .hasMessageContaining("CF_API_TOKEN");
  }

  @Test
  void aBatchLargerThanOneCallFallsBackToSingleRecordsWhereAChunkIsRefused() {
    fake.putRecord(zoneId, "taken.example.com", "CNAME", "elsewhere.example.net", 300);
    try (DnsProvider p = provider("--batch-change-size=2")) {
      p.records(zone);
      Endpoint bad = a("taken.example.com", "192.0.2.9"); // an A beside a CNAME: refused
      Changes changes = new Changes.Builder().create(a("one.example.com", "192.0.2.1", "192.0.2.2"))
          .update(Endpoint.of("x.example.com", "A", 0, "192.0.2.1"), bad)
          .create(a("two.example.com", "192.0.2.3")).build();
      assertThat(p.fitsOneCall(changes)).isFalse();
      ApplyOutcome outcome = p.apply(zone, changes);
      assertThat(outcome.failures()).extracting(f -> f.endpoint().dnsName()).containsExactly("taken.example.com");
      assertThat(outcome.failures().get(0).reason()).contains("81053");
      assertThat(fake.contents(zoneId, "one.example.com", "A")).containsExactly("192.0.2.1", "192.0.2.2");
      assertThat(fake.contents(zoneId, "two.example.com", "A")).containsExactly("192.0.2.3");
    }
  }

  @Test
  void everyRequestSpendsTheBudgetAndCarriesTheToken() {
    AtomicInteger spent = new AtomicInteger();
    try (DnsProvider p = provider(spent::incrementAndGet)) {
      p.zones();
      p.records(zone);
      p.apply(zone, new Changes.Builder().create(a("app.example.com", "192.0.2.1")).build());
    }
    assertThat(spent.get()).isEqualTo(fake.calls().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
  }
}
