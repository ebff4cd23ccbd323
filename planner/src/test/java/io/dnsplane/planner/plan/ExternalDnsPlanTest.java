package io.dnsplane.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Changes;
import io.dnsplane.model.DomainFilter;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.ownership.Ownership;
import io.dnsplane.planner.ownership.OwnershipRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ExternalDNS's plan/plan_test.go (v0.22): every case of {@code TestPlan}'s suite and of
 * {@code TestShouldUpdateProviderSpecific}, and {@code TestOwnerMismatchLogsDebug}, ported to
 * {@link Planner} and {@link Policy}, each named after its Go test. The fixtures are the suite's,
 * built fresh per case (the Go suite rebuilds them in SetupTest; a case that changes a label
 * passes it here).
 *
 * <p>How a Go plan becomes a dnsplane plan:
 * <ul>
 *   <li>ExternalDNS plans for one owner id ({@code OwnerID}); dnsplane for the owners it serves. The
 *       instance's owner is the case's {@code OwnerID}. Without one, ExternalDNS touches every
 *       record, labelled or not; dnsplane always has an owner id, so the instance takes the owner
 *       the current records carry ("pwner" in the suite) or ExternalDNS's default "default", and
 *       unlabelled current records count as its own.</li>
 *   <li>Desired endpoints are the instance's desire (sources set no owner label; a fixture's label
 *       is ignored, as ExternalDNS's registry overwrites it).</li>
 *   <li>Owner labels of creates and updates: ExternalDNS's planner leaves them to the registry,
 *       which writes the instance's owner id (an update inherits the current record's, the same
 *       owner). dnsplane's planner writes the owner when it plans, because several owners may share
 *       a record; the cases check it is the instance's. Every other field (name, type, set
 *       identifier, targets, TTL, resource label, provider-specific properties) is compared as
 *       ExternalDNS's {@code testutils.SameEndpoints} does.</li>
 *   <li>{@code ManagedRecords} unset means nothing is managed, as in Go; {@code ExcludeRecords}
 *       are taken out of it; the domain filter is dnsplane's {@link DomainFilter}, applied before
 *       planning as ExternalDNS's {@code filterRecordsForPlan} does.</li>
 * </ul>
 * Not ported here: {@code TestPlan_ChangesJson_*} test the JSON of the webhook provider protocol,
 * which the webhook applier carries (issue 14); {@code TestHasChangesCreate/Delete} test the
 * {@code Changes} type and are ported as {@link #hasChanges()}.
 */
class ExternalDnsPlanTest {
  private static final String OWNER = "pwner";
  private static final String DEFAULT_OWNER = "default";

  // The suite's fixtures (plan_test.go SetupTest), with the owner label a case may set.
  static Endpoint fooV1Cname() {
    return ep("foo", "CNAME", 0, "", labels("ingress/default/foo-v1", OWNER), Map.of(), "v1");
  }

  static Endpoint fooV1Cname(String owner) {
    return ep("foo", "CNAME", 0, "", labels("ingress/default/foo-v1", owner), Map.of(), "v1");
  }

  static Endpoint fooV2Cname() {
    return ep("foo", "CNAME", 0, "", labels("ingress/default/foo-v2", null), Map.of(), "v2");
  }

  static Endpoint fooV2CnameUppercase() {
    return ep("foo", "CNAME", 0, "", labels("ingress/default/foo-v2", null), Map.of(), "V2");
  }

  static Endpoint fooV2Txt() {
    return ep("foo", "TXT", 0, "", Map.of(), Map.of());
  }

  static Endpoint fooV2CnameNoLabel() {
    return ep("foo", "CNAME", 0, "", Map.of(), Map.of(), "v2");
  }

  static Endpoint fooA5() {
    return fooA5(null);
  }

  static Endpoint fooA5(String owner) {
    return ep("foo", "A", 0, "", labels("ingress/default/foo-5", owner), Map.of(), "5.5.5.5");
  }

  static Endpoint fooA5NoLabels() {
    return ep("foo", "A", 0, "", Map.of(), Map.of(), "5.5.5.5");
  }

  static Endpoint fooAAAA() {
    return fooAAAA(null);
  }

  static Endpoint fooAAAA(String owner) {
    return ep("foo", "AAAA", 0, "", labels("ingress/default/foo-AAAA", owner), Map.of(), "2001:DB8::1");
  }

  static Endpoint dsA() {
    return ep("ds", "A", 0, "", labels("ingress/default/ds", null), Map.of(), "1.1.1.1");
  }

  static Endpoint dsAAAA() {
    return ep("ds", "AAAA", 0, "", labels("ingress/default/ds-AAAAA", null), Map.of(), "2001:DB8::1");
  }

  static Endpoint bar127A() {
    return ep("bar", "A", 0, "", labels("ingress/default/bar-127", null), Map.of(), "127.0.0.1");
  }

  static Endpoint bar127AWithTTL() {
    return ep("bar", "A", 300, "", labels("ingress/default/bar-127", null), Map.of(), "127.0.0.1");
  }

  static Endpoint bar127AWithProviderSpecificTrue() {
    return ep("bar", "A", 0, "", labels("ingress/default/bar-127", null),
        Map.of("alias", "false", "external-dns.kubernetes.io/cloudflare-proxied", "true"), "127.0.0.1");
  }

  static Endpoint bar127AWithProviderSpecificFalse() {
    return ep("bar", "A", 0, "", labels("ingress/default/bar-127", null),
        Map.of("external-dns.kubernetes.io/cloudflare-proxied", "false", "alias", "false"), "127.0.0.1");
  }

  static Endpoint bar127AWithProviderSpecificUnset() {
    return ep("bar", "A", 0, "", labels("ingress/default/bar-127", null), Map.of("alias", "false"), "127.0.0.1");
  }

  static Endpoint bar192A() {
    return ep("bar", "A", 0, "", labels("ingress/default/bar-192", null), Map.of(), "192.168.0.1");
  }

  static Endpoint multiple1() {
    return ep("multiple", "A", 0, "test-set-1", Map.of(), Map.of(), "192.168.0.1");
  }

  static Endpoint multiple2() {
    return ep("multiple", "A", 0, "test-set-1", Map.of(), Map.of(), "192.168.0.2");
  }

  static Endpoint multiple3() {
    return ep("multiple", "A", 0, "test-set-2", Map.of(), Map.of(), "192.168.0.2");
  }

  static Endpoint domainFilterFiltered1() {
    return ep("foo.domain.tld", "A", 0, "", Map.of(), Map.of(), "1.2.3.4");
  }

  static Endpoint domainFilterFiltered2() {
    return ep("bar.domain.tld", "A", 0, "", Map.of(), Map.of(), "1.2.3.5");
  }

  static Endpoint domainFilterFiltered3() {
    return ep("baz.domain.tld", "A", 0, "", Map.of(), Map.of(), "1.2.3.6");
  }

  static Endpoint domainFilterExcluded() {
    return ep("foo.ex.domain.tld", "A", 0, "", Map.of(), Map.of(), "1.1.1.1");
  }

  private static Endpoint ep(String name, String type, long ttl, String setIdentifier, Map<String, String> labels,
      Map<String, String> providerSpecific, String... targets) {
    return new Endpoint(name, type, List.of(targets), ttl, setIdentifier, labels, providerSpecific);
  }

  private static Map<String, String> labels(String resource, String owner) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(Endpoint.LABEL_RESOURCE, resource);
    if (owner != null) {
      labels.put(Endpoint.LABEL_OWNER, owner);
    }
    return labels;
  }

  private static final List<String> A_CNAME = List.of("A", "CNAME");
  private static final List<String> A_AAAA_CNAME = List.of("A", "AAAA", "CNAME");

  /** One Go {@code Plan{...}} and what its {@code Calculate()} must give. */
  record Case(String name, List<Endpoint> current, List<Endpoint> desired, List<String> managedRecords,
      List<String> excludeRecords, String ownerId, String oldOwnerId, Policy policy, DomainFilter domainFilter,
      List<Endpoint> create, List<Endpoint> updateOld, List<Endpoint> updateNew, List<Endpoint> delete) {
    @Override
    public String toString() {
      return name;
    }

    Case owner(String id) {
      return new Case(name, current, desired, managedRecords, excludeRecords, id, oldOwnerId, policy, domainFilter,
          create, updateOld, updateNew, delete);
    }

    Case oldOwner(String id) {
      return new Case(name, current, desired, managedRecords, excludeRecords, ownerId, id, policy, domainFilter,
          create, updateOld, updateNew, delete);
    }

    Case policy(Policy p) {
      return new Case(name, current, desired, managedRecords, excludeRecords, ownerId, oldOwnerId, p, domainFilter,
          create, updateOld, updateNew, delete);
    }

    Case exclude(List<String> types) {
      return new Case(name, current, desired, managedRecords, types, ownerId, oldOwnerId, policy, domainFilter,
          create, updateOld, updateNew, delete);
    }

    Case domainFilter(DomainFilter f) {
      return new Case(name, current, desired, managedRecords, excludeRecords, ownerId, oldOwnerId, policy, f,
          create, updateOld, updateNew, delete);
    }
  }

  private static Case plan(String name, List<Endpoint> current, List<Endpoint> desired, List<String> managed,
      List<Endpoint> create, List<Endpoint> updateOld, List<Endpoint> updateNew, List<Endpoint> delete) {
    return new Case(name, current, desired, managed, List.of(), "", "", Policy.SYNC, DomainFilter.ALL, create,
        updateOld, updateNew, delete);
  }

  private static List<Endpoint> none() {
    return List.of();
  }

  static Stream<Case> TestPlan() {
    DomainFilter domainTld = DomainFilter.of(List.of("domain.tld"), List.of("ex.domain.tld"), "", "");
    return Stream.of(
        plan("TestSyncFirstRound", none(), List.of(fooV1Cname(), fooV2Cname(), bar127A()), A_CNAME,
            List.of(fooV1Cname(), bar127A()), none(), none(), none()),
        plan("TestSyncSecondRound", List.of(fooV1Cname()), List.of(fooV2Cname(), fooV1Cname(), bar127A()), A_CNAME,
            List.of(bar127A()), none(), none(), none()),
        plan("TestSyncSecondRoundMigration", List.of(fooV2CnameNoLabel()),
            List.of(fooV2Cname(), fooV1Cname(), bar127A()), A_CNAME,
            List.of(bar127A()), List.of(fooV2CnameNoLabel()), List.of(fooV1Cname()), none()),
        plan("TestSyncSecondRoundWithTTLChange", List.of(bar127A()), List.of(bar127AWithTTL()), A_CNAME,
            none(), List.of(bar127A()), List.of(bar127AWithTTL()), none()),
        plan("TestSyncSecondRoundWithProviderSpecificChange", List.of(bar127AWithProviderSpecificTrue()),
            List.of(bar127AWithProviderSpecificFalse()), A_CNAME,
            none(), List.of(bar127AWithProviderSpecificTrue()), List.of(bar127AWithProviderSpecificFalse()), none()),
        plan("TestSyncSecondRoundWithProviderSpecificNoChange", List.of(bar127AWithProviderSpecificTrue()),
            List.of(bar127AWithProviderSpecificTrue()), A_CNAME, none(), none(), none(), none()),
        plan("TestHasChanges", List.of(bar127AWithProviderSpecificTrue()),
            List.of(bar127AWithProviderSpecificFalse()), A_CNAME,
            none(), List.of(bar127AWithProviderSpecificTrue()), List.of(bar127AWithProviderSpecificFalse()), none()),
        plan("TestSyncSecondRoundWithProviderSpecificRemoval", List.of(bar127AWithProviderSpecificFalse()),
            List.of(bar127AWithProviderSpecificUnset()), A_CNAME,
            none(), List.of(bar127AWithProviderSpecificFalse()), List.of(bar127AWithProviderSpecificUnset()), none()),
        plan("TestSyncSecondRoundWithProviderSpecificAddition", List.of(bar127AWithProviderSpecificUnset()),
            List.of(bar127AWithProviderSpecificTrue()), A_CNAME,
            none(), List.of(bar127AWithProviderSpecificUnset()), List.of(bar127AWithProviderSpecificTrue()), none()),
        // The update inherits the current record's owner: the expected UpdateNew is fooV2Cname owned by pwner.
        plan("TestSyncSecondRoundWithOwnerInherited", List.of(fooV1Cname()), List.of(fooV2Cname()), A_CNAME,
            none(), List.of(fooV1Cname()), List.of(fooV2Cname()), none()),
        // No ManagedRecords: nothing is managed, so nothing is planned (as in Go).
        plan("TestIdempotency", List.of(fooV1Cname(), fooV2Cname()), List.of(fooV1Cname(), fooV2Cname()), List.of(),
            none(), none(), none(), none()),
        plan("TestRecordTypeChange", List.of(fooV1Cname()), List.of(fooA5()), A_AAAA_CNAME,
            List.of(fooA5()), none(), none(), List.of(fooV1Cname())).owner(OWNER),
        plan("TestExistingCNameWithDualStackDesired", List.of(fooV1Cname()), List.of(fooA5(), fooAAAA()),
            A_AAAA_CNAME, List.of(fooA5(), fooAAAA()), none(), none(), List.of(fooV1Cname())).owner(OWNER),
        plan("TestExistingDualStackWithCNameDesired", List.of(fooA5("nerf"), fooAAAA("nerf")), List.of(fooV2Cname()),
            A_AAAA_CNAME, List.of(fooV2Cname()), none(), none(), List.of(fooA5("nerf"), fooAAAA("nerf")))
            .owner("nerf"),
        plan("TestExistingOwnerNotMatchingDualStackDesired", List.of(fooA5NoLabels()), List.of(fooV2Cname()),
            A_AAAA_CNAME, none(), none(), none(), none()).owner(OWNER),
        plan("TestConflictingCurrentNonConflictingDesired", List.of(fooV1Cname(), fooA5(OWNER)), List.of(fooA5(OWNER)),
            A_AAAA_CNAME, none(), none(), none(), List.of(fooV1Cname())).owner(OWNER),
        plan("TestConflictingCurrentNoDesired", List.of(fooV1Cname(), fooA5(OWNER)), none(),
            A_AAAA_CNAME, none(), none(), none(), List.of(fooV1Cname(), fooA5(OWNER))).owner(OWNER),
        plan("TestCurrentWithConflictingDesired", List.of(fooV1Cname("nerf")),
            List.of(fooV1Cname("nerf"), fooA5(), fooAAAA()), A_AAAA_CNAME,
            List.of(fooA5(), fooAAAA()), none(), none(), List.of(fooV1Cname("nerf"))).owner("nerf"),
        plan("TestNoCurrentWithConflictingDesired", none(), List.of(fooV1Cname(), fooA5(), fooAAAA()), A_AAAA_CNAME,
            List.of(fooA5(), fooAAAA()), none(), none(), none()),
        plan("TestIgnoreTXT", List.of(fooV2Txt()), List.of(fooV2Cname()), A_CNAME,
            List.of(fooV2Cname()), none(), none(), none()),
        plan("TestExcludeTXT", List.of(fooV2Txt()), List.of(fooV2Cname()), List.of("A", "CNAME", "TXT"),
            List.of(fooV2Cname()), none(), none(), none()).exclude(List.of("TXT")),
        // No ManagedRecords, as in Go; targets are compared without case anyway (see ignoresTargetCase).
        plan("TestIgnoreTargetCase", List.of(fooV2Cname()), List.of(fooV2CnameUppercase()), List.of(),
            none(), none(), none(), none()),
        plan("TestRemoveEndpoint", List.of(fooV1Cname(), bar192A()), List.of(fooV1Cname()), A_CNAME,
            none(), none(), none(), List.of(bar192A())),
        plan("TestRemoveEndpointWithUpsert", List.of(fooV1Cname(), bar192A()), List.of(fooV1Cname()), A_CNAME,
            none(), none(), none(), none()).policy(Policy.UPSERT_ONLY),
        plan("TestMultipleRecordsSameNameDifferentSetIdentifier", List.of(multiple1()),
            List.of(multiple2(), multiple3()), A_CNAME,
            List.of(multiple3()), List.of(multiple1()), List.of(multiple2()), none()),
        plan("TestSetIdentifierUpdateCreatesAndDeletes", List.of(multiple2()), List.of(multiple3()), A_CNAME,
            List.of(multiple3()), none(), none(), List.of(multiple2())),
        plan("TestDomainFiltersInitial", List.of(domainFilterExcluded()),
            List.of(domainFilterExcluded(), domainFilterFiltered1(), domainFilterFiltered2(), domainFilterFiltered3()),
            A_CNAME, List.of(domainFilterFiltered1(), domainFilterFiltered2(), domainFilterFiltered3()),
            none(), none(), none()).domainFilter(domainTld),
        plan("TestDomainFiltersUpdate",
            List.of(domainFilterExcluded(), domainFilterFiltered1(), domainFilterFiltered2()),
            List.of(domainFilterExcluded(), domainFilterFiltered1(), domainFilterFiltered2(), domainFilterFiltered3()),
            A_CNAME, List.of(domainFilterFiltered3()), none(), none(), none()).domainFilter(domainTld),
        plan("TestAAAARecords", none(), List.of(fooAAAA()), List.of("AAAA", "CNAME"),
            List.of(fooAAAA()), none(), none(), none()),
        plan("TestDualStackRecords", none(), List.of(dsA(), dsAAAA()), A_AAAA_CNAME,
            List.of(dsA(), dsAAAA()), none(), none(), none()),
        plan("TestDualStackRecordsDelete", List.of(dsA(), dsAAAA()), none(), A_AAAA_CNAME,
            none(), none(), none(), List.of(dsA(), dsAAAA())),
        plan("TestDualStackToSingleStack", List.of(dsA(), dsAAAA()), List.of(dsA()), A_AAAA_CNAME,
            none(), none(), none(), List.of(dsAAAA())),
        // ExternalDNS's registry relabels a record whose TXT names the old owner (foo) to the new one
        // (bar); the planner then forces the update that rewrites the TXT. dnsplane's registry marks
        // such a record (migrate-from), which is what this record is: read from a TXT naming foo.
        plan("TestRecordOwnerIdMigration", List.of(migratedFrom("foo", fooA5("bar"))), List.of(fooA5("bar")),
            A_AAAA_CNAME, none(), List.of(migratedFrom("foo", fooA5("bar"))), List.of(fooA5("bar")), none())
            .owner("bar").oldOwner("foo"));
  }

  private static Endpoint migratedFrom(String oldOwner, Endpoint e) {
    return e.withLabel(OwnershipRegistry.LABEL_MIGRATE_FROM, oldOwner);
  }

  /** The instance's owner id (see the class comment). */
  private static String instanceOwner(Case c) {
    if (!c.ownerId().isEmpty()) {
      return c.ownerId();
    }
    Set<String> carried = new HashSet<>();
    c.current().forEach(e -> {
      if (!e.label(Endpoint.LABEL_OWNER).isEmpty()) {
        carried.add(e.label(Endpoint.LABEL_OWNER));
      }
    });
    assertThat(carried).as("a case without an owner id has current records of one owner at most").hasSizeLessThan(2);
    return carried.isEmpty() ? DEFAULT_OWNER : carried.iterator().next();
  }

  /** A current record as dnsplane's registry would give it: owned by its owner label's owner. */
  private static Endpoint asCurrent(Case c, String instance, Endpoint e) {
    String owner = e.label(Endpoint.LABEL_OWNER);
    if (owner.isEmpty()) {
      if (!c.ownerId().isEmpty()) {
        return e; // unowned: ExternalDNS with an owner id does not touch it, nor does dnsplane
      }
      owner = instance;
    }
    return Ownership.with(e, Map.of(owner, e.label(Endpoint.LABEL_RESOURCE)));
  }

  /** A desired endpoint as a watcher of the instance's cluster sends it. */
  private static Endpoint asDesired(String instance, Endpoint e) {
    return e.withLabel(Endpoint.LABEL_OWNER, instance).withLabel(Endpoint.LABEL_RESOURCE, e.label(Endpoint.LABEL_RESOURCE));
  }

  private static Changes calculate(Case c, String instance) {
    Set<String> managed = new HashSet<>(c.managedRecords());
    c.excludeRecords().forEach(managed::remove);
    List<Endpoint> current = c.current().stream().filter(e -> c.domainFilter().matches(e.dnsName()))
        .map(e -> asCurrent(c, instance, e)).toList();
    List<Endpoint> desired = c.desired().stream().filter(e -> c.domainFilter().matches(e.dnsName()))
        .map(e -> asDesired(instance, e)).toList();
    Set<String> owners = new HashSet<>(Set.of(instance));
    current.forEach(e -> owners.addAll(Ownership.of(e).keySet()));
    OwnerScope scope = c.ownerId().isEmpty() ? OwnerScope.all(owners) : OwnerScope.all(Set.of(instance));
    return c.policy().apply(new Planner(managed).plan(desired, current, scope).changes());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("TestPlan")
  void testPlan(Case c) {
    String instance = instanceOwner(c);
    Changes changes = calculate(c, instance);
    Function<Endpoint, Endpoint> current = e -> asCurrent(c, instance, e);
    assertThat(view(changes.create())).as("create").isEqualTo(view(c.create()));
    assertThat(view(changes.updateNew())).as("updateNew").isEqualTo(view(c.updateNew()));
    assertThat(changes.updateOld()).as("updateOld")
        .containsExactlyInAnyOrderElementsOf(c.updateOld().stream().map(current).toList());
    assertThat(changes.delete()).as("delete")
        .containsExactlyInAnyOrderElementsOf(c.delete().stream().map(current).toList());
    Stream.concat(changes.create().stream(), changes.updateNew().stream()).forEach(e ->
        assertThat(Ownership.of(e).keySet()).as("owner of " + e).containsExactly(instance));
  }

  /** What ExternalDNS's testutils.SameEndpoint compares, but the owner label (see the class comment). */
  private static List<Map<String, Object>> view(List<Endpoint> endpoints) {
    List<Map<String, Object>> views = new ArrayList<>();
    for (Endpoint e : endpoints) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("name", e.dnsName());
      v.put("type", e.recordType());
      v.put("set", e.setIdentifier());
      v.put("targets", e.targets());
      v.put("ttl", e.ttl());
      v.put("resource", e.label(Endpoint.LABEL_RESOURCE));
      v.put("providerSpecific", e.providerSpecific());
      views.add(v);
    }
    views.sort(java.util.Comparator.comparing(Object::toString));
    return views;
  }

  @Test
  void hasChanges() {
    // TestHasChangesCreate, TestHasChangesDelete
    assertThat(new Changes.Builder().create(fooV1Cname()).build().isEmpty()).isFalse();
    assertThat(new Changes.Builder().delete(fooV1Cname()).build().isEmpty()).isFalse();
    assertThat(Changes.NONE.isEmpty()).isTrue();
  }

  @Test
  void ignoresTargetCase() {
    // TestIgnoreTargetCase with A and CNAME managed, which the Go case leaves unset.
    Case c = plan("TestIgnoreTargetCase (managed)", List.of(fooV2Cname()), List.of(fooV2CnameUppercase()), A_CNAME,
        none(), none(), none(), none());
    assertThat(calculate(c, instanceOwner(c)).isEmpty()).isTrue();
  }

  @Test
  void aMigratedRecordIsRewrittenOnceNotEverySync() {
    // Deliberate difference to TestRecordOwnerIdMigration: ExternalDNS forces the update of every
    // record it owns on every sync while --migrate-from-txt-owner is set, even once its TXT names
    // the new owner; dnsplane updates only records whose TXT still names the old owner.
    Case c = plan("already migrated", List.of(fooA5("bar")), List.of(fooA5("bar")), A_AAAA_CNAME,
        none(), none(), none(), none()).owner("bar").oldOwner("foo");
    assertThat(calculate(c, "bar").isEmpty()).isTrue();
  }

  record ProviderSpecificCase(String name, Map<String, String> current, Map<String, String> desired,
      boolean shouldUpdate) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ProviderSpecificCase> TestShouldUpdateProviderSpecific() {
    return Stream.of(
        new ProviderSpecificCase("TestShouldUpdateProviderSpecific/skip AWS target health",
            Map.of("aws/evaluate-target-health", "true"), Map.of("aws/evaluate-target-health", "true"), false),
        new ProviderSpecificCase("TestShouldUpdateProviderSpecific/custom property unchanged",
            Map.of("custom/property", "true"), Map.of("custom/property", "true"), false),
        new ProviderSpecificCase("TestShouldUpdateProviderSpecific/custom property value changed",
            Map.of("custom/property", "true"), Map.of("custom/property", "false"), true),
        new ProviderSpecificCase("TestShouldUpdateProviderSpecific/custom property key changed",
            Map.of("custom/property", "true"), Map.of("new/property", "true"), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("TestShouldUpdateProviderSpecific")
  void shouldUpdateProviderSpecific(ProviderSpecificCase c) {
    // The Go cases' names differ (foo.com, bar.com) as the function only compares properties; here
    // the same record with each case's properties.
    Endpoint current = ep("foo.com", "A", 0, "", Map.of(), c.current(), "192.0.2.1");
    Endpoint desired = ep("foo.com", "A", 0, "", Map.of(), c.desired(), "192.0.2.1");
    assertThat(Planner.needsUpdate(current, desired)).isEqualTo(c.shouldUpdate());
  }

  @Test
  void TestOwnerMismatchLogsDebug() {
    // A current A owned by someone else, a desired CNAME of ours: ExternalDNS skips the create and
    // logs "owner id does not match"; dnsplane plans nothing and reports a conflict naming the owner.
    Endpoint current = ep("foo", "A", 0, "", Map.of(Endpoint.LABEL_OWNER, "other"), Map.of(), "1.2.3.4");
    Endpoint desired = ep("foo", "CNAME", 0, "", Map.of(Endpoint.LABEL_OWNER, OWNER, Endpoint.LABEL_RESOURCE, ""),
        Map.of(), "bar.example.com");
    Plan plan = new Planner(Set.of("A", "CNAME")).plan(List.of(desired), List.of(current),
        OwnerScope.all(Set.of(OWNER)));
    assertThat(plan.changes().isEmpty()).isTrue();
    assertThat(plan.conflicts()).singleElement().satisfies(conflict ->
        assertThat(conflict.reason()).contains("owned by other"));
  }
}
