package io.dnsplane.planner.ownership;

import static io.dnsplane.planner.ownership.GoEndpoints.NewEndpoint;
import static io.dnsplane.planner.ownership.GoEndpoints.endpoints;
import static io.dnsplane.planner.ownership.GoEndpoints.ep;
import static io.dnsplane.planner.ownership.GoEndpoints.eps;
import static io.dnsplane.planner.ownership.GoEndpoints.labels;
import static io.dnsplane.planner.ownership.GoEndpoints.newCNAMEEndpointWithOwnerResource;
import static io.dnsplane.planner.ownership.GoEndpoints.newEndpointWithOwner;
import static io.dnsplane.planner.ownership.GoEndpoints.newEndpointWithOwnerAndLabels;
import static io.dnsplane.planner.ownership.GoEndpoints.newMultiTargetEndpointWithOwner;
import static io.dnsplane.planner.ownership.GoEndpoints.newTXTEndpointWithOwnedRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.RecordTypes;
import io.dnsplane.planner.ownership.GoEndpoints.Ep;
import io.dnsplane.planner.plan.NamePlanner;
import io.dnsplane.planner.plan.OwnerScope;
import io.dnsplane.planner.plan.Planner;
import io.dnsplane.planner.plan.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ExternalDNS's registry/txt/registry_test.go (v0.22) ported to {@link OwnershipRegistry}, each
 * test named after its Go test. Endpoint literals were converted from the Go file by
 * planner/src/test/resources/externaldns/port_registry.py and read as Go writes them
 * ({@link GoEndpoints}); the scaffolding around them (a provider, {@code Records}, {@code ApplyChanges})
 * is {@link TxtRegistry} below.
 *
 * <p>How ExternalDNS's registry maps onto dnsplane's:
 * <ul>
 *   <li>{@code Records()} is {@link OwnershipRegistry#currentWithOwnership} of every name the zone
 *       holds; {@code ApplyChanges()} is {@link OwnershipRegistry#withOwnershipRecords} against the
 *       zone. ExternalDNS's registry also stamps its owner id on creates and drops updates and
 *       deletes of records other owners hold; in dnsplane the planner does both (it labels what it
 *       creates with the owner that wants it, and never plans a change to another's record:
 *       ExternalDnsPlanTest), so {@link TxtRegistry#applyChanges} does them as the planner would.</li>
 *   <li>Endpoints are compared as ExternalDNS's {@code testutils.SameEndpoints} compares them
 *       (name, type, set identifier, targets, TTL, owner and resource labels, provider-specific
 *       properties), but for two labels: the {@code ownedRecord} label is ExternalDNS's in-memory
 *       note of the record a TXT belongs to (dnsplane reads that from the TXT's name), and a TXT's
 *       owner labels are what its value says (compared through the value).</li>
 * </ul>
 * Deliberate differences, each at its case:
 * <ul>
 *   <li>{@code txt/force-update}: ExternalDNS marks a record it owns through a legacy TXT (same-name,
 *       or an A alias's {@code cname-}) so that the next sync rewrites it with a new-format TXT.
 *       dnsplane reads the legacy forms for as long as they exist and writes the new form with the
 *       record's next change: a zone ExternalDNS managed plans no change when nothing changed (the
 *       migration test), and a plan never rewrites records only to rename TXTs.</li>
 *   <li>Deleting an A alias deletes the {@code cname-} TXT it was owned through; ExternalDNS leaves it
 *       for a clean-up script.</li>
 *   <li>A TXT name with a label over 63 characters: ExternalDNS creates the record without its TXT
 *       (so owns nothing); dnsplane does not create the record and reports a conflict (NamePlanner).</li>
 * </ul>
 * Not ported, as they test Go plumbing dnsplane does not have: {@code TestTXTRegistry_Records_ProviderError},
 * {@code _OwnerID}, {@code _GetDomainFilter}, {@code _Records_NilLabels}, {@code TestNew},
 * {@code _AdjustEndpoints} and {@code TestCacheMethods} (dnsplane has no records cache: the planner
 * keeps what the applier last observed in its store).
 */
class ExternalDnsRegistryTest {
  private static final String TEST_ZONE = "test-zone.example.org";
  private static final List<String> NONE = List.of();

  /** ExternalDNS's TXTRegistry over an in-memory zone, as dnsplane's registry and planner serve it. */
  static final class TxtRegistry {
    final OwnershipRegistry registry;
    final String ownerId;

    TxtRegistry(OwnershipRegistry registry, String ownerId) {
      this.registry = registry;
      this.ownerId = ownerId;
    }

    /** Records(): every name's records, with the ownership their TXTs state. */
    List<Endpoint> records(List<Endpoint> zone) {
      Set<String> names = new LinkedHashSet<>();
      zone.forEach(e -> names.add(e.dnsName()));
      List<Endpoint> out = new ArrayList<>();
      names.forEach(name -> out.addAll(registry.currentWithOwnership(name, zone)));
      return out;
    }

    /** ApplyChanges(): the record changes with their TXT changes, against what the zone holds. */
    Changes applyChanges(List<Endpoint> zone, Changes changes) {
      Changes.Builder planned = new Changes.Builder();
      changes.create().forEach(e -> planned.create(Ownership.with(e, Map.of(ownerId, e.label(Endpoint.LABEL_RESOURCE)))));
      for (int i = 0; i < changes.updateOld().size(); i++) {
        if (ownedByUs(changes.updateOld().get(i)) && ownedByUs(changes.updateNew().get(i))) {
          planned.update(changes.updateOld().get(i), changes.updateNew().get(i));
        }
      }
      changes.delete().stream().filter(this::ownedByUs).forEach(planned::delete);
      return registry.withOwnershipRecords(planned.build(), zone);
    }

    private boolean ownedByUs(Endpoint e) {
      return Ownership.of(e).keySet().equals(Set.of(ownerId));
    }
  }

  /**
   * Go's newRegistry(provider, txtPrefix, txtSuffix, ownerID, cacheInterval, txtWildcardReplacement,
   * managedRecordTypes, excludeRecordTypes, txtEncryptEnabled, txtEncryptAESKey, oldOwnerID), less
   * the provider and the cache interval.
   */
  static TxtRegistry newRegistry(String prefix, String suffix, String ownerId, String wildcard, boolean encrypt,
      String aesKey, String oldOwnerId) {
    if (ownerId.isEmpty()) {
      throw new IllegalArgumentException("owner id cannot be empty");
    }
    Map<String, String> migrations = oldOwnerId.isEmpty() ? Map.of() : Map.of(oldOwnerId, ownerId);
    return new TxtRegistry(new TxtRegistryConfig(prefix, suffix, wildcard, encrypt, aesKey, migrations).registry(),
        ownerId);
  }

  static TxtRegistry newRegistry(String prefix, String suffix, String ownerId, String wildcard) {
    return newRegistry(prefix, suffix, ownerId, wildcard, false, "", "");
  }

  static Changes changes(List<Ep> create, List<Ep> updateOld, List<Ep> updateNew, List<Ep> delete) {
    return new Changes(endpoints(create), endpoints(updateOld), endpoints(updateNew), endpoints(delete));
  }

  /** What testutils.SameEndpoints compares (see the class comment). */
  static List<Map<String, Object>> view(List<Endpoint> endpoints) {
    List<Map<String, Object>> views = new ArrayList<>();
    for (Endpoint e : endpoints) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("name", e.dnsName());
      v.put("type", e.recordType());
      v.put("set", e.setIdentifier());
      v.put("targets", e.targets());
      v.put("ttl", e.ttl());
      boolean txt = RecordTypes.TXT.equals(e.recordType());
      v.put("owner", txt ? "" : e.label(Endpoint.LABEL_OWNER));
      v.put("resource", txt ? "" : e.label(Endpoint.LABEL_RESOURCE));
      v.put("providerSpecific", new TreeMap<>(e.providerSpecific()));
      views.add(v);
    }
    views.sort(Comparator.comparing(Object::toString));
    return views;
  }

  static void assertSameEndpoints(List<Endpoint> got, List<Ep> expected) {
    assertThat(view(got)).isEqualTo(view(endpoints(expected)));
  }

  static void assertSamePlanChanges(Changes got, Changes expected) {
    assertThat(view(got.create())).as("Create").isEqualTo(view(expected.create()));
    assertThat(view(got.updateOld())).as("UpdateOld").isEqualTo(view(expected.updateOld()));
    assertThat(view(got.updateNew())).as("UpdateNew").isEqualTo(view(expected.updateNew()));
    assertThat(view(got.delete())).as("Delete").isEqualTo(view(expected.delete()));
  }

  /** Deliberate difference: dnsplane marks no record for a forced TXT rewrite (see the class comment). */
  static List<Ep> withoutForceUpdate(List<Ep> expected) {
    expected.forEach(e -> e.providerSpecific.remove("txt/force-update"));
    return expected;
  }

  @Test
  void TestTXTRegistry_TestRecords_WithPrefix() {
    // testTXTRegistryRecordsPrefixed
    List<Endpoint> zone = endpoints(eps(
        newEndpointWithOwnerAndLabels("foo.test-zone.example.org", "foo.loadbalancer.com", "CNAME", "", labels("foo", "somefoo")),
        newEndpointWithOwnerAndLabels("bar.test-zone.example.org", "my-domain.com", "CNAME", "", labels("bar", "somebar")),
        newEndpointWithOwner("txt.bar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("txt.bar.test-zone.example.org", "baz.test-zone.example.org", "CNAME", ""),
        newEndpointWithOwner("qux.test-zone.example.org", "random", "TXT", ""),
        newEndpointWithOwnerAndLabels("tar.test-zone.example.org", "tar.loadbalancer.com", "CNAME", "", labels("tar", "sometar")),
        newEndpointWithOwner("TxT.tar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner-2\"", "TXT", ""),
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("foobar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb1.loadbalancer.com", "CNAME", "").WithSetIdentifier("test-set-1"),
        newEndpointWithOwner("multiple.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "").WithSetIdentifier("test-set-1"),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb2.loadbalancer.com", "CNAME", "").WithSetIdentifier("test-set-2"),
        newEndpointWithOwner("multiple.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "").WithSetIdentifier("test-set-2"),
        newEndpointWithOwner("*.wildcard.test-zone.example.org", "foo.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("txt.wc.wildcard.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("dualstack.test-zone.example.org", "1.1.1.1", "A", ""),
        newEndpointWithOwner("txt.dualstack.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("dualstack.test-zone.example.org", "2001:DB8::1", "AAAA", ""),
        newEndpointWithOwner("txt.aaaa-dualstack.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner-2\"", "TXT", ""),
        newEndpointWithOwner("mail.test-zone.example.org", "10 onemail.example.com", "MX", ""),
        newEndpointWithOwner("txt.mx-mail.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newMultiTargetEndpointWithOwner("_sip._udp.sip1.test-zone.example.org", List.of("1 50 5060 sip1-n1.test-zone.example.org", "1 50 5060 sip1-n2.test-zone.example.org"), "SRV", ""),
        newEndpointWithOwner("txt._sip._udp.sip1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("sip1.test-zone.example.org", "10 \"U\" \"SIP+DTU\" \"\" _sip._udp.sip1.test-zone.example.org.", "NAPTR", ""),
        newEndpointWithOwner("txt.sip1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "")));
    List<Ep> expectedRecords = eps(
        ep().DNSName("foo.test-zone.example.org").Targets(List.of("foo.loadbalancer.com")).RecordType("CNAME").Labels(labels("owner", "", "foo", "somefoo")),
        ep().DNSName("bar.test-zone.example.org").Targets(List.of("my-domain.com")).RecordType("CNAME").Labels(labels("owner", "owner", "bar", "somebar")),
        ep().DNSName("txt.bar.test-zone.example.org").Targets(List.of("baz.test-zone.example.org")).RecordType("CNAME").Labels(labels("owner", "")),
        ep().DNSName("qux.test-zone.example.org").Targets(List.of("random")).RecordType("TXT").Labels(labels("owner", "")),
        ep().DNSName("tar.test-zone.example.org").Targets(List.of("tar.loadbalancer.com")).RecordType("CNAME").Labels(labels("owner", "owner-2", "tar", "sometar")),
        ep().DNSName("foobar.test-zone.example.org").Targets(List.of("foobar.loadbalancer.com")).RecordType("CNAME").Labels(labels("owner", "")),
        ep().DNSName("multiple.test-zone.example.org").Targets(List.of("lb1.loadbalancer.com")).SetIdentifier("test-set-1").RecordType("CNAME").Labels(labels("owner", "")),
        ep().DNSName("multiple.test-zone.example.org").Targets(List.of("lb2.loadbalancer.com")).SetIdentifier("test-set-2").RecordType("CNAME").Labels(labels("owner", "")),
        ep().DNSName("*.wildcard.test-zone.example.org").Targets(List.of("foo.loadbalancer.com")).RecordType("CNAME").Labels(labels("owner", "owner")),
        ep().DNSName("dualstack.test-zone.example.org").Targets(List.of("1.1.1.1")).RecordType("A").Labels(labels("owner", "owner")),
        ep().DNSName("dualstack.test-zone.example.org").Targets(List.of("2001:DB8::1")).RecordType("AAAA").Labels(labels("owner", "owner-2")),
        ep().DNSName("mail.test-zone.example.org").Targets(List.of("10 onemail.example.com")).RecordType("MX").Labels(labels("owner", "owner")),
        ep().DNSName("_sip._udp.sip1.test-zone.example.org").Targets(List.of("1 50 5060 sip1-n1.test-zone.example.org", "1 50 5060 sip1-n2.test-zone.example.org")).RecordType("SRV").Labels(labels("owner", "owner")),
        ep().DNSName("sip1.test-zone.example.org").Targets(List.of("10 \"U\" \"SIP+DTU\" \"\" _sip._udp.sip1.test-zone.example.org.")).RecordType("NAPTR").Labels(labels("owner", "owner")));
    assertSameEndpoints(newRegistry("txt.", "", "owner", "wc").records(zone), expectedRecords);
    assertSameEndpoints(newRegistry("TxT.", "", "owner", "wc").records(zone), expectedRecords);
  }

  @Test
  void TestTXTRegistry_TestRecords_WithSuffix() {
    // testTXTRegistryRecordsSuffixed
    List<Endpoint> zone = endpoints(eps(
        newEndpointWithOwnerAndLabels("foo.test-zone.example.org", "foo.loadbalancer.com", "CNAME", "", labels("foo", "somefoo")),
        newEndpointWithOwnerAndLabels("bar.test-zone.example.org", "my-domain.com", "CNAME", "", labels("bar", "somebar")),
        newEndpointWithOwner("bar-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("bar-txt.test-zone.example.org", "baz.test-zone.example.org", "CNAME", ""),
        newEndpointWithOwner("qux.test-zone.example.org", "random", "TXT", ""),
        newEndpointWithOwnerAndLabels("tar.test-zone.example.org", "tar.loadbalancer.com", "CNAME", "", labels("tar", "sometar")),
        newEndpointWithOwner("tar-TxT.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner-2\"", "TXT", ""),
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("foobar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb1.loadbalancer.com", "CNAME", "").WithSetIdentifier("test-set-1"),
        newEndpointWithOwner("multiple.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "").WithSetIdentifier("test-set-1"),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb2.loadbalancer.com", "CNAME", "").WithSetIdentifier("test-set-2"),
        newEndpointWithOwner("multiple.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "").WithSetIdentifier("test-set-2"),
        newEndpointWithOwner("dualstack.test-zone.example.org", "1.1.1.1", "A", ""),
        newEndpointWithOwner("dualstack-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("dualstack.test-zone.example.org", "2001:DB8::1", "AAAA", ""),
        newEndpointWithOwner("aaaa-dualstack-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner-2\"", "TXT", ""),
        newEndpointWithOwner("mail.test-zone.example.org", "10 onemail.example.com", "MX", ""),
        newEndpointWithOwner("mx-mail-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newMultiTargetEndpointWithOwner("_sip._udp.sip1.test-zone.example.org", List.of("1 50 5060 sip1-n1.test-zone.example.org", "1 50 5060 sip1-n2.test-zone.example.org"), "SRV", ""),
        newEndpointWithOwner("_sip-txt._udp.sip1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("sip1.test-zone.example.org", "10 \"U\" \"SIP+DTU\" \"\" _sip._udp.sip1.test-zone.example.org.", "NAPTR", ""),
        newEndpointWithOwner("sip1-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "")));
    List<Ep> expectedRecords = eps(
        ep().DNSName("foo.test-zone.example.org").Targets(List.of("foo.loadbalancer.com")).RecordType("CNAME").Labels(labels("owner", "", "foo", "somefoo")),
        ep().DNSName("bar.test-zone.example.org").Targets(List.of("my-domain.com")).RecordType("CNAME").Labels(labels("owner", "owner", "bar", "somebar")),
        ep().DNSName("bar-txt.test-zone.example.org").Targets(List.of("baz.test-zone.example.org")).RecordType("CNAME").Labels(labels("owner", "")),
        ep().DNSName("qux.test-zone.example.org").Targets(List.of("random")).RecordType("TXT").Labels(labels("owner", "")),
        ep().DNSName("tar.test-zone.example.org").Targets(List.of("tar.loadbalancer.com")).RecordType("CNAME").Labels(labels("owner", "owner-2", "tar", "sometar")),
        ep().DNSName("foobar.test-zone.example.org").Targets(List.of("foobar.loadbalancer.com")).RecordType("CNAME").Labels(labels("owner", "")),
        ep().DNSName("multiple.test-zone.example.org").Targets(List.of("lb1.loadbalancer.com")).SetIdentifier("test-set-1").RecordType("CNAME").Labels(labels("owner", "")),
        ep().DNSName("multiple.test-zone.example.org").Targets(List.of("lb2.loadbalancer.com")).SetIdentifier("test-set-2").RecordType("CNAME").Labels(labels("owner", "")),
        ep().DNSName("dualstack.test-zone.example.org").Targets(List.of("1.1.1.1")).RecordType("A").Labels(labels("owner", "owner")),
        ep().DNSName("dualstack.test-zone.example.org").Targets(List.of("2001:DB8::1")).RecordType("AAAA").Labels(labels("owner", "owner-2")),
        ep().DNSName("mail.test-zone.example.org").Targets(List.of("10 onemail.example.com")).RecordType("MX").Labels(labels("owner", "owner")),
        ep().DNSName("_sip._udp.sip1.test-zone.example.org").Targets(List.of("1 50 5060 sip1-n1.test-zone.example.org", "1 50 5060 sip1-n2.test-zone.example.org")).RecordType("SRV").Labels(labels("owner", "owner")),
        ep().DNSName("sip1.test-zone.example.org").Targets(List.of("10 \"U\" \"SIP+DTU\" \"\" _sip._udp.sip1.test-zone.example.org.")).RecordType("NAPTR").Labels(labels("owner", "owner")));
    assertSameEndpoints(newRegistry("", "-txt", "owner", "").records(zone), expectedRecords);
    assertSameEndpoints(newRegistry("", "-TxT", "owner", "").records(zone), expectedRecords);
  }

  @Test
  void TestTXTRegistry_TestRecords_NoPrefix() {
    // testTXTRegistryRecordsNoPrefix
    List<Endpoint> zone = endpoints(eps(
        newEndpointWithOwner("foo.test-zone.example.org", "foo.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("bar.test-zone.example.org", "my-domain.com", "CNAME", ""),
        newEndpointWithOwner("alias.test-zone.example.org", "my-domain.com", "A", "").WithAliasProperty("true"),
        newEndpointWithOwner("cname-alias.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("txt.bar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress\"", "TXT", ""),
        newEndpointWithOwner("txt.bar.test-zone.example.org", "baz.test-zone.example.org", "CNAME", ""),
        newEndpointWithOwner("qux.test-zone.example.org", "random", "TXT", ""),
        newEndpointWithOwner("tar.test-zone.example.org", "tar.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("txt.tar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner-2\"", "TXT", ""),
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("foobar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("dualstack.test-zone.example.org", "1.1.1.1", "A", ""),
        newEndpointWithOwner("dualstack.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("dualstack.test-zone.example.org", "2001:DB8::1", "AAAA", ""),
        newEndpointWithOwner("aaaa-dualstack.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner-2\"", "TXT", ""),
        newEndpointWithOwner("mail.test-zone.example.org", "10 onemail.example.com", "MX", ""),
        newEndpointWithOwner("mx-mail.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newMultiTargetEndpointWithOwner("_sip._udp.sip1.test-zone.example.org", List.of("1 50 5060 sip1-n1.test-zone.example.org", "1 50 5060 sip1-n2.test-zone.example.org"), "SRV", ""),
        newEndpointWithOwner("_sip._udp.sip1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("sip1.test-zone.example.org", "10 \"U\" \"SIP+DTU\" \"\" _sip._udp.sip1.test-zone.example.org.", "NAPTR", ""),
        newEndpointWithOwner("sip1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "")));
    List<Ep> expectedRecords = eps(
        ep().DNSName("foo.test-zone.example.org").Targets(List.of("foo.loadbalancer.com")).RecordType("CNAME").Labels(labels("owner", "")),
        ep().DNSName("bar.test-zone.example.org").Targets(List.of("my-domain.com")).RecordType("CNAME").Labels(labels("owner", "")),
        ep().DNSName("alias.test-zone.example.org").Targets(List.of("my-domain.com")).RecordType("A").Labels(labels("owner", "owner")).ProviderSpecific(labels("alias", "true")),
        ep().DNSName("txt.bar.test-zone.example.org").Targets(List.of("baz.test-zone.example.org")).RecordType("CNAME").Labels(labels("owner", "owner", "resource", "ingress/default/my-ingress")),
        ep().DNSName("qux.test-zone.example.org").Targets(List.of("random")).RecordType("TXT").Labels(labels("owner", "")),
        ep().DNSName("tar.test-zone.example.org").Targets(List.of("tar.loadbalancer.com")).RecordType("CNAME").Labels(labels("owner", "")),
        ep().DNSName("foobar.test-zone.example.org").Targets(List.of("foobar.loadbalancer.com")).RecordType("CNAME").Labels(labels("owner", "owner")),
        ep().DNSName("dualstack.test-zone.example.org").Targets(List.of("1.1.1.1")).RecordType("A").Labels(labels("owner", "owner")),
        ep().DNSName("dualstack.test-zone.example.org").Targets(List.of("2001:DB8::1")).RecordType("AAAA").Labels(labels("owner", "owner-2")),
        ep().DNSName("mail.test-zone.example.org").Targets(List.of("10 onemail.example.com")).RecordType("MX").Labels(labels("owner", "owner")),
        ep().DNSName("_sip._udp.sip1.test-zone.example.org").Targets(List.of("1 50 5060 sip1-n1.test-zone.example.org", "1 50 5060 sip1-n2.test-zone.example.org")).RecordType("SRV").Labels(labels("owner", "owner")),
        ep().DNSName("sip1.test-zone.example.org").Targets(List.of("10 \"U\" \"SIP+DTU\" \"\" _sip._udp.sip1.test-zone.example.org.")).RecordType("NAPTR").Labels(labels("owner", "owner")));
    assertSameEndpoints(newRegistry("", "", "owner", "").records(zone), expectedRecords);
  }

  @Test
  void TestTXTRegistry_TestRecords_WithTemplatedPrefix() {
    // testTXTRegistryRecordsPrefixedTemplated
    List<Endpoint> zone = endpoints(eps(
        newEndpointWithOwner("foo.test-zone.example.org", "1.1.1.1", "A", ""),
        newEndpointWithOwner("txt-a.foo.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("mail.test-zone.example.org", "10 onemail.example.com", "MX", ""),
        newEndpointWithOwner("txt-mx.mail.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "")));
    List<Ep> expectedRecords = eps(
        ep().DNSName("foo.test-zone.example.org").Targets(List.of("1.1.1.1")).RecordType("A").Labels(labels("owner", "owner")),
        ep().DNSName("mail.test-zone.example.org").Targets(List.of("10 onemail.example.com")).RecordType("MX").Labels(labels("owner", "owner")));
    assertSameEndpoints(newRegistry("txt-%{record_type}.", "", "owner", "wc").records(zone), expectedRecords);
    assertSameEndpoints(newRegistry("TxT-%{record_type}.", "", "owner", "wc").records(zone), expectedRecords);
  }

  @Test
  void TestTXTRegistry_TestRecords_WithTemplatedSuffix() {
    // testTXTRegistryRecordsSuffixedTemplated
    List<Endpoint> zone = endpoints(eps(
        newEndpointWithOwner("bar.test-zone.example.org", "8.8.8.8", "CNAME", ""),
        newEndpointWithOwner("bartxtcname.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("mail.test-zone.example.org", "10 onemail.example.com", "MX", ""),
        newEndpointWithOwner("mailtxt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "")));
    List<Ep> expectedRecords = eps(
        ep().DNSName("bar.test-zone.example.org").Targets(List.of("8.8.8.8")).RecordType("CNAME").Labels(labels("owner", "owner")),
        ep().DNSName("mail.test-zone.example.org").Targets(List.of("10 onemail.example.com")).RecordType("MX").Labels(labels("owner", "owner")));
    assertSameEndpoints(newRegistry("", "txt%{record_type}", "owner", "wc").records(zone), expectedRecords);
    assertSameEndpoints(newRegistry("", "TxT%{record_type}", "owner", "wc").records(zone), expectedRecords);
  }

  @Test
  void TestTXTRegistry_TestApplyChanges_WithPrefix() {
    // testTXTRegistryApplyChangesWithPrefix
    List<Endpoint> zone = endpoints(eps(
        newEndpointWithOwner("foo.test-zone.example.org", "foo.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("bar.test-zone.example.org", "my-domain.com", "CNAME", ""),
        newEndpointWithOwner("txt.bar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("txt.bar.test-zone.example.org", "baz.test-zone.example.org", "CNAME", ""),
        newEndpointWithOwner("qux.test-zone.example.org", "random", "TXT", ""),
        newEndpointWithOwner("tar.test-zone.example.org", "tar.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("txt.tar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("txt.cname-tar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("txt.foobar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("txt.cname-foobar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb1.loadbalancer.com", "CNAME", "").WithSetIdentifier("test-set-1"),
        newEndpointWithOwner("txt.multiple.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "").WithSetIdentifier("test-set-1"),
        newEndpointWithOwner("txt.cname-multiple.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "").WithSetIdentifier("test-set-1"),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb2.loadbalancer.com", "CNAME", "").WithSetIdentifier("test-set-2"),
        newEndpointWithOwner("txt.multiple.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "").WithSetIdentifier("test-set-2"),
        newEndpointWithOwner("txt.cname-multiple.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "").WithSetIdentifier("test-set-2")));
    Changes changes = changes(eps(
        newCNAMEEndpointWithOwnerResource("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "owner", "ingress/default/my-ingress"),
        newCNAMEEndpointWithOwnerResource("multiple.test-zone.example.org", "lb3.loadbalancer.com", "owner", "ingress/default/my-ingress").WithSetIdentifier("test-set-3"),
        newCNAMEEndpointWithOwnerResource("example", "new-loadbalancer-1.lb.com", "owner", "ingress/default/my-ingress")), eps(
        newEndpointWithOwner("tar.test-zone.example.org", "tar.loadbalancer.com", "CNAME", "owner"),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb2.loadbalancer.com", "CNAME", "owner").WithSetIdentifier("test-set-2")), eps(
        newCNAMEEndpointWithOwnerResource("tar.test-zone.example.org", "new-tar.loadbalancer.com", "owner", "ingress/default/my-ingress-2"),
        newCNAMEEndpointWithOwnerResource("multiple.test-zone.example.org", "new.loadbalancer.com", "owner", "ingress/default/my-ingress-2").WithSetIdentifier("test-set-2")), eps(
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", "owner"),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb1.loadbalancer.com", "CNAME", "owner").WithSetIdentifier("test-set-1")));
    Changes expected = changes(eps(
        newCNAMEEndpointWithOwnerResource("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "owner", "ingress/default/my-ingress"),
        newTXTEndpointWithOwnedRecord("txt.cname-new-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress\"", "new-record-1.test-zone.example.org"),
        newCNAMEEndpointWithOwnerResource("multiple.test-zone.example.org", "lb3.loadbalancer.com", "owner", "ingress/default/my-ingress").WithSetIdentifier("test-set-3"),
        newTXTEndpointWithOwnedRecord("txt.cname-multiple.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress\"", "multiple.test-zone.example.org").WithSetIdentifier("test-set-3"),
        newCNAMEEndpointWithOwnerResource("example", "new-loadbalancer-1.lb.com", "owner", "ingress/default/my-ingress"),
        newTXTEndpointWithOwnedRecord("txt.cname-example", "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress\"", "example")), eps(
        newEndpointWithOwner("tar.test-zone.example.org", "tar.loadbalancer.com", "CNAME", "owner"),
        newTXTEndpointWithOwnedRecord("txt.cname-tar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "tar.test-zone.example.org"),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb2.loadbalancer.com", "CNAME", "owner").WithSetIdentifier("test-set-2"),
        newTXTEndpointWithOwnedRecord("txt.cname-multiple.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "multiple.test-zone.example.org").WithSetIdentifier("test-set-2")), eps(
        newCNAMEEndpointWithOwnerResource("tar.test-zone.example.org", "new-tar.loadbalancer.com", "owner", "ingress/default/my-ingress-2"),
        newTXTEndpointWithOwnedRecord("txt.cname-tar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress-2\"", "tar.test-zone.example.org"),
        newCNAMEEndpointWithOwnerResource("multiple.test-zone.example.org", "new.loadbalancer.com", "owner", "ingress/default/my-ingress-2").WithSetIdentifier("test-set-2"),
        newTXTEndpointWithOwnedRecord("txt.cname-multiple.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress-2\"", "multiple.test-zone.example.org").WithSetIdentifier("test-set-2")), eps(
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", "owner"),
        newTXTEndpointWithOwnedRecord("txt.cname-foobar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "foobar.test-zone.example.org"),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb1.loadbalancer.com", "CNAME", "owner").WithSetIdentifier("test-set-1"),
        newTXTEndpointWithOwnedRecord("txt.cname-multiple.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "multiple.test-zone.example.org").WithSetIdentifier("test-set-1")));
    assertSamePlanChanges(newRegistry("txt.", "", "owner", "").applyChanges(zone, changes), expected);
  }

  @Test
  void TestTXTRegistry_TestApplyChanges_WithTemplatedPrefix() {
    // testTXTRegistryApplyChangesWithTemplatedPrefix
    List<Endpoint> zone = endpoints(eps(
        ));
    Changes changes = changes(eps(
        newCNAMEEndpointWithOwnerResource("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "owner-1", "ingress/default/my-ingress")), eps(
        ), eps(
        ), eps(
        ));
    Changes expected = changes(eps(
        newCNAMEEndpointWithOwnerResource("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "owner-1", "ingress/default/my-ingress"),
        newTXTEndpointWithOwnedRecord("prefixcname.new-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner-1,external-dns/resource=ingress/default/my-ingress\"", "new-record-1.test-zone.example.org")), eps(), eps(), eps());
    assertSamePlanChanges(newRegistry("prefix%{record_type}.", "", "owner-1", "").applyChanges(zone, changes), expected);
  }

  @Test
  void TestTXTRegistry_TestApplyChanges_WithTemplatedSuffix() {
    // testTXTRegistryApplyChangesWithTemplatedSuffix
    List<Endpoint> zone = endpoints(eps());
    Changes changes = changes(eps(
        newCNAMEEndpointWithOwnerResource("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "owner-2", "ingress/default/my-ingress")), eps(
        ), eps(
        ), eps(
        ));
    Changes expected = changes(eps(
        newCNAMEEndpointWithOwnerResource("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "owner-2", "ingress/default/my-ingress"),
        newTXTEndpointWithOwnedRecord("new-record-1-cnamesuffix.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner-2,external-dns/resource=ingress/default/my-ingress\"", "new-record-1.test-zone.example.org")), eps(), eps(), eps());
    assertSamePlanChanges(newRegistry("", "-%{record_type}suffix", "owner-2", "").applyChanges(zone, changes), expected);
  }

  @Test
  void TestTXTRegistry_TestApplyChanges_WithSuffix() {
    // testTXTRegistryApplyChangesWithSuffix
    List<Endpoint> zone = endpoints(eps(
        newEndpointWithOwner("foo.test-zone.example.org", "foo.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("bar.test-zone.example.org", "my-domain.com", "CNAME", ""),
        newEndpointWithOwner("bar-txt.test-zone.example.org", "baz.test-zone.example.org", "CNAME", ""),
        newEndpointWithOwner("bar-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("cname-bar-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("qux.test-zone.example.org", "random", "TXT", ""),
        newEndpointWithOwner("tar.test-zone.example.org", "tar.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("tar-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("cname-tar-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("foobar-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("cname-foobar-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb1.loadbalancer.com", "CNAME", "").WithSetIdentifier("test-set-1"),
        newEndpointWithOwner("multiple-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "").WithSetIdentifier("test-set-1"),
        newEndpointWithOwner("cname-multiple-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "").WithSetIdentifier("test-set-1"),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb2.loadbalancer.com", "CNAME", "").WithSetIdentifier("test-set-2"),
        newEndpointWithOwner("multiple-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "").WithSetIdentifier("test-set-2"),
        newEndpointWithOwner("cname-multiple-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "").WithSetIdentifier("test-set-2")));
    Changes changes = changes(eps(
        newCNAMEEndpointWithOwnerResource("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "owner", "ingress/default/my-ingress"),
        newCNAMEEndpointWithOwnerResource("multiple.test-zone.example.org", "lb3.loadbalancer.com", "owner", "ingress/default/my-ingress").WithSetIdentifier("test-set-3"),
        newCNAMEEndpointWithOwnerResource("example", "new-loadbalancer-1.lb.com", "owner", "ingress/default/my-ingress"),
        newCNAMEEndpointWithOwnerResource("*.wildcard.test-zone.example.org", "new-loadbalancer-1.lb.com", "owner", "ingress/default/my-ingress")), eps(
        newEndpointWithOwner("tar.test-zone.example.org", "tar.loadbalancer.com", "CNAME", "owner"),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb2.loadbalancer.com", "CNAME", "owner").WithSetIdentifier("test-set-2")), eps(
        newCNAMEEndpointWithOwnerResource("tar.test-zone.example.org", "new-tar.loadbalancer.com", "owner", "ingress/default/my-ingress-2"),
        newCNAMEEndpointWithOwnerResource("multiple.test-zone.example.org", "new.loadbalancer.com", "owner", "ingress/default/my-ingress-2").WithSetIdentifier("test-set-2")), eps(
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", "owner"),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb1.loadbalancer.com", "CNAME", "owner").WithSetIdentifier("test-set-1")));
    Changes expected = changes(eps(
        newCNAMEEndpointWithOwnerResource("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "owner", "ingress/default/my-ingress"),
        newTXTEndpointWithOwnedRecord("cname-new-record-1-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress\"", "new-record-1.test-zone.example.org"),
        newCNAMEEndpointWithOwnerResource("multiple.test-zone.example.org", "lb3.loadbalancer.com", "owner", "ingress/default/my-ingress").WithSetIdentifier("test-set-3"),
        newTXTEndpointWithOwnedRecord("cname-multiple-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress\"", "multiple.test-zone.example.org").WithSetIdentifier("test-set-3"),
        newCNAMEEndpointWithOwnerResource("example", "new-loadbalancer-1.lb.com", "owner", "ingress/default/my-ingress"),
        newTXTEndpointWithOwnedRecord("cname-example-txt", "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress\"", "example"),
        newCNAMEEndpointWithOwnerResource("*.wildcard.test-zone.example.org", "new-loadbalancer-1.lb.com", "owner", "ingress/default/my-ingress"),
        newTXTEndpointWithOwnedRecord("cname-wildcard-txt.wildcard.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress\"", "*.wildcard.test-zone.example.org")), eps(
        newEndpointWithOwner("tar.test-zone.example.org", "tar.loadbalancer.com", "CNAME", "owner"),
        newTXTEndpointWithOwnedRecord("cname-tar-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "tar.test-zone.example.org"),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb2.loadbalancer.com", "CNAME", "owner").WithSetIdentifier("test-set-2"),
        newTXTEndpointWithOwnedRecord("cname-multiple-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "multiple.test-zone.example.org").WithSetIdentifier("test-set-2")), eps(
        newCNAMEEndpointWithOwnerResource("tar.test-zone.example.org", "new-tar.loadbalancer.com", "owner", "ingress/default/my-ingress-2"),
        newTXTEndpointWithOwnedRecord("cname-tar-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress-2\"", "tar.test-zone.example.org"),
        newCNAMEEndpointWithOwnerResource("multiple.test-zone.example.org", "new.loadbalancer.com", "owner", "ingress/default/my-ingress-2").WithSetIdentifier("test-set-2"),
        newTXTEndpointWithOwnedRecord("cname-multiple-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress-2\"", "multiple.test-zone.example.org").WithSetIdentifier("test-set-2")), eps(
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", "owner"),
        newTXTEndpointWithOwnedRecord("cname-foobar-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "foobar.test-zone.example.org"),
        newEndpointWithOwner("multiple.test-zone.example.org", "lb1.loadbalancer.com", "CNAME", "owner").WithSetIdentifier("test-set-1"),
        newTXTEndpointWithOwnedRecord("cname-multiple-txt.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "multiple.test-zone.example.org").WithSetIdentifier("test-set-1")));
    assertSamePlanChanges(newRegistry("", "-txt", "owner", "wildcard").applyChanges(zone, changes), expected);
  }

  @Test
  void TestTXTRegistry_TestApplyChanges_NoPrefix() {
    // testTXTRegistryApplyChangesNoPrefix
    List<Endpoint> zone = endpoints(eps(
        newEndpointWithOwner("foo.test-zone.example.org", "foo.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("bar.test-zone.example.org", "my-domain.com", "CNAME", ""),
        newEndpointWithOwner("txt.bar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("txt.bar.test-zone.example.org", "baz.test-zone.example.org", "CNAME", ""),
        newEndpointWithOwner("qux.test-zone.example.org", "random", "TXT", ""),
        newEndpointWithOwner("tar.test-zone.example.org", "tar.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("txt.tar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("foobar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("cname-foobar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "")));
    Changes changes = changes(eps(
        newEndpointWithOwner("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "CNAME", ""),
        newEndpointWithOwner("example", "new-loadbalancer-1.lb.com", "CNAME", ""),
        newEndpointWithOwner("new-alias.test-zone.example.org", "my-domain.com", "A", "").WithAliasProperty("true"),
        newEndpointWithOwner("new-alias-a-only.test-zone.example.org", "my-domain.com", "A", "").WithAliasProperty("A")), eps(
        newEndpointWithOwner("tar.test-zone.example.org", "tar.loadbalancer.com", "CNAME", "owner-2")), eps(
        newEndpointWithOwner("tar.test-zone.example.org", "new-tar.loadbalancer.com", "CNAME", "owner-2")), eps(
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", "owner")));
    Changes expected = changes(eps(
        newEndpointWithOwner("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "CNAME", "owner"),
        newTXTEndpointWithOwnedRecord("cname-new-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "new-record-1.test-zone.example.org"),
        newEndpointWithOwner("example", "new-loadbalancer-1.lb.com", "CNAME", "owner"),
        newTXTEndpointWithOwnedRecord("cname-example", "\"heritage=external-dns,external-dns/owner=owner\"", "example"),
        newEndpointWithOwner("new-alias.test-zone.example.org", "my-domain.com", "A", "owner").WithAliasProperty("true"),
        newTXTEndpointWithOwnedRecord("a-new-alias.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "new-alias.test-zone.example.org").WithAliasProperty("true"),
        newEndpointWithOwner("new-alias-a-only.test-zone.example.org", "my-domain.com", "A", "owner").WithAliasProperty("A"),
        newTXTEndpointWithOwnedRecord("a-new-alias-a-only.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "new-alias-a-only.test-zone.example.org").WithAliasProperty("A")), eps(
        ), eps(
        ), eps(
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", "owner"),
        newTXTEndpointWithOwnedRecord("cname-foobar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "foobar.test-zone.example.org")));
    assertSamePlanChanges(newRegistry("", "", "owner", "").applyChanges(zone, changes), expected);
  }

  @Test
  void TestNewTXTScheme() {
    // TestNewTXTScheme
    List<Endpoint> zone = endpoints(eps(
        newEndpointWithOwner("foo.test-zone.example.org", "foo.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("bar.test-zone.example.org", "my-domain.com", "CNAME", ""),
        newEndpointWithOwner("txt.bar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("txt.bar.test-zone.example.org", "baz.test-zone.example.org", "CNAME", ""),
        newEndpointWithOwner("qux.test-zone.example.org", "random", "TXT", ""),
        newEndpointWithOwner("tar.test-zone.example.org", "tar.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("txt.tar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("foobar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("cname-foobar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "")));
    Changes changes = changes(eps(
        newEndpointWithOwner("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "CNAME", ""),
        newEndpointWithOwner("example", "new-loadbalancer-1.lb.com", "CNAME", "")), eps(
        newEndpointWithOwner("tar.test-zone.example.org", "tar.loadbalancer.com", "CNAME", "owner-2")), eps(
        newEndpointWithOwner("tar.test-zone.example.org", "new-tar.loadbalancer.com", "CNAME", "owner-2")), eps(
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", "owner")));
    Changes expected = changes(eps(
        newEndpointWithOwner("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "CNAME", "owner"),
        newTXTEndpointWithOwnedRecord("cname-new-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "new-record-1.test-zone.example.org"),
        newEndpointWithOwner("example", "new-loadbalancer-1.lb.com", "CNAME", "owner"),
        newTXTEndpointWithOwnedRecord("cname-example", "\"heritage=external-dns,external-dns/owner=owner\"", "example")), eps(
        ), eps(
        ), eps(
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", "owner"),
        newTXTEndpointWithOwnedRecord("cname-foobar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "foobar.test-zone.example.org")));
    assertSamePlanChanges(newRegistry("", "", "owner", "").applyChanges(zone, changes), expected);
  }

  @Test
  void TestTXTRegistry_TestMissingRecords_NoPrefix() {
    // testTXTRegistryMissingRecordsNoPrefix. Deliberate difference: no txt/force-update (see the class comment);
    // the records owned through a legacy TXT are owned all the same.
    List<Endpoint> zone = endpoints(eps(
        newEndpointWithOwner("oldformat.test-zone.example.org", "foo.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("oldformat.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("oldformat2.test-zone.example.org", "bar.loadbalancer.com", "A", ""),
        newEndpointWithOwner("oldformat2.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("newformat.test-zone.example.org", "foobar.nameserver.com", "NS", ""),
        newEndpointWithOwner("ns-newformat.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("newformat.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("noheritage.test-zone.example.org", "random", "TXT", ""),
        newEndpointWithOwner("oldformat-otherowner.test-zone.example.org", "bar.loadbalancer.com", "A", ""),
        newEndpointWithOwner("oldformat-otherowner.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=otherowner\"", "TXT", ""),
        NewEndpoint("unmanaged1.test-zone.example.org", "A", "unmanaged1.loadbalancer.com"),
        NewEndpoint("unmanaged2.test-zone.example.org", "CNAME", "unmanaged2.loadbalancer.com"),
        newEndpointWithOwner("this-is-a-63-characters-long-label-that-we-do-expect-will-work.test-zone.example.org", "foo.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("this-is-a-63-characters-long-label-that-we-do-expect-will-work.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "")));
    List<Ep> expectedRecords = withoutForceUpdate(eps(
        ep().DNSName("oldformat.test-zone.example.org").Targets(List.of("foo.loadbalancer.com")).RecordType("CNAME").Labels(labels("owner", "owner")).ProviderSpecific(labels("txt/force-update", "true")),
        ep().DNSName("oldformat2.test-zone.example.org").Targets(List.of("bar.loadbalancer.com")).RecordType("A").Labels(labels("owner", "owner")).ProviderSpecific(labels("txt/force-update", "true")),
        ep().DNSName("newformat.test-zone.example.org").Targets(List.of("foobar.nameserver.com")).RecordType("NS").Labels(labels("owner", "owner")),
        ep().DNSName("noheritage.test-zone.example.org").Targets(List.of("random")).RecordType("TXT").Labels(labels("owner", "")),
        ep().DNSName("oldformat-otherowner.test-zone.example.org").Targets(List.of("bar.loadbalancer.com")).RecordType("A").Labels(labels("owner", "otherowner")),
        ep().DNSName("unmanaged1.test-zone.example.org").Targets(List.of("unmanaged1.loadbalancer.com")).RecordType("A"),
        ep().DNSName("unmanaged2.test-zone.example.org").Targets(List.of("unmanaged2.loadbalancer.com")).RecordType("CNAME"),
        ep().DNSName("this-is-a-63-characters-long-label-that-we-do-expect-will-work.test-zone.example.org").Targets(List.of("foo.loadbalancer.com")).RecordType("CNAME").Labels(labels("owner", "owner"))));
    assertSameEndpoints(newRegistry("", "", "owner", "wc").records(zone), expectedRecords);
  }

  @Test
  void TestTXTRegistry_TestMissingRecords_WithPrefix() {
    // testTXTRegistryMissingRecordsWithPrefix. Deliberate difference: no txt/force-update (see the class comment);
    // the records owned through a legacy TXT are owned all the same.
    List<Endpoint> zone = endpoints(eps(
        newEndpointWithOwner("oldformat.test-zone.example.org", "foo.loadbalancer.com", "CNAME", ""),
        newEndpointWithOwner("txt.oldformat.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("oldformat2.test-zone.example.org", "bar.loadbalancer.com", "A", ""),
        newEndpointWithOwner("txt.oldformat2.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("newformat.test-zone.example.org", "foobar.nameserver.com", "NS", ""),
        newEndpointWithOwner("txt.ns-newformat.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("oldformat3.test-zone.example.org", "random", "TXT", ""),
        newEndpointWithOwner("txt.oldformat3.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("txt.newformat.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", ""),
        newEndpointWithOwner("noheritage.test-zone.example.org", "random", "TXT", ""),
        newEndpointWithOwner("oldformat-otherowner.test-zone.example.org", "bar.loadbalancer.com", "A", ""),
        newEndpointWithOwner("txt.oldformat-otherowner.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=otherowner\"", "TXT", ""),
        NewEndpoint("unmanaged1.test-zone.example.org", "A", "unmanaged1.loadbalancer.com"),
        NewEndpoint("unmanaged2.test-zone.example.org", "CNAME", "unmanaged2.loadbalancer.com")));
    List<Ep> expectedRecords = withoutForceUpdate(eps(
        ep().DNSName("oldformat.test-zone.example.org").Targets(List.of("foo.loadbalancer.com")).RecordType("CNAME").Labels(labels("owner", "owner")).ProviderSpecific(labels("txt/force-update", "true")),
        ep().DNSName("oldformat2.test-zone.example.org").Targets(List.of("bar.loadbalancer.com")).RecordType("A").Labels(labels("owner", "owner")).ProviderSpecific(labels("txt/force-update", "true")),
        ep().DNSName("oldformat3.test-zone.example.org").Targets(List.of("random")).RecordType("TXT").Labels(labels("owner", "owner")).ProviderSpecific(labels("txt/force-update", "true")),
        ep().DNSName("newformat.test-zone.example.org").Targets(List.of("foobar.nameserver.com")).RecordType("NS").Labels(labels("owner", "owner")),
        ep().DNSName("noheritage.test-zone.example.org").Targets(List.of("random")).RecordType("TXT").Labels(labels("owner", "")),
        ep().DNSName("oldformat-otherowner.test-zone.example.org").Targets(List.of("bar.loadbalancer.com")).RecordType("A").Labels(labels("owner", "otherowner")),
        ep().DNSName("unmanaged1.test-zone.example.org").Targets(List.of("unmanaged1.loadbalancer.com")).RecordType("A"),
        ep().DNSName("unmanaged2.test-zone.example.org").Targets(List.of("unmanaged2.loadbalancer.com")).RecordType("CNAME")));
    assertSameEndpoints(newRegistry("txt.", "", "owner", "wc").records(zone), expectedRecords);
  }


  static List<MissingRecordsCase> missingRecordsTable() {
    return List.of(
        new MissingRecordsCase("Recreate missing A record when TXT exists",
            eps(
            newEndpointWithOwner("new-record-1.test-zone.example.org", "1.1.1.1", "A", "")),
            eps(
            newEndpointWithOwner("new-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("a-new-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner")),
            eps(
            newEndpointWithOwner("new-record-1.test-zone.example.org", "1.1.1.1", "A", "owner"))),
        new MissingRecordsCase("Recreate missing AAAA record when TXT exists",
            eps(
            newEndpointWithOwner("new-record-1.test-zone.example.org", "2001:db8::1", "AAAA", "")),
            eps(
            newEndpointWithOwner("new-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("aaaa-new-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner")),
            eps(
            newEndpointWithOwner("new-record-1.test-zone.example.org", "2001:db8::1", "AAAA", "owner"))),
        new MissingRecordsCase("Recreate missing CNAME record when TXT exists",
            eps(
            newEndpointWithOwner("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "CNAME", "")),
            eps(
            newEndpointWithOwner("new-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("cname-new-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner")),
            eps(
            newEndpointWithOwner("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "CNAME", "owner"))),
        new MissingRecordsCase("Recreate missing A and CNAME records when TXT exists",
            eps(
            newEndpointWithOwner("new-record-1.test-zone.example.org", "1.1.1.1", "A", ""),
            newEndpointWithOwner("new-record-2.test-zone.example.org", "new-loadbalancer-1.lb.com", "CNAME", "")),
            eps(
            newEndpointWithOwner("new-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("new-record-2.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("a-new-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("cname-new-record-2.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner")),
            eps(
            newEndpointWithOwner("new-record-1.test-zone.example.org", "1.1.1.1", "A", "owner"),
            newEndpointWithOwner("new-record-2.test-zone.example.org", "new-loadbalancer-1.lb.com", "CNAME", "owner"))),
        new MissingRecordsCase("Recreate missing A records when TXT and CNAME exists",
            eps(
            newEndpointWithOwner("new-record-1.test-zone.example.org", "1.1.1.1", "A", ""),
            newEndpointWithOwner("new-record-2.test-zone.example.org", "new-loadbalancer-1.lb.com", "CNAME", "")),
            eps(
            newEndpointWithOwner("new-record-2.test-zone.example.org", "new-loadbalancer-1.lb.com", "CNAME", "owner"),
            newEndpointWithOwner("new-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("new-record-2.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("a-new-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("cname-new-record-2.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner")),
            eps(
            newEndpointWithOwner("new-record-1.test-zone.example.org", "1.1.1.1", "A", "owner"))),
        new MissingRecordsCase("Only one A record is missing among several existing records",
            eps(
            newEndpointWithOwner("record-1.test-zone.example.org", "1.1.1.1", "A", ""),
            newEndpointWithOwner("record-2.test-zone.example.org", "1.1.1.2", "A", ""),
            newEndpointWithOwner("record-3.test-zone.example.org", "1.1.1.3", "A", ""),
            newEndpointWithOwner("record-4.test-zone.example.org", "2001:db8::4", "AAAA", ""),
            newEndpointWithOwner("record-5.test-zone.example.org", "cluster-b", "CNAME", "")),
            eps(
            newEndpointWithOwner("record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("a-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("record-2.test-zone.example.org", "1.1.1.2", "A", "owner"),
            newEndpointWithOwner("record-2.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("a-record-2.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("record-3.test-zone.example.org", "1.1.1.3", "A", "owner"),
            newEndpointWithOwner("record-3.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("a-record-3.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("record-4.test-zone.example.org", "2001:db8::4", "AAAA", "owner"),
            newEndpointWithOwner("record-4.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("aaaa-record-4.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("record-5.test-zone.example.org", "cluster-b", "CNAME", "owner"),
            newEndpointWithOwner("record-5.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner"),
            newEndpointWithOwner("cname-record-5.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"", "TXT", "owner")),
            eps(
            newEndpointWithOwner("record-1.test-zone.example.org", "1.1.1.1", "A", "owner"))),
        new MissingRecordsCase("Should not recreate TXT records for existing A records without owner",
            eps(
            newEndpointWithOwner("record-1.test-zone.example.org", "1.1.1.1", "A", "")),
            eps(
            newEndpointWithOwner("record-1.test-zone.example.org", "1.1.1.1", "A", "owner")),
            eps(
            )),
        new MissingRecordsCase("Should not recreate TXT records for existing A records with another owner",
            eps(
            newEndpointWithOwner("record-1.test-zone.example.org", "1.1.1.1", "A", "")),
            eps(
            newEndpointWithOwner("record-1.test-zone.example.org", "1.1.1.1", "A", "another-owner"),
            newEndpointWithOwner("a-record-1.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=another-owner\"", "TXT", "another-owner")),
            eps(
            )));
  }

  @Test
  void TestTXTRegistry_TestNewTXTRegistry() {
    // testTXTRegistryNew. The owner id is the watcher's --txt-owner-id (WatcherConfig refuses an
    // empty one); the planner serves many, so its registry has none.
    new TxtRegistryConfig("txt", "", "", false, "", Map.of());
    new TxtRegistryConfig("", "txt", "", false, "", Map.of());
    assertThatThrownBy(() -> new TxtRegistryConfig("txt", "txt", "", false, "", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    String aesKey = ";k&l)nUC/33:{?d{3)54+,AD?]SX%yh^";
    new TxtRegistryConfig("", "", "", false, "", Map.of());
    new TxtRegistryConfig("", "", "", false, aesKey, Map.of());
    assertThatThrownBy(() -> new TxtRegistryConfig("", "", "", true, "", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new TxtRegistryConfig("", "", "", true, aesKey, Map.of()).registry()).isNotNull();
  }

  @Test
  void TestGenerateTXT() {
    Endpoint record = newEndpointWithOwner("foo.test-zone.example.org", "new-foo.loadbalancer.com", "CNAME", "owner").endpoint();
    assertSameEndpoints(List.of(newRegistry("", "", "owner", "").registry.ownershipRecord(record)), eps(
        newTXTEndpointWithOwnedRecord("cname-foo.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"",
            "foo.test-zone.example.org")));
  }

  @Test
  void TestGenerateTXTWithMigration() {
    Endpoint record = newEndpointWithOwner("foo.test-zone.example.org", "1.2.3.4", "A", "owner").endpoint();
    TxtRegistry r = newRegistry("", "", "owner", "");
    Endpoint before = r.registry.ownershipRecord(record);
    assertSameEndpoints(List.of(before), eps(newTXTEndpointWithOwnedRecord("a-foo.test-zone.example.org",
        "\"heritage=external-dns,external-dns/owner=owner\"", "foo.test-zone.example.org")));
    // Go's generateTXTRecord relabels the old owner's record; dnsplane's registry does so when it
    // reads the record, so the record is read back through the migrating registry first.
    TxtRegistry migrated = newRegistry("", "", "foobar", "", false, "", "owner");
    List<Endpoint> read = migrated.records(List.of(record.withoutLabels(), before));
    assertSameEndpoints(List.of(migrated.registry.ownershipRecord(read.get(0))), eps(
        newTXTEndpointWithOwnedRecord("a-foo.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=foobar\"",
            "foo.test-zone.example.org")));
  }

  @Test
  void TestGenerateTXTForAAAA() {
    Endpoint record = newEndpointWithOwner("foo.test-zone.example.org", "2001:DB8::1", "AAAA", "owner").endpoint();
    assertSameEndpoints(List.of(newRegistry("", "", "owner", "").registry.ownershipRecord(record)), eps(
        newTXTEndpointWithOwnedRecord("aaaa-foo.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner\"",
            "foo.test-zone.example.org")));
  }

  @Test
  void TestFailGenerateTXT() {
    // Deliberate difference: ExternalDNS generates no TXT for a name with a label over 63
    // characters and creates the record unowned; dnsplane does not create the record at all.
    Endpoint cname = ep().DNSName("foo-some-really-big-name-not-supported-and-will-fail-000000000000000000.test-zone.example.org")
        .Targets(List.of("new-foo.loadbalancer.com")).RecordType("CNAME").Labels(labels("owner", "owner")).endpoint();
    NamePlanner planner = new NamePlanner(new Planner(), Policy.SYNC, newRegistry("", "", "owner", "").registry);
    io.dnsplane.planner.plan.Plan plan = planner.plan(cname.dnsName(), TEST_ZONE, List.of(cname), List.of(),
        OwnerScope.all(Set.of("owner")));
    assertThat(plan.changes().isEmpty()).isTrue();
    assertThat(plan.conflicts()).singleElement().satisfies(c -> assertThat(c.reason()).contains("longer than 63"));
  }

  @Test
  void TestTXTRegistryApplyChangesEncrypt() {
    String encrypted = "\"h8UQ6jelUFUsEIn7SbFktc2MYXPx/q8lySqI4VwfVtVaIbb2nkHWV/88KKbuLtu7fJNzMir8ELVeVnRSY01KdiIuj7ledqZe5ailEjQaU5Z6uEKd5pgs6sH8\"";
    List<Endpoint> zone = endpoints(eps(
        newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", ""),
        newTXTEndpointWithOwnedRecord("txt.cname-foobar.test-zone.example.org", encrypted, "foobar.test-zone.example.org")));
    TxtRegistry r = newRegistry("txt.", "", "owner", "", true, "12345678901234567890123456789012", "");
    List<Endpoint> records = r.records(zone);
    // The TXT deleted is the one the zone holds, encrypted value and all (ExternalDNS reuses its nonce).
    assertSamePlanChanges(r.applyChanges(zone, new Changes(List.of(), List.of(), List.of(), records)),
        changes(eps(), eps(), eps(), eps(
            newEndpointWithOwner("foobar.test-zone.example.org", "foobar.loadbalancer.com", "CNAME", "owner"),
            newTXTEndpointWithOwnedRecord("txt.cname-foobar.test-zone.example.org", encrypted, "foobar.test-zone.example.org"))));
  }

  @Test
  void TestMultiClusterDifferentRecordTypeOwnership() {
    // The first cluster's A keeps the name; the second cluster's CNAME plans nothing. (The Go test
    // computes this comparison without asserting it; here it is asserted, through the planner.)
    List<Endpoint> zone = endpoints(eps(
        newEndpointWithOwner("bar.test-zone.example.org",
            "\"heritage=external-dns,external-dns/owner=cat,external-dns/resource=ingress/default/foo\"", "TXT", ""),
        newEndpointWithOwner("bar.test-zone.example.org", "1.2.3.4", "A", "")));
    Endpoint cname = ep().DNSName("bar.test-zone.example.org").Targets(List.of("cluster-b")).RecordType("CNAME")
        .Labels(labels("owner", "bar", "resource", "ingress/default/foo-127")).endpoint();
    NamePlanner planner = new NamePlanner(new Planner(Set.of("A", "AAAA", "CNAME")), Policy.SYNC,
        newRegistry("_owner.", "", "bar", "").registry);
    io.dnsplane.planner.plan.Plan plan = planner.plan("bar.test-zone.example.org", TEST_ZONE, List.of(cname), zone,
        OwnerScope.all(Set.of("bar")));
    assertSamePlanChanges(plan.changes(), Changes.NONE);
  }

  static Stream<Arguments> TestGenerateTXTRecordWithNewFormatOnly() {
    return Stream.of(
        Arguments.of("legacy format enabled - standard record", newEndpointWithOwner("foo.test-zone.example.org", "1.2.3.4", "A", "owner"), "a-"),
        Arguments.of("new format only - standard record", newEndpointWithOwner("foo.test-zone.example.org", "1.2.3.4", "A", "owner"), "a-"),
        Arguments.of("legacy format enabled - AAAA record", newEndpointWithOwner("foo.test-zone.example.org", "2001:db8::1", "AAAA", "owner"), "aaaa-"),
        Arguments.of("new format only - AAAA record", newEndpointWithOwner("foo.test-zone.example.org", "2001:db8::1", "AAAA", "owner"), "aaaa-"));
  }

  @ParameterizedTest(name = "TestGenerateTXTRecordWithNewFormatOnly/{0}")
  @MethodSource
  void TestGenerateTXTRecordWithNewFormatOnly(String name, Ep record, String expectedPrefix) {
    // One TXT per record, in the new format only (dnsplane has never written the legacy one).
    Endpoint txt = newRegistry("", "", "owner", "").registry.ownershipRecord(record.endpoint());
    assertThat(txt.recordType()).isEqualTo("TXT");
    assertThat(txt.dnsName()).startsWith(expectedPrefix);
  }

  @Test
  void TestApplyChangesWithNewFormatOnly() {
    Changes applied = newRegistry("", "", "owner", "").applyChanges(List.of(),
        changes(eps(newEndpointWithOwner("new-record.test-zone.example.org", "1.2.3.4", "A", "owner")), eps(), eps(), eps()));
    List<Endpoint> txts = applied.create().stream().filter(e -> e.recordType().equals("TXT")).toList();
    assertThat(txts).singleElement().satisfies(t -> assertThat(t.dnsName()).startsWith("a-"));
  }

  @Test
  void TestTXTRegistryRecordsWithEmptyTargets() {
    List<Endpoint> zone = endpoints(eps(
        ep().DNSName("empty-targets.test-zone.example.org").RecordType("TXT").Targets(List.of()),
        ep().DNSName("valid-targets.test-zone.example.org").RecordType("TXT").Targets(List.of("target1"))));
    assertSameEndpoints(newRegistry("", "", "owner", "").records(zone), eps(
        ep().DNSName("valid-targets.test-zone.example.org").Targets(List.of("target1")).RecordType("TXT").Labels(labels())));
  }

  record MissingRecordsCase(String name, List<Ep> desired, List<Ep> existing, List<Ep> expectedCreate) {}

  /** Go's in-memory provider: a zone that applies changes and refuses to create what it holds (as Route53). */
  static final class InMemoryZone {
    final List<Endpoint> records = new ArrayList<>();

    void apply(Changes changes) {
      changes.delete().forEach(d -> assertThat(records.removeIf(r -> sameKey(r, d))).as("delete " + d).isTrue());
      changes.updateOld().forEach(d -> assertThat(records.removeIf(r -> sameKey(r, d))).as("update " + d).isTrue());
      changes.updateNew().forEach(records::add);
      for (Endpoint c : changes.create()) {
        assertThat(records.stream().noneMatch(r -> sameKey(r, c))).as("create of an existing record " + c).isTrue();
        records.add(c);
      }
    }

    /** What a provider lists: records without labels. */
    List<Endpoint> list() {
      return records.stream().map(Endpoint::withoutLabels).toList();
    }

    private static boolean sameKey(Endpoint a, Endpoint b) {
      return a.dnsName().equals(b.dnsName()) && a.recordType().equals(b.recordType())
          && a.setIdentifier().equals(b.setIdentifier());
    }
  }

  /**
   * One reconciliation of a zone, as dnsplane's planner plans it: every name, desired or held,
   * through {@link NamePlanner} (registry, planner, policy), the owner's desire labelled as its
   * watcher sends it.
   */
  static Changes reconcile(InMemoryZone zone, List<Endpoint> desired, String ownerId, Set<String> managed, Policy policy,
      TxtRegistry registry) {
    NamePlanner planner = new NamePlanner(new Planner(managed), policy, registry.registry);
    List<Endpoint> labelled = desired.stream()
        .map(d -> Ownership.with(d, Map.of(ownerId, d.label(Endpoint.LABEL_RESOURCE)))).toList();
    Set<String> names = new LinkedHashSet<>();
    labelled.forEach(d -> names.add(d.dnsName()));
    zone.list().forEach(r -> registry.registry.mapper().toEndpointName(r.dnsName())
        .ifPresentOrElse(o -> names.add(o.dnsName()), () -> names.add(r.dnsName())));
    Changes.Builder all = new Changes.Builder();
    for (String name : names) {
      List<Endpoint> atName = labelled.stream().filter(d -> d.dnsName().equals(name)).toList();
      all.addAll(planner.plan(name, TEST_ZONE, atName, zone.list(), OwnerScope.all(Set.of(ownerId))).changes());
    }
    Changes changes = all.build();
    zone.apply(changes);
    return changes;
  }

  static Stream<Arguments> TestTXTRegistryRecreatesMissingRecords() {
    List<Arguments> args = new ArrayList<>();
    for (MissingRecordsCase c : missingRecordsTable()) {
      for (String setIdentifier : List.of("", "set-identifier")) {
        for (Policy policy : Policy.values()) {
          args.add(Arguments.of(c.name() + " with " + policy.flagValue() + " policy and setIdentifier=" + setIdentifier,
              c, setIdentifier, policy));
        }
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "TestTXTRegistryRecreatesMissingRecords/{0}")
  @MethodSource
  void TestTXTRegistryRecreatesMissingRecords(String name, MissingRecordsCase c, String setIdentifier, Policy policy) {
    List<Ep> desired = withSetIdentifier(c.desired(), setIdentifier);
    List<Ep> existing = withSetIdentifier(c.existing(), setIdentifier);
    List<Ep> expectedCreate = withSetIdentifier(c.expectedCreate(), setIdentifier);
    InMemoryZone zone = new InMemoryZone();
    zone.apply(changes(existing, eps(), eps(), eps()));
    TxtRegistry registry = newRegistry("", "", "owner", "");
    Set<String> managed = Set.of("A", "CNAME", "AAAA", "TXT");
    List<Ep> expectedRecords = new ArrayList<>(existing);
    expectedRecords.addAll(expectedCreate);
    for (int loop = 0; loop < 3; loop++) {
      Changes changes = reconcile(zone, endpoints(desired), "owner", managed, policy, registry);
      if (loop == 0) {
        assertSameEndpoints(changes.create(), expectedCreate);
      } else {
        assertThat(changes.create()).as("loop " + loop + " creates nothing more").isEmpty();
      }
      assertThat(changes.updateNew()).isEmpty();
      assertThat(changes.delete()).isEmpty();
      assertSameEndpoints(zone.records, expectedRecords);
    }
  }

  private static List<Ep> withSetIdentifier(List<Ep> eps, String setIdentifier) {
    List<Ep> out = new ArrayList<>();
    for (Ep e : eps) {
      out.add(ep().DNSName(e.dnsName).Targets(e.targets).RecordType(e.recordType).RecordTTL(e.ttl).Labels(e.labels)
          .ProviderSpecific(e.providerSpecific).WithSetIdentifier(setIdentifier));
    }
    return out;
  }

  @Test
  void TestTXTRecordMigration() {
    TxtRegistry r = newRegistry("%{record_type}-", "", "foo", "");
    Changes created = r.applyChanges(List.of(), changes(eps(
        newEndpointWithOwnerAndLabels("bar.test-zone.example.org", "1.2.3.4", "A", "foo", labels("owner", "owner"))),
        eps(), eps(), eps()));
    InMemoryZone zone = new InMemoryZone();
    zone.apply(created);
    List<Endpoint> createdRecords = r.records(zone.list());
    assertThat(r.registry.ownershipRecord(createdRecords.get(0)).targets())
        .containsExactly("\"heritage=external-dns,external-dns/owner=foo\"");

    TxtRegistry migrated = newRegistry("%{record_type}-", "", "foobar", "", false, "", "foo");
    List<Endpoint> updatedRecords = migrated.records(zone.list());
    assertThat(migrated.registry.ownershipRecord(updatedRecords.get(0)).targets())
        .containsExactly("\"heritage=external-dns,external-dns/owner=foobar\"");
  }

  @Test
  void TestRecreateRecordAfterDeletion() {
    String ownerId = "foo";
    TxtRegistry r = newRegistry("%{record_type}-", "", "foo", "");
    Endpoint createdRecord = newEndpointWithOwnerAndLabels("bar.test-zone.example.org", "1.2.3.4", "A", ownerId, null).endpoint();
    Endpoint txtRecord = r.registry.ownershipRecord(createdRecord);
    // 1. Create initial A and TXT records.
    InMemoryZone zone = new InMemoryZone();
    zone.apply(new Changes(List.of(createdRecord, txtRecord), List.of(), List.of(), List.of()));
    // 2. A "no change" reconciliation.
    List<Endpoint> desired = endpoints(eps(ep().DNSName("bar.test-zone.example.org").Targets(List.of("1.2.3.4")).RecordType("A")));
    assertThat(reconcile(zone, desired, ownerId, Set.of("A"), Policy.SYNC, r).isEmpty()).as("no changes").isTrue();
    // 3. Delete both A and TXT records (a manual deletion).
    zone.apply(new Changes(List.of(), List.of(), List.of(), List.of(createdRecord, txtRecord)));
    // 4. Reconcile again: both A and TXT are recreated.
    assertThat(reconcile(zone, desired, ownerId, Set.of("A"), Policy.SYNC, r).isEmpty()).as("changes").isFalse();
    // 5. Both are back.
    assertThat(view(zone.records)).isEqualTo(view(List.of(createdRecord, txtRecord)));
  }

  @Test
  void TestTXTRegistryAliasARecordUsesARecordTXTPrefix() {
    Ep aliasA = newEndpointWithOwner("alias.test-zone.example.org", "foo.eu-central-1.elb.amazonaws.com", "A", "")
        .WithAliasProperty("true");
    Changes applied = newRegistry("", "", "owner", "").applyChanges(List.of(), changes(eps(aliasA), eps(), eps(), eps()));
    assertThat(find(applied.create(), "alias.test-zone.example.org", "A")).as("the A record is applied").isNotNull();
    assertThat(find(applied.create(), "a-alias.test-zone.example.org", "TXT")).as("an a- prefixed ownership TXT").isNotNull();
    assertThat(find(applied.create(), "cname-alias.test-zone.example.org", "TXT")).as("no cname- TXT").isNull();
  }

  static Stream<Arguments> TestTXTRegistryAliasARecordForceUpdateOnMigration() {
    return Stream.of(
        Arguments.of("legacy cname- only: force-update to create a-", false, true),
        Arguments.of("a- and cname- coexist: no churn", true, false));
  }

  @ParameterizedTest(name = "TestTXTRegistryAliasARecordForceUpdateOnMigration/{0}")
  @MethodSource
  void TestTXTRegistryAliasARecordForceUpdateOnMigration(String name, boolean withATxt, boolean wantForce) {
    String dnsName = "alias.test-zone.example.org";
    String owner = "\"heritage=external-dns,external-dns/owner=owner\"";
    List<Ep> seed = eps(
        newEndpointWithOwner(dnsName, "foo.eu-central-1.elb.amazonaws.com", "A", "owner").WithAliasProperty("true"),
        newTXTEndpointWithOwnedRecord("cname-alias.test-zone.example.org", owner, dnsName));
    if (withATxt) {
      seed.add(newTXTEndpointWithOwnedRecord("a-alias.test-zone.example.org", owner, dnsName));
    }
    InMemoryZone zone = new InMemoryZone();
    zone.apply(changes(seed, eps(), eps(), eps()));
    TxtRegistry r = newRegistry("", "", "owner", "");
    Endpoint aliasEp = find(r.records(zone.list()), dnsName, "A");
    assertThat(aliasEp).as("the A ALIAS record is returned").isNotNull();
    assertThat(aliasEp.label(Endpoint.LABEL_OWNER)).as("ownership is kept through the legacy cname- TXT").isEqualTo("owner");
    // Deliberate difference (wantForce is ExternalDNS's): no forced rewrite; the same desire plans nothing.
    assertThat(aliasEp.providerSpecific()).doesNotContainKey("txt/force-update");
    Endpoint desired = newEndpointWithOwner(dnsName, "foo.eu-central-1.elb.amazonaws.com", "A", "").WithAliasProperty("true")
        .endpoint();
    assertThat(reconcile(zone, List.of(desired), "owner", Set.of("A"), Policy.SYNC, r).isEmpty()).isTrue();
  }

  @Test
  void TestTXTRegistryAliasARecordDeleteLeavesLegacyCNAME() {
    String dnsName = "alias.test-zone.example.org";
    String owner = "\"heritage=external-dns,external-dns/owner=owner\"";
    Ep aliasA = newEndpointWithOwner(dnsName, "foo.eu-central-1.elb.amazonaws.com", "A", "owner").WithAliasProperty("true");
    List<Endpoint> zone = endpoints(eps(aliasA,
        newTXTEndpointWithOwnedRecord("a-alias.test-zone.example.org", owner, dnsName),
        newTXTEndpointWithOwnedRecord("cname-alias.test-zone.example.org", owner, dnsName)));
    Changes applied = newRegistry("", "", "owner", "").applyChanges(zone, changes(eps(), eps(), eps(), eps(aliasA)));
    assertThat(find(applied.delete(), dnsName, "A")).as("the A ALIAS record itself is deleted").isNotNull();
    assertThat(find(applied.delete(), "a-alias.test-zone.example.org", "TXT")).as("the a- ownership TXT is deleted").isNotNull();
    // Deliberate difference: ExternalDNS keeps the legacy cname- TXT for a clean-up script.
    assertThat(find(applied.delete(), "cname-alias.test-zone.example.org", "TXT")).as("the legacy cname- TXT is deleted too")
        .isNotNull();
  }

  private static Endpoint find(List<Endpoint> endpoints, String dnsName, String recordType) {
    return endpoints.stream().filter(e -> e.dnsName().equals(dnsName) && e.recordType().equals(recordType)).findFirst()
        .orElse(null);
  }
}
