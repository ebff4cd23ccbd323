package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.inmemory.InMemoryProvider;
import io.dnsplane.applier.inmemory.ZoneFiles;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.applier.webhook.WebhookServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An applier of {@code --provider=webhook} (its own process, as deployed) whose webhook provider
 * is not up when it starts: it says so, stays unready and applies nothing, keeps trying, and once
 * the provider answers it announces the provider's zones and applies to them. Beside it, local
 * mode's own applier runs --provider=webhook in front of the in-memory provider.
 */
class WebhookIT {
  @TempDir
  Path stateDir;

  private LocalPipeline pipeline;
  private Process lateApplier;
  private WebhookServer lateServer;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws InterruptedException {
    if (lateApplier != null) {
      lateApplier.destroy();
      lateApplier.waitFor(20, TimeUnit.SECONDS);
    }
    if (lateServer != null) {
      lateServer.close();
    }
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private int readyz(int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Test
  void anApplierWhoseWebhookIsDownAtStartSaysSoAppliesNothingAndCatchesUpWhenItComesUp() throws Exception {
    pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3, Duration.ofSeconds(1),
        Duration.ofMinutes(10)).withProvider("webhook"));
    int webhookPort = freePort();
    int metricsPort = freePort();
    Path log = stateDir.resolve("applier-webhook-late.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    lateApplier = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "io.dnsplane.applier.ApplierMain", "--provider=webhook", "--applier-name=webhook-late", "--create-topics",
        "--topic-partitions=3", "--kafka-bootstrap-servers=" + pipeline.bootstrapServers(),
        "--metrics-address=127.0.0.1:" + metricsPort, "--webhook-provider-url=http://127.0.0.1:" + webhookPort)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Files.readString(log))
        .contains("webhook-late: cannot list the zones: cannot negotiate with the webhook provider at http://127.0.0.1:"
            + webhookPort).contains("not ready, applying nothing"));
    assertThat(readyz(metricsPort)).isEqualTo(503);

    // Local mode's own applier goes through its webhook meanwhile.
    Ingresses.create(pipeline.clusters().get("cluster-a").client(), "shop", "shop.example.org", "192.0.2.81");
    Ingresses.create(pipeline.clusters().get("cluster-a").client(), "blog", "blog.example.com", "192.0.2.82");
    Zone com = new Zone("example.com", "example.com");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(targets(pipeline.provider(), com, "blog.example.com"))
        .containsExactly("192.0.2.82"));

    InMemoryProvider late = new InMemoryProvider(List.of(ZoneFiles.empty("example.org")));
    lateServer = WebhookServer.start(late, "127.0.0.1:" + webhookPort);
    Zone org = new Zone("example.org", "example.org");
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      assertThat(targets(late, org, "shop.example.org")).containsExactly("192.0.2.81");
      assertThat(targets(late, org, "a-shop.example.org")).singleElement().asString().contains("external-dns/owner=cluster-a");
    });
    assertThat(readyz(metricsPort)).isEqualTo(200);
    assertThat(targets(pipeline.provider(), com, "shop.example.org")).isEmpty();
  }

  /** Change batches the planner sent the applier that touch {@code name}. */
  private int batchesFor(String applier, String name) {
    return io.dnsplane.schema.TopicSnapshot.read(pipeline.connection(), pipeline.topics().changes(applier), (k, v) -> v != null
        && java.util.stream.Stream.of(v.getCreate(), v.getUpdateNew(), v.getDelete()).flatMap(List::stream)
            .anyMatch(e -> e.getDnsName().equals(name))).size();
  }

  private static List<String> targets(InMemoryProvider provider, Zone zone, String name) {
    return provider.records(zone).stream().filter(e -> e.dnsName().equals(name)).flatMap(e -> e.targets().stream())
        .sorted().toList();
  }

  /**
   * The in-memory provider behind a webhook whose AdjustEndpoints raises every TTL to at least 60 s,
   * which keeps the provider-specific properties of what it holds (as a webhook provider storing
   * them, say as record comments, would), and counts its applies.
   */
  static final class MinimumTtl implements io.dnsplane.applier.spi.DnsProvider {
    final InMemoryProvider behind;
    final java.util.concurrent.atomic.AtomicInteger applies = new java.util.concurrent.atomic.AtomicInteger();
    final Map<String, Map<String, String>> properties = new java.util.concurrent.ConcurrentHashMap<>();
    /** Listings asked of it: the applier's drift checks. */
    final java.util.concurrent.atomic.AtomicInteger listings = new java.util.concurrent.atomic.AtomicInteger();

    MinimumTtl(InMemoryProvider behind) {
      this.behind = behind;
    }

    @Override
    public String name() {
      return "minimum-ttl";
    }

    @Override
    public List<Zone> zones() {
      return behind.zones();
    }

    @Override
    public List<io.dnsplane.model.Endpoint> records(Zone zone) {
      listings.incrementAndGet();
      return behind.records(zone).stream().map(e -> new io.dnsplane.model.Endpoint(e.dnsName(), e.recordType(), e.targets(),
          e.ttl(), e.setIdentifier(), e.labels(), properties.getOrDefault(key(e), Map.of()))).toList();
    }

    @Override
    public io.dnsplane.applier.spi.ApplyOutcome apply(Zone zone, io.dnsplane.model.Changes changes) {
      applies.incrementAndGet();
      changes.delete().forEach(e -> properties.remove(key(e)));
      changes.updateNew().forEach(e -> properties.put(key(e), e.providerSpecific()));
      changes.create().forEach(e -> properties.put(key(e), e.providerSpecific()));
      return behind.apply(zone, changes);
    }

    private static String key(io.dnsplane.model.Endpoint e) {
      return e.dnsName() + " " + e.recordType();
    }

    @Override
    public List<io.dnsplane.model.Endpoint> adjust(List<io.dnsplane.model.Endpoint> desired) {
      return desired.stream().map(e -> e.ttl() < 60 ? e.withTtl(60) : e).toList();
    }
  }

  @Test
  void whatTheWebhooksAdjustEndpointsRewritesIsPlannedOnAndNotUndoneAtEveryDriftCheckAndWebhookAnnotationsReachIt()
      throws Exception {
    pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3, Duration.ofSeconds(1),
        Duration.ofMinutes(10)));
    MinimumTtl provider = new MinimumTtl(new InMemoryProvider(List.of(ZoneFiles.empty("example.org"))));
    lateServer = WebhookServer.start(provider, "127.0.0.1:0");
    Path log = stateDir.resolve("applier-webhook-adjusting.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    lateApplier = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "io.dnsplane.applier.ApplierMain", "--provider=webhook", "--applier-name=webhook-adjusting", "--create-topics",
        "--topic-partitions=3", "--kafka-bootstrap-servers=" + pipeline.bootstrapServers(), "--drift-interval=PT2S",
        "--metrics-address=127.0.0.1:0", "--webhook-provider-url=http://" + lateServer.address())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();

    var cluster = pipeline.clusters().get("cluster-a").client();
    Ingresses.create(cluster, "shop", "shop.example.org", "192.0.2.81");
    cluster.network().v1().ingresses().inNamespace("default").withName("shop").edit(i -> {
      i.getMetadata().setAnnotations(Map.of("external-dns.alpha.kubernetes.io/ttl", "30",
          "external-dns.alpha.kubernetes.io/webhook-comment", "managed by dnsplane"));
      return i;
    });
    Zone org = new Zone("example.org", "example.org");
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(provider.records(org))
        .filteredOn(e -> e.dnsName().equals("shop.example.org")).singleElement()
        .satisfies(e -> {
          assertThat(e.ttl()).isEqualTo(60);
          // The webhook-* annotation reached the webhook provider as ExternalDNS's webhook/ property.
          assertThat(e.providerSpecific()).containsEntry("webhook/comment", "managed by dnsplane");
        }));
    int settled = provider.applies.get();
    int batches = batchesFor("webhook-adjusting", "shop.example.org");
    // Five drift checks later (one every 2 s): nothing has tried to set the TTL back to 30, neither batch nor call.
    int listed = provider.listings.get();
    await().atMost(Duration.ofSeconds(60)).until(() -> provider.listings.get() >= listed + 5);
    assertThat(batchesFor("webhook-adjusting", "shop.example.org")).as(Files.readString(log)).isEqualTo(batches);
    assertThat(provider.applies.get()).isEqualTo(settled);
    assertThat(provider.behind.records(org)).filteredOn(e -> e.dnsName().equals("shop.example.org")).singleElement()
        .satisfies(e -> assertThat(e.ttl()).isEqualTo(60));
  }
}
