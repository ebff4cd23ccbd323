package io.dnsplane.applier.pdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.fakes.servers.PowerDns;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/** The PowerDNS provider against a real pdns_server: what it writes is what DNS answers. */
class PdnsProviderTest {
  private static final String OWNER_TXT = "\"heritage=external-dns,external-dns/owner=cluster-a,external-dns/resource=ingress/default/app\"";

  @TempDir
  static Path dir;

  static PowerDns server;
  static DnsProvider provider;
  static Zone com;

  @BeforeAll
  static void start() {
    server = PowerDns.start(dir, "test-key");
    server.createZone("example.com");
    server.createZone("example.org");
    server.createZone("other.net");
    provider = provider("--pdns-api-key=test-key", "--domain-filter=example.com", "--domain-filter=example.org");
    com = provider.zones().stream().filter(z -> z.name().equals("example.com")).findFirst().orElseThrow();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static DnsProvider provider(String... more) {
    List<String> args = new ArrayList<>(List.of("--pdns-server=" + server.apiUrl()));
    args.addAll(List.of(more));
    return new PdnsProviderFactory(Map.of()).create(args.toArray(String[]::new), RequestBudget.UNLIMITED);
  }

  private static List<String> dig(String name, int type) throws Exception {
    return io.dnsplane.applier.core.DnsAnswers.of(server.dnsPort(), name, type);
  }

  @Test
  void recordsWithTheirOwnershipAreAnsweredOverDnsAndUpdatesAndDeletesToo() throws Exception {
    Endpoint a = Endpoint.of("app.example.com", "A", 60, "192.0.2.10", "192.0.2.20");
    Endpoint txt = Endpoint.of("a-app.example.com", "TXT", 0, OWNER_TXT);
    Endpoint cname = Endpoint.of("www.example.com", "CNAME", 0, "lb.example.net");
    Endpoint mx = Endpoint.of("example.com", "MX", 300, "10 mail.example.com");
    Endpoint srv = Endpoint.of("_pg._tcp.example.com", "SRV", 300, "0 50 5432 db.example.com");
    provider.apply(com, new Changes.Builder().create(a).create(txt).create(cname).create(mx).create(srv).build());

    assertThat(dig("app.example.com", Type.A)).containsExactly("60 192.0.2.10", "60 192.0.2.20");
    assertThat(dig("a-app.example.com", Type.TXT)).containsExactly("300 " + OWNER_TXT); // TTL 0: PowerDNS default 300
    assertThat(dig("www.example.com", Type.CNAME)).containsExactly("300 lb.example.net.");
    assertThat(dig("example.com", Type.MX)).containsExactly("300 10 mail.example.com.");
    assertThat(dig("_pg._tcp.example.com", Type.SRV)).containsExactly("300 0 50 5432 db.example.com.");
    // Listed back as they were written.
    assertThat(provider.records(com)).contains(a, txt.withTtl(300), cname.withTtl(300), mx, srv);

    Endpoint moved = a.withTargets(List.of("192.0.2.30"));
    provider.apply(com, new Changes.Builder().update(a, moved).build());
    assertThat(dig("app.example.com", Type.A)).containsExactly("60 192.0.2.30");

    provider.apply(com, new Changes.Builder().delete(moved).delete(txt.withTtl(300)).delete(cname).delete(mx).delete(srv).build());
    assertThat(dig("app.example.com", Type.A)).isEmpty();
    assertThat(dig("a-app.example.com", Type.TXT)).isEmpty();
    assertThat(dig("www.example.com", Type.CNAME)).isEmpty();
  }

  @Test
  void theDomainFilterScopesTheZones() {
    assertThat(provider.zones()).extracting(Zone::name).containsExactlyInAnyOrder("example.com", "example.org");
    assertThat(provider("--pdns-api-key=test-key").zones()).extracting(Zone::name)
        .containsExactlyInAnyOrder("example.com", "example.org", "other.net");
  }

  @Test
  void aWrongKeyIsRefusedWithAMessageSayingSo() {
    DnsProvider wrong = provider("--pdns-api-key=not-the-key");
    assertThatThrownBy(wrong::zones).isInstanceOf(PdnsErrors.KeyRefused.class)
        .hasMessageContaining("PowerDNS refused the API key (HTTP 401")
        .hasMessageContaining("check --pdns-api-key or --pdns-api-key-file");
    assertThatThrownBy(() -> provider()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs its API key: --pdns-api-key, --pdns-api-key-file or PDNS_API_KEY");
  }

  @Test
  void theKeyComesFromAFileOrTheEnvironmentToo(@TempDir Path keys) throws Exception {
    Path file = java.nio.file.Files.writeString(keys.resolve("key"), "test-key\n");
    assertThat(provider("--pdns-api-key-file=" + file).zones()).isNotEmpty();
    DnsProvider fromEnv = new PdnsProviderFactory(Map.of("PDNS_API_KEY", "test-key"))
        .create(new String[] {"--pdns-server=" + server.apiUrl()}, RequestBudget.UNLIMITED);
    assertThat(fromEnv.zones()).isNotEmpty();
  }

  @Test
  void whatPowerDnsRefusesRefusesTheWholeCallInItsWords() throws Exception {
    provider.apply(com, new Changes.Builder().create(Endpoint.of("taken.example.com", "A", 300, "192.0.2.1")).build());
    // A CNAME beside other data at one name: PowerDNS answers 422 and applies nothing of the PATCH.
    assertThatThrownBy(() -> provider.apply(com, new Changes.Builder()
        .create(Endpoint.of("fine.example.com", "A", 300, "192.0.2.2"))
        .update(Endpoint.of("taken.example.com", "A", 300, "192.0.2.1"), Endpoint.of("taken.example.com", "A", 300, "192.0.2.3"))
        .create(Endpoint.of("taken.example.com", "CNAME", 300, "elsewhere.example.net")).build()))
        .isInstanceOf(BatchRefusedException.class).hasMessageContaining("HTTP 422").hasMessageContaining("CNAME");
    assertThat(dig("fine.example.com", Type.A)).isEmpty();
    assertThat(dig("taken.example.com", Type.A)).containsExactly("300 192.0.2.1");
  }

  @Test
  void weightedRecordsAreRefusedClearly() {
    Endpoint weighted = new Endpoint("w.example.com", "A", List.of("192.0.2.1"), 300, "cluster-a", Map.of(), Map.of());
    assertThatThrownBy(() -> provider.apply(com, new Changes.Builder().create(weighted).build()))
        .isInstanceOf(BatchRefusedException.class).hasMessageContaining("no weighted or set-identified records");
  }

  @Test
  void aServerThatDoesNotAnswerIsRetryable() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    DnsProvider down = new PdnsProviderFactory(Map.of()).create(new String[] {"--pdns-server=http://127.0.0.1:" + closed,
        "--pdns-api-key=k"}, RequestBudget.UNLIMITED);
    assertThatThrownBy(down::zones).isInstanceOf(RetryableProviderException.class).hasMessageContaining("listing zones");
  }

  @Test
  void badFlagsAreRefused() {
    assertThatThrownBy(() -> new PdnsProviderFactory(Map.of()).create(new String[] {"--pdns-api-key=k",
        "--pdns-server=ftp://x"}, RequestBudget.UNLIMITED)).hasMessageContaining("--pdns-server must be an http or https URL");
  }
}
