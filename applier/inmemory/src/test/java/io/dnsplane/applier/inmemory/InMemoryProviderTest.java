package io.dnsplane.applier.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The in-memory provider applies changes idempotently and answers real DNS queries (dnsjava and dig). */
class InMemoryProviderTest {
  private static final Zone EXAMPLE = new Zone("example.com", "example.com");
  private static InMemoryProvider provider;
  private static DnsServer server;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("example.com.zone");
    Files.writeString(file, """
        $ORIGIN example.com.
        $TTL 300
        @       IN SOA  ns1.example.com. hostmaster.example.com. 1 3600 600 86400 60
        @       IN NS   ns1.example.com.
        legacy  IN A    198.51.100.1
        """);
    provider = new InMemoryProvider(List.of(ZoneFiles.load(file), ZoneFiles.empty("example.org")));
    server = DnsServer.start(provider, InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Message query(String name, int type, boolean tcp) throws IOException {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getByName("127.0.0.1"));
    resolver.setPort(server.port());
    resolver.setTCP(tcp);
    resolver.setTimeout(Duration.ofSeconds(3));
    return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, 1)));
  }

  private static List<String> answers(String name, int type, boolean tcp) throws IOException {
    return query(name, type, tcp).getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
  }

  @Test
  void listsZonesAndTheirRecords() {
    assertThat(provider.zones()).containsExactly(EXAMPLE, new Zone("example.org", "example.org"));
    assertThat(provider.records(EXAMPLE)).extracting(Endpoint::toString)
        .contains("legacy.example.com 300 A 198.51.100.1");
  }

  @Test
  void createsUpdatesAndDeletesWhatDnsThenAnswers() throws IOException {
    Endpoint app = Endpoint.of("app.example.com", "A", 60, "192.0.2.10");
    Endpoint txt = Endpoint.of("a-app.example.com", "TXT", 60, "\"heritage=external-dns,external-dns/owner=a\"");
    ApplyOutcome created = provider.apply(EXAMPLE, new Changes.Builder().create(app).create(txt).build());
    assertThat(created.failures()).isEmpty();
    assertThat(answers("app.example.com", Type.A, false)).containsExactly("192.0.2.10");
    assertThat(answers("a-app.example.com", Type.TXT, true)).containsExactly("\"heritage=external-dns,external-dns/owner=a\"");

    Endpoint moved = Endpoint.of("app.example.com", "A", 60, "192.0.2.11", "192.0.2.12");
    provider.apply(EXAMPLE, new Changes.Builder().update(app, moved).build());
    assertThat(answers("app.example.com", Type.A, true)).containsExactlyInAnyOrder("192.0.2.11", "192.0.2.12");

    provider.apply(EXAMPLE, new Changes.Builder().delete(moved).delete(txt).build());
    assertThat(query("app.example.com", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void reApplyingABatchIsHarmless() {
    Endpoint api = Endpoint.of("api.example.com", "CNAME", 0, "lb.example.net");
    Changes batch = new Changes.Builder().create(api).build();
    provider.apply(EXAMPLE, batch);
    assertThat(provider.apply(EXAMPLE, batch).failures()).isEmpty();
    assertThat(provider.records(EXAMPLE)).extracting(Endpoint::toString).contains("api.example.com 300 CNAME lb.example.net");
    Changes delete = new Changes.Builder().delete(api).build();
    provider.apply(EXAMPLE, delete);
    assertThat(provider.apply(EXAMPLE, delete).failures()).isEmpty();
  }

  @Test
  void aBadChangeRefusesTheWholeBatchSoARecordAndItsTxtNeverLandApart() {
    Endpoint good = Endpoint.of("good.example.com", "A", 0, "192.0.2.1");
    Endpoint goodTxt = Endpoint.of("a-good.example.com", "TXT", 0, "\"heritage=external-dns,external-dns/owner=a\"");
    Endpoint outside = Endpoint.of("www.example.net", "A", 0, "192.0.2.2");
    Endpoint badIp = Endpoint.of("bad.example.com", "A", 0, "not-an-ip");
    assertThatThrownBy(() -> provider.apply(EXAMPLE,
        new Changes.Builder().create(outside).create(badIp).create(good).create(goodTxt).build()))
        .isInstanceOf(BatchRefusedException.class)
        .hasMessageContaining("batch refused, nothing applied").hasMessageContaining("www.example.net")
        .hasMessageContaining("bad.example.com");
    assertThat(provider.records(EXAMPLE)).extracting(Endpoint::dnsName).doesNotContain("good.example.com", "a-good.example.com");
  }

  @Test
  void aCreateNeverOverwritesADifferentRecordSet() throws IOException {
    Endpoint clobber = Endpoint.of("legacy.example.com", "A", 0, "192.0.2.40");
    Endpoint txt = Endpoint.of("a-legacy.example.com", "TXT", 0, "\"heritage=external-dns,external-dns/owner=b\"");
    assertThatThrownBy(() -> provider.apply(EXAMPLE, new Changes.Builder().create(clobber).create(txt).build()))
        .isInstanceOf(BatchRefusedException.class).hasMessageContaining("never overwrites");
    assertThat(answers("legacy.example.com", Type.A, false)).containsExactly("198.51.100.1");
    assertThat(query("a-legacy.example.com", Type.TXT, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void answersNxdomainWithTheSoaAndRefusesForeignZones() throws IOException {
    Message missing = query("missing.example.com", Type.A, false);
    assertThat(missing.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(missing.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
    assertThat(query("www.example.net", Type.A, false).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(answers("legacy.example.com", Type.A, false)).containsExactly("198.51.100.1");
  }

  @Test
  void digSeesTheRecords() throws Exception {
    provider.apply(EXAMPLE, new Changes.Builder().create(Endpoint.of("dig.example.com", "A", 0, "192.0.2.99")).build());
    assertThat(dig("dig.example.com", "A")).isEqualTo("192.0.2.99");
    assertThat(dig("legacy.example.com", "A", "+tcp")).isEqualTo("198.51.100.1");
  }

  /** Runs the real dig (Debian's bind9-dnsutils, installed by .ci/run); a missing dig fails the test. */
  private static String dig(String name, String type, String... extra) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("dig", "@127.0.0.1", "-p", Integer.toString(server.port()),
        name, type, "+short", "+time=2", "+tries=1"));
    command.addAll(List.of(extra));
    Process dig = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(dig.waitFor(10, TimeUnit.SECONDS)).isTrue();
    try (InputStream out = dig.getInputStream()) {
      return new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
  }
}
