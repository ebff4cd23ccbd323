package io.dnsplane.applier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every provider must do for the applier core, run against each provider module (in-memory,
 * Route53 and Cloudflare through their fakes, PowerDNS, BIND 9 and Knot DNS for real) and through
 * ExternalDNS's webhook API in front of each. The zone example.com holds
 * legacy.example.com A 198.51.100.1, created by someone else, when a test starts.
 */
public abstract class ProviderContractTest {
  protected static final String OWNER_TXT = "\"heritage=external-dns,external-dns/owner=cluster-a,external-dns/resource=ingress/default/app\"";

  protected DnsProvider provider;
  protected Zone zone;

  /** A fresh provider whose zone example.com holds only legacy.example.com A 198.51.100.1 (with TTL 300). */
  protected abstract DnsProvider newProvider() throws Exception;

  /**
   * An endpoint as the planner sends it to this provider, after the adjustments the provider's
   * capabilities ask for (Cloudflare: the proxy setting on A, AAAA and CNAME).
   */
  protected Endpoint asPlanned(Endpoint e) {
    return e;
  }

  /** Stops whatever {@link #newProvider()} started. */
  protected void stopProvider() throws Exception {}

  @BeforeEach
  void connect() throws Exception {
    provider = newProvider();
    zone = provider.zones().stream().filter(z -> z.name().equals("example.com")).findFirst().orElseThrow();
  }

  @AfterEach
  void disconnect() throws Exception {
    provider.close();
    stopProvider();
  }

  private Endpoint a(String name, String... ips) {
    return asPlanned(new Endpoint(name, "A", List.of(ips), 300, "", Map.of(), Map.of()));
  }

  private static Endpoint txt(String name) {
    return new Endpoint(name, "TXT", List.of(OWNER_TXT), 300, "", Map.of(), Map.of());
  }

  private List<Endpoint> at(String name) {
    return provider.records(zone).stream().filter(e -> e.dnsName().equals(name)).toList();
  }

  @Test
  void listsTheZoneWithRecordsMadeElsewhere() {
    assertThat(at("legacy.example.com")).extracting(Endpoint::recordType, Endpoint::targets)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A", List.of("198.51.100.1")));
  }

  @Test
  void createsUpdatesAndDeletesARecordWithItsTxt() {
    provider.apply(zone, new Changes.Builder().create(a("app.example.com", "192.0.2.10")).create(txt("a-app.example.com")).build());
    assertThat(at("app.example.com")).singleElement().satisfies(e -> assertThat(e.targets()).containsExactly("192.0.2.10"));
    assertThat(at("a-app.example.com")).singleElement().satisfies(e -> assertThat(e.targets()).containsExactly(OWNER_TXT));

    Endpoint old = at("app.example.com").get(0);
    provider.apply(zone, new Changes.Builder().update(old, a("app.example.com", "192.0.2.10", "192.0.2.20")).build());
    assertThat(at("app.example.com")).singleElement()
        .satisfies(e -> assertThat(e.targets()).containsExactlyInAnyOrder("192.0.2.10", "192.0.2.20"));

    provider.apply(zone, new Changes.Builder().delete(at("app.example.com").get(0)).delete(at("a-app.example.com").get(0)).build());
    assertThat(at("app.example.com")).isEmpty();
    assertThat(at("a-app.example.com")).isEmpty();
    assertThat(at("legacy.example.com")).hasSize(1);
  }

  @Test
  void aCreateNeverOverwritesARecordSetItDidNotKnowAndTheTxtStaysOutToo() {
    assertThatThrownBy(() -> provider.apply(zone, new Changes.Builder().create(a("legacy.example.com", "192.0.2.99"))
        .create(txt("a-legacy.example.com")).build())).isInstanceOf(BatchRefusedException.class);
    assertThat(at("legacy.example.com")).singleElement().satisfies(e -> assertThat(e.targets()).containsExactly("198.51.100.1"));
    assertThat(at("a-legacy.example.com")).isEmpty();
  }

  @Test
  void reApplyingABatchAfterACrashChangesNothingAndIsNotRefused() {
    Changes batch = new Changes.Builder().create(a("app.example.com", "192.0.2.10")).create(txt("a-app.example.com")).build();
    provider.apply(zone, batch);
    // The applier restarts: it lists the zone, then meets the same batch again.
    Changes remaining = AlreadyApplied.remaining(batch, new ObservedZone(provider.records(zone)));
    assertThat(remaining.isEmpty()).isTrue();
    Changes delete = new Changes.Builder().delete(at("app.example.com").get(0)).delete(at("a-app.example.com").get(0)).build();
    provider.apply(zone, delete);
    assertThat(AlreadyApplied.remaining(delete, new ObservedZone(provider.records(zone))).isEmpty()).isTrue();
  }

  @Test
  void oneBadRecordDoesNotBlockItsNeighbours() {
    CulpritIsolation isolation = new CulpritIsolation(provider::fitsOneCall, c -> provider.apply(zone, c));
    Map<String, ApplyOutcome> outcomes = isolation.apply(List.of(
        new CulpritIsolation.Part("one", new Changes.Builder().create(a("one.example.com", "192.0.2.1")).create(txt("a-one.example.com")).build()),
        new CulpritIsolation.Part("bad", new Changes.Builder().create(a("bad.example.com", "not-an-ip")).create(txt("a-bad.example.com")).build()),
        new CulpritIsolation.Part("two", new Changes.Builder().create(a("two.example.com", "192.0.2.2")).create(txt("a-two.example.com")).build())));
    assertThat(outcomes.get("one").failures()).isEmpty();
    assertThat(outcomes.get("two").failures()).isEmpty();
    assertThat(outcomes.get("bad").failures()).hasSize(2).allSatisfy(f -> assertThat(f.retryable()).isFalse());
    assertThat(at("one.example.com")).hasSize(1);
    assertThat(at("two.example.com")).hasSize(1);
    assertThat(at("bad.example.com")).isEmpty();
    assertThat(at("a-bad.example.com")).isEmpty();
  }

  @Test
  void readingSomeNamesGivesWhatTheListingHoldsThere() {
    provider.apply(zone, new Changes.Builder().create(a("app.example.com", "192.0.2.10", "192.0.2.11"))
        .create(txt("a-app.example.com")).create(a("other.example.com", "192.0.2.12")).build());
    java.util.Set<String> names = java.util.Set.of("app.example.com", "a-app.example.com", "missing.example.com");
    assertThat(provider.recordsAt(zone, names)).usingElementComparator((x, y) -> x.sameRecord(y) ? 0 : 1)
        .containsExactlyInAnyOrderElementsOf(provider.records(zone).stream().filter(e -> names.contains(e.dnsName())).toList());
    assertThat(provider.recordsAt(zone, names)).hasSize(2);
  }

  @Test
  void aBatchOfOneNameFitsOneCall() {
    assertThat(provider.fitsOneCall(new Changes.Builder().create(a("app.example.com", "192.0.2.10"))
        .create(txt("a-app.example.com")).build())).isTrue();
    assertThat(Optional.ofNullable(provider.name())).isPresent();
  }
}
