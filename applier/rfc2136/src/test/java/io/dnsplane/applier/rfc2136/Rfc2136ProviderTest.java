package io.dnsplane.applier.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.fakes.servers.Rfc2136Server;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Type;

/** The RFC2136 provider against a real BIND 9 and a real Knot DNS: what it sends is what DNS answers. */
class Rfc2136ProviderTest {
  private static final Zone EXAMPLE = new Zone("example.com", "example.com");
  private static final String OWNER_TXT = "\"heritage=external-dns,external-dns/owner=cluster-a,external-dns/resource=ingress/default/app\"";

  @TempDir
  Path dir;

  private Rfc2136Server server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private DnsProvider start(Rfc2136Server.Kind kind, String... flags) {
    server = Rfc2136Server.start(kind, dir, List.of("example.com"), 0);
    return Rfc2136Servers.provider(server, flags);
  }

  private List<String> dig(String name, int type) throws Exception {
    return io.dnsplane.applier.core.DnsAnswers.of(server.port(), name, type);
  }

  @ParameterizedTest
  @EnumSource(Rfc2136Server.Kind.class)
  void createUpdateAndDeleteWithTheirOwnershipAreAnsweredOverDns(Rfc2136Server.Kind kind) throws Exception {
    DnsProvider provider = start(kind);
    Endpoint a = Endpoint.of("app.example.com", "A", 60, "192.0.2.10", "192.0.2.20");
    Endpoint txt = Endpoint.of("a-app.example.com", "TXT", 0, OWNER_TXT);
    Endpoint cname = Endpoint.of("www.example.com", "CNAME", 120, "lb.example.net");
    provider.apply(EXAMPLE, new Changes.Builder().create(a).create(txt).create(cname).build());

    assertThat(dig("app.example.com", Type.A)).as(server.log()).containsExactly("60 192.0.2.10", "60 192.0.2.20");
    assertThat(dig("a-app.example.com", Type.TXT)).containsExactly("300 " + OWNER_TXT);
    assertThat(dig("www.example.com", Type.CNAME)).containsExactly("120 lb.example.net.");
    assertThat(provider.records(EXAMPLE)).contains(a, txt.withTtl(300), cname);

    Endpoint moved = a.withTargets(List.of("192.0.2.30"));
    provider.apply(EXAMPLE, new Changes.Builder().update(a, moved).build());
    assertThat(dig("app.example.com", Type.A)).containsExactly("60 192.0.2.30");

    provider.apply(EXAMPLE, new Changes.Builder().delete(moved).delete(txt.withTtl(300)).delete(cname).build());
    assertThat(dig("app.example.com", Type.A)).isEmpty();
    assertThat(dig("a-app.example.com", Type.TXT)).isEmpty();
    assertThat(dig("www.example.com", Type.CNAME)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Rfc2136Server.Kind.class)
  void aRecordSetChangedBehindDnsplanesBackFailsThePrerequisiteAndNothingIsApplied(Rfc2136Server.Kind kind)
      throws Exception {
    DnsProvider provider = start(kind);
    Endpoint planned = Endpoint.of("app.example.com", "A", 300, "192.0.2.10");
    provider.apply(EXAMPLE, new Changes.Builder().create(planned).build());
    // Someone else moves it.
    provider.apply(EXAMPLE, new Changes.Builder().update(planned, planned.withTargets(List.of("203.0.113.5"))).build());

    assertThatThrownBy(() -> provider.apply(EXAMPLE, new Changes.Builder()
        .update(planned, planned.withTargets(List.of("192.0.2.11")))
        .create(Endpoint.of("new.example.com", "A", 300, "192.0.2.12")).build()))
        .isInstanceOf(BatchRefusedException.class).hasMessageContaining("NXRRSET")
        .hasMessageContaining("not as planned from");
    assertThat(dig("app.example.com", Type.A)).containsExactly("300 203.0.113.5");
    assertThat(dig("new.example.com", Type.A)).isEmpty(); // the UPDATE is one: nothing of it went in

    assertThatThrownBy(() -> provider.apply(EXAMPLE, new Changes.Builder().delete(planned).build()))
        .isInstanceOf(BatchRefusedException.class);
    assertThat(dig("app.example.com", Type.A)).containsExactly("300 203.0.113.5");
  }

  @ParameterizedTest
  @EnumSource(Rfc2136Server.Kind.class)
  void aWrongKeyIsRefusedClearly(Rfc2136Server.Kind kind) {
    server = Rfc2136Server.start(kind, dir, List.of("example.com"), 0);
    DnsProvider wrong = new Rfc2136ProviderFactory(Map.of()).create(new String[] {"--rfc2136-host=127.0.0.1",
        "--rfc2136-port=" + server.port(), "--rfc2136-zone=example.com", "--rfc2136-tsig-keyname=dnsplane",
        "--rfc2136-tsig-secret=" + java.util.Base64.getEncoder().encodeToString(new byte[32]), "--rfc2136-axfr"},
        RequestBudget.UNLIMITED);
    assertThatThrownBy(() -> wrong.records(EXAMPLE)).isInstanceOf(Rfc2136Provider.KeyRefused.class)
        .hasMessageContaining("refused the TSIG key").hasMessageContaining("--rfc2136-tsig-secret");
    assertThatThrownBy(() -> wrong.apply(EXAMPLE, new Changes.Builder()
        .create(Endpoint.of("app.example.com", "A", 300, "192.0.2.10")).build()))
        .isInstanceOf(Rfc2136Provider.KeyRefused.class).hasMessageContaining("NOTAUTH")
        .hasMessageContaining("--rfc2136-tsig-keyname");
  }

  @ParameterizedTest
  @EnumSource(Rfc2136Server.Kind.class)
  void aLargeUpdateGoesOverTcp(Rfc2136Server.Kind kind) throws Exception {
    DnsProvider provider = start(kind, "--rfc2136-batch-change-size=100");
    Changes.Builder many = new Changes.Builder();
    for (int i = 0; i < 60; i++) {
      many.create(Endpoint.of("n" + i + ".example.com", "A", 300, "192.0.2." + (i + 1)));
      many.create(Endpoint.of("a-n" + i + ".example.com", "TXT", 300, OWNER_TXT));
    }
    Changes batch = many.build();
    assertThat(Rfc2136Provider.update(EXAMPLE, batch, 0).toWire().length).isGreaterThan(Rfc2136Provider.UDP_LIMIT * 10);
    assertThat(provider.fitsOneCall(batch)).isFalse(); // 120 changes: more than one call of 100
    Changes half = new Changes(batch.create().subList(0, 100), List.of(), List.of(), List.of());
    assertThat(provider.fitsOneCall(half)).isTrue();
    provider.apply(EXAMPLE, half);
    assertThat(dig("n49.example.com", Type.A)).containsExactly("300 192.0.2.50");
    assertThat(provider.records(EXAMPLE)).filteredOn(e -> e.recordType().equals("TXT")).hasSize(50);
  }

  @Test
  void theMinimumTtlIsTheProvidersAdjustmentAndWhatItWrites() throws Exception {
    DnsProvider provider = start(Rfc2136Server.Kind.BIND, "--rfc2136-min-ttl=1m");
    Endpoint shortLived = Endpoint.of("app.example.com", "A", 30, "192.0.2.10");
    assertThat(provider.adjust(List.of(shortLived, Endpoint.of("b.example.com", "A", 600, "192.0.2.11"))))
        .extracting(Endpoint::ttl).containsExactly(60L, 600L);
    provider.apply(EXAMPLE, new Changes.Builder().create(shortLived).build());
    assertThat(dig("app.example.com", Type.A)).containsExactly("60 192.0.2.10");
  }

  @Test
  void withoutAxfrNothingIsListedAndCreatesStillRefuseATakenName() throws Exception {
    server = Rfc2136Server.start(Rfc2136Server.Kind.KNOT, dir, List.of("example.com"), 0);
    DnsProvider listing = Rfc2136Servers.provider(server);
    listing.apply(EXAMPLE, new Changes.Builder().create(Endpoint.of("taken.example.com", "A", 300, "198.51.100.1")).build());
    DnsProvider blind = new Rfc2136ProviderFactory(Map.of("RFC2136_TSIG_SECRET", server.secret())).create(new String[] {
        "--rfc2136-host=127.0.0.1", "--rfc2136-port=" + server.port(), "--rfc2136-zone=example.com",
        "--rfc2136-tsig-keyname=dnsplane"}, RequestBudget.UNLIMITED);
    assertThat(blind.records(EXAMPLE)).isEmpty();
    assertThatThrownBy(() -> blind.apply(EXAMPLE, new Changes.Builder()
        .create(Endpoint.of("taken.example.com", "A", 300, "192.0.2.99")).build()))
        .isInstanceOf(BatchRefusedException.class).hasMessageContaining("YXRRSET");
    assertThat(dig("taken.example.com", Type.A)).containsExactly("300 198.51.100.1");
  }

  @Test
  void theSecretComesFromAFileToo() throws Exception {
    server = Rfc2136Server.start(Rfc2136Server.Kind.BIND, dir, List.of("example.com"), 0);
    Path secret = Files.writeString(dir.resolve("secret"), server.secret() + "\n");
    DnsProvider provider = new Rfc2136ProviderFactory(Map.of()).create(new String[] {"--rfc2136-host=127.0.0.1",
        "--rfc2136-port=" + server.port(), "--rfc2136-zone=example.com", "--rfc2136-tsig-keyname=dnsplane",
        "--rfc2136-tsig-secret-file=" + secret, "--rfc2136-axfr"}, RequestBudget.UNLIMITED);
    assertThat(provider.records(EXAMPLE)).extracting(Endpoint::recordType).contains("SOA", "NS");
  }

  @Test
  void badFlagsAreRefusedNamingTheFlag() {
    Rfc2136ProviderFactory factory = new Rfc2136ProviderFactory(Map.of());
    assertThatThrownBy(() -> factory.create(new String[] {"--rfc2136-zone=example.com", "--rfc2136-insecure"},
        RequestBudget.UNLIMITED)).hasMessageContaining("--rfc2136-host");
    assertThatThrownBy(() -> factory.create(new String[] {"--rfc2136-host=127.0.0.1", "--rfc2136-insecure"},
        RequestBudget.UNLIMITED)).hasMessageContaining("--rfc2136-zone");
    assertThatThrownBy(() -> factory.create(new String[] {"--rfc2136-host=127.0.0.1", "--rfc2136-zone=example.com"},
        RequestBudget.UNLIMITED)).hasMessageContaining("TSIG needs --rfc2136-tsig-keyname");
    assertThatThrownBy(() -> factory.create(new String[] {"--rfc2136-host=127.0.0.1", "--rfc2136-zone=example.com",
        "--rfc2136-tsig-keyname=k", "--rfc2136-tsig-secret=c2VjcmV0", "--rfc2136-tsig-secret-alg=hmac-sha3"},
        RequestBudget.UNLIMITED)).hasMessageContaining("unknown algorithm 'hmac-sha3'");
    assertThatThrownBy(() -> factory.create(new String[] {"--rfc2136-host=127.0.0.1", "--rfc2136-zone=example.com",
        "--rfc2136-insecure", "--rfc2136-gss-tsig"}, RequestBudget.UNLIMITED)).hasMessageContaining("not supported");
    assertThat(factory.create(new String[] {"--rfc2136-host=127.0.0.1", "--rfc2136-zone=example.com", "--rfc2136-insecure"},
        RequestBudget.UNLIMITED).zones()).containsExactly(EXAMPLE);
  }
}
