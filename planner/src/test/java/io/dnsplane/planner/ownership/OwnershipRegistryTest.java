package io.dnsplane.planner.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OwnershipRegistryTest {
  private static final String VALUE =
      "\"heritage=external-dns,external-dns/owner=cluster-a,external-dns/resource=ingress/default/app\"";

  @Test
  void encodesExactlyAsExternalDns() {
    assertThat(OwnershipValue.encode(Map.of("owner", "cluster-a", "resource", "ingress/default/app"))).isEqualTo(VALUE);
  }

  record Decode(String txt, Optional<Map<String, String>> labels) {}

  static Stream<Decode> decodes() {
    return Stream.of(
        new Decode(VALUE, Optional.of(Map.of("owner", "cluster-a", "resource", "ingress/default/app"))),
        new Decode("heritage=external-dns,external-dns/owner=default", Optional.of(Map.of("owner", "default"))),
        new Decode("\"heritage=external-dns,external-dns/owner=x,external-dns/resource=service/ns/svc,external-dns/extra=1\"",
            Optional.of(Map.of("owner", "x", "resource", "service/ns/svc", "extra", "1"))),
        new Decode("\"v=spf1 include:example.net -all\"", Optional.empty()),
        new Decode("\"heritage=someone-else,external-dns/owner=x\"", Optional.empty()),
        new Decode("\"external-dns/owner=x\"", Optional.empty()),
        new Decode("\"\"", Optional.empty()));
  }

  @ParameterizedTest
  @MethodSource("decodes")
  void decodes(Decode c) {
    assertThat(OwnershipValue.decode(c.txt())).isEqualTo(c.labels());
  }

  record Mapping(String prefix, String name, String type, String txtName) {}

  static Stream<Mapping> mappings() {
    return Stream.of(
        new Mapping("", "www.example.com", "A", "a-www.example.com"),
        new Mapping("", "www.example.com", "CNAME", "cname-www.example.com"),
        new Mapping("", "www.example.com", "AAAA", "aaaa-www.example.com"),
        new Mapping("p-", "www.example.com", "A", "p-a-www.example.com"),
        new Mapping("txt.", "www.example.com", "A", "txt.a-www.example.com"),
        // ExternalDNS's mapper_test: every type it reads back, TXT, PTR and DNAME included.
        new Mapping("", "foo.example.com", "TXT", "txt-foo.example.com"),
        new Mapping("", "foo.example.com", "PTR", "ptr-foo.example.com"),
        new Mapping("", "foo.example.com", "DNAME", "dname-foo.example.com"),
        new Mapping("", "foo.example.com", "MX", "mx-foo.example.com"),
        new Mapping("", "foo.example.com", "NAPTR", "naptr-foo.example.com"));
  }

  @ParameterizedTest
  @MethodSource("mappings")
  void mapsTxtNamesBothWays(Mapping m) {
    TxtNameMapper mapper = new TxtNameMapper(m.prefix());
    assertThat(mapper.toTxtName(m.name(), m.type())).isEqualTo(m.txtName());
    assertThat(mapper.toEndpointName(m.txtName())).contains(new TxtNameMapper.Owned(m.name(), m.type()));
  }

  @Test
  void aNameWithoutTheTypedShapeIsReadAsLegacy() {
    assertThat(new TxtNameMapper("").toEndpointName("www.example.com")).contains(new TxtNameMapper.Owned("www.example.com", ""));
    assertThat(new TxtNameMapper("").toEndpointName("foo-www.example.com"))
        .contains(new TxtNameMapper.Owned("foo-www.example.com", ""));
    assertThat(new TxtNameMapper("p-").toEndpointName("a-www.example.com")).isEmpty();
  }

  private final OwnershipRegistry registry = new OwnershipRegistry(new TxtNameMapper(""));

  /** With TXT among --managed-record-types, a TXT record dnsplane made is its owner's, through txt-NAME. */
  @Test
  void aManagedTxtRecordIsOwnedThroughItsTypedTxtName() {
    List<Endpoint> observed = List.of(record("foo.example.com", "TXT", "\"note\""),
        record("txt-foo.example.com", "TXT", VALUE));
    assertThat(registry.currentWithOwnership("foo.example.com", observed))
        .containsExactly(Ownership.with(record("foo.example.com", "TXT", "\"note\""),
            Map.of("cluster-a", "ingress/default/app")));
  }

  private static Endpoint record(String name, String type, String... targets) {
    return new Endpoint(name, type, List.of(targets), 300, "", Map.of(), Map.of());
  }

  @Test
  void readsTypedOwnership() {
    List<Endpoint> observed = List.of(record("app.example.com", "A", "192.0.2.10"),
        record("a-app.example.com", "TXT", VALUE));
    assertThat(registry.currentWithOwnership("app.example.com", observed))
        .containsExactly(record("app.example.com", "A", "192.0.2.10")
            .withLabels(Map.of("owner", "cluster-a", "resource", "ingress/default/app")));
  }

  @Test
  void readsLegacySameNameOwnershipButNotForAaaa() {
    List<Endpoint> observed = List.of(record("app.example.com", "A", "192.0.2.10"),
        record("app.example.com", "AAAA", "2001:db8::1"), record("app.example.com", "TXT", VALUE));
    assertThat(registry.currentWithOwnership("app.example.com", observed)).containsExactlyInAnyOrder(
        record("app.example.com", "A", "192.0.2.10").withLabels(Map.of("owner", "cluster-a", "resource", "ingress/default/app")),
        record("app.example.com", "AAAA", "2001:db8::1"));
  }

  @Test
  void aRecordWithoutOwnershipIsUnowned() {
    List<Endpoint> observed = List.of(record("legacy.example.com", "A", "198.51.100.1"),
        record("a-legacy.example.com", "TXT", "\"not an ownership record\""));
    assertThat(registry.currentWithOwnership("legacy.example.com", observed))
        .containsExactly(record("legacy.example.com", "A", "198.51.100.1"));
  }

  @Test
  void createsAndDeletesTheTxtWithTheRecord() {
    Endpoint app = record("app.example.com", "A", "192.0.2.10")
        .withLabels(Map.of("owner", "cluster-a", "resource", "ingress/default/app"));
    Changes created = registry.withOwnershipRecords(new Changes.Builder().create(app).build(), List.of());
    assertThat(created.create()).containsExactly(app,
        new Endpoint("a-app.example.com", "TXT", List.of(VALUE), 300, "", app.labels(), Map.of()));

    Endpoint observedTxt = record("a-app.example.com", "TXT", VALUE);
    Changes deleted = registry.withOwnershipRecords(new Changes.Builder().delete(app).build(),
        List.of(record("app.example.com", "A", "192.0.2.10"), observedTxt));
    assertThat(deleted.delete()).containsExactly(app, observedTxt);
  }

  @Test
  void neverDeletesATxtThatNamesAnotherOwner() {
    Endpoint app = record("app.example.com", "A", "192.0.2.10").withLabels(Map.of("owner", "cluster-a"));
    Endpoint othersTxt = record("a-app.example.com", "TXT", "\"heritage=external-dns,external-dns/owner=cluster-z\"");
    Changes deleted = registry.withOwnershipRecords(new Changes.Builder().delete(app).build(), List.of(othersTxt));
    assertThat(deleted.delete()).containsExactly(app);
  }
}
