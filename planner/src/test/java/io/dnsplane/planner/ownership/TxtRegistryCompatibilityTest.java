package io.dnsplane.planner.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ExternalDNS's registry behaviour, ported from registry/mapper and the TXT registry's tests. */
class TxtRegistryCompatibilityTest {
  private static final String KEY = "12345678901234567890123456789012";

  record Mapping(String name, String prefix, String suffix, String wildcard, String dnsName, String type, String txtName) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Mapping> mappings() {
    return Stream.of(
        new Mapping("no affix", "", "", "", "foo.example.com", "A", "a-foo.example.com"),
        new Mapping("prefix", "prefix-", "", "", "foo.example.com", "CNAME", "prefix-cname-foo.example.com"),
        new Mapping("prefix with a dot", "txt.", "", "", "foo.example.com", "A", "txt.a-foo.example.com"),
        new Mapping("suffix", "", "-suffix", "", "foo.example.com", "AAAA", "aaaa-foo-suffix.example.com"),
        new Mapping("suffix with a dot", "", ".suffix", "", "foo.example.com", "A", "a-foo.suffix.example.com"),
        new Mapping("record type in the prefix", "%{record_type}-abc-", "", "", "foo.example.com", "CNAME",
            "cname-abc-foo.example.com"),
        new Mapping("record type in a prefix ending in a dot (apex-safe)", "%{record_type}.", "", "", "example.com", "A",
            "a.example.com"),
        new Mapping("record type in the suffix", "", "-%{record_type}", "", "foo.example.com", "MX", "foo-mx.example.com"),
        new Mapping("wildcard replacement", "", "", "wildcard", "*.example.com", "A", "a-wildcard.example.com"),
        new Mapping("wildcard replacement with prefix", "txt.", "", "any", "*.example.com", "CNAME", "txt.cname-any.example.com"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mappings")
  void namesTxtRecordsAsExternalDnsAndReadsThemBack(Mapping m) {
    TxtNameMapper mapper = new TxtNameMapper(m.prefix(), m.suffix(), m.wildcard());
    assertThat(mapper.toTxtName(m.dnsName(), m.type())).isEqualTo(m.txtName());
    assertThat(mapper.toEndpointName(m.txtName())).contains(new TxtNameMapper.Owned(m.dnsName(), m.type()));
  }

  @Test
  void prefixAndSuffixAreExclusive() {
    assertThatThrownBy(() -> new TxtNameMapper("p-", "-s", "")).hasMessageContaining("mutually exclusive");
  }

  @Test
  void readsAValueExternalDnsEncrypted() {
    // Written by ExternalDNS's Go code (AES-256-GCM over gzip, nonce first, base64), from its registry tests.
    String written = "h8UQ6jelUFUsEIn7SbFktc2MYXPx/q8lySqI4VwfVtVaIbb2nkHWV/88KKbuLtu7fJNzMir8ELVeVnRSY01KdiIuj7ledqZe5ailEjQaU5Z6uEKd5pgs6sH8";
    Optional<String> plain = TxtEncryption.withKey(KEY).decrypt(written);
    assertThat(plain).hasValueSatisfying(p -> assertThat(p).startsWith("heritage=external-dns,").contains("owner=owner"));
  }

  @Test
  void encryptsSoThatExternalDnsCanReadItTheSameValueAlikeAndNeverTwoWithOneNonce() {
    TxtEncryption encryption = TxtEncryption.withKey(KEY);
    String first = encryption.encrypt("heritage=external-dns,external-dns/owner=a");
    assertThat(encryption.decrypt(first)).contains("heritage=external-dns,external-dns/owner=a");
    assertThat(encryption.encrypt("heritage=external-dns,external-dns/owner=a"))
        .as("planned again (a replay), the same value is the same text").isEqualTo(first);
    String other = encryption.encrypt("heritage=external-dns,external-dns/owner=b");
    assertThat(java.util.Arrays.copyOf(java.util.Base64.getDecoder().decode(other), 12))
        .as("another value, another nonce (the first 12 bytes)")
        .isNotEqualTo(java.util.Arrays.copyOf(java.util.Base64.getDecoder().decode(first), 12));
    assertThat(TxtEncryption.withKey("abcdefghijabcdefghijabcdefghij12").decrypt(first)).isEmpty();
    assertThatThrownBy(() -> TxtEncryption.withKey("short")).hasMessageContaining("32 bytes");
  }

  private static Endpoint record(String name, String type, String... targets) {
    return new Endpoint(name, type, List.of(targets), 300, "", Map.of(), Map.of());
  }

  @Test
  void anEncryptedRegistryReadsPlainAndEncryptedOwnershipAndDoesNotRewriteWhatItAgreesWith() {
    OwnershipRegistry registry = new TxtRegistryConfig("", "", "", true, KEY, Map.of()).registry();
    Endpoint app = Ownership.with(record("app.example.com", "A", "192.0.2.10"), Map.of("cluster-a", "ingress/default/app"));
    Endpoint txt = registry.ownershipRecord(app);
    assertThat(txt.targets().get(0)).doesNotContain("heritage").startsWith("\"").endsWith("\"");

    List<Endpoint> observed = List.of(record("app.example.com", "A", "192.0.2.10"), txt.withoutLabels());
    assertThat(registry.currentWithOwnership("app.example.com", observed)).containsExactly(app);
    // Planning an update of the record leaves the TXT alone: same owners, whatever the ciphertext.
    Endpoint moved = app.withTargets(List.of("192.0.2.11"));
    Changes changes = registry.withOwnershipRecords(new Changes.Builder().update(app, moved).build(), observed);
    assertThat(changes.updateNew()).containsExactly(moved);

    List<Endpoint> plainObserved = List.of(record("app.example.com", "A", "192.0.2.10"),
        record("a-app.example.com", "TXT", OwnershipValue.encode(Map.of("owner", "cluster-a", "resource", "ingress/default/app"))));
    assertThat(registry.currentWithOwnership("app.example.com", plainObserved)).containsExactly(app);
  }

  @Test
  void TestRecordOwnerIdMigration() {
    OwnershipRegistry registry = new TxtRegistryConfig("", "", "", false, "", Map.of("old-owner", "cluster-a")).registry();
    List<Endpoint> observed = List.of(record("app.example.com", "A", "192.0.2.10"),
        record("a-app.example.com", "TXT", OwnershipValue.encode(Map.of("owner", "old-owner", "resource", "ingress/default/app"))));
    Endpoint current = registry.currentWithOwnership("app.example.com", observed).get(0);
    assertThat(Ownership.of(current)).containsExactly(Map.entry("cluster-a", "ingress/default/app"));
    assertThat(current.label(OwnershipRegistry.LABEL_MIGRATE_FROM)).isEqualTo("old-owner");

    // The planner sees a record to take over and updates it; the TXT is rewritten for the new owner.
    Endpoint desired = Ownership.with(record("app.example.com", "A", "192.0.2.10").withTtl(0), Map.of("cluster-a", "ingress/default/app"));
    var plan = new io.dnsplane.planner.plan.Planner().plan(List.of(desired), List.of(current),
        io.dnsplane.planner.plan.OwnerScope.all(java.util.Set.of("cluster-a")));
    Changes changes = registry.withOwnershipRecords(plan.changes(), observed);
    assertThat(changes.updateNew()).extracting(Endpoint::recordType).containsExactlyInAnyOrder("A", "TXT");
    assertThat(changes.updateNew().stream().filter(e -> e.recordType().equals("TXT")).findFirst().orElseThrow().targets())
        .containsExactly("\"heritage=external-dns,external-dns/owner=cluster-a,external-dns/resource=ingress/default/app\"");
  }

  @Test
  void aBareMigrateFromTxtOwnerGoesToTheOwnerThatWantsTheRecord() {
    // ExternalDNS's --migrate-from-txt-owner=OLD (its one instance is the new owner); the planner
    // serves many owners, so OLD's record goes to the cluster that wants it now.
    OwnershipRegistry registry = new TxtRegistryConfig("", "", "", false, "",
        TxtRegistryConfig.parseMigrations(List.of("old-owner"))).registry();
    List<Endpoint> observed = List.of(record("app.example.com", "A", "192.0.2.10"),
        record("a-app.example.com", "TXT", OwnershipValue.encode(Map.of("owner", "old-owner", "resource", "ingress/default/app"))));
    Endpoint wantedByB = record("app.example.com", "A", "192.0.2.10").withLabel(Endpoint.LABEL_OWNER, "cluster-b");

    Endpoint taken = registry.currentWithOwnership("app.example.com", observed, List.of(wantedByB)).get(0);
    assertThat(Ownership.of(taken)).containsExactly(Map.entry("cluster-b", "ingress/default/app"));
    assertThat(taken.label(OwnershipRegistry.LABEL_MIGRATE_FROM)).isEqualTo("old-owner");

    // Nobody wants it: it stays the old owner's, and is left alone.
    Endpoint untouched = registry.currentWithOwnership("app.example.com", observed, List.of()).get(0);
    assertThat(Ownership.of(untouched)).containsExactly(Map.entry("old-owner", "ingress/default/app"));
    assertThat(untouched.label(OwnershipRegistry.LABEL_MIGRATE_FROM)).isEmpty();
  }

  @Test
  void migrateFromTxtOwnerTakesBothForms() {
    assertThat(TxtRegistryConfig.parseMigrations(List.of("old", "older=cluster-a"), "me"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("old", "me", "older", "cluster-a"));
    assertThatThrownBy(() -> TxtRegistryConfig.parseMigrations(List.of("old="))).hasMessageContaining("OLD_OWNER=NEW_OWNER");
    assertThatThrownBy(() -> TxtRegistryConfig.parseMigrations(List.of("a=a"))).hasMessageContaining("same owner");
  }
}
