package io.dnsplane.planner.plan;

import static io.dnsplane.planner.plan.Fixtures.want;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.ownership.TxtRegistryConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamePlannerTest {
  private static NamePlanner planner(TxtRegistryConfig txt, Policy policy) {
    return new NamePlanner(new Planner(), policy, txt.registry());
  }

  @Test
  void anApexRecordWhoseTxtWouldLeaveTheZoneIsNotCreated() {
    Plan plan = planner(TxtRegistryConfig.DEFAULT, Policy.SYNC).plan("example.com", "example.com",
        List.of(want("cluster-a", "ingress/default/apex", "example.com", "A", 0, "192.0.2.1")), List.of(),
        OwnerScope.all(Set.of("cluster-a")));
    assertThat(plan.changes().isEmpty()).isTrue();
    assertThat(plan.conflicts()).singleElement().extracting(Conflict::reason).asString()
        .contains("a-example.com would be outside zone example.com");
  }

  @Test
  void anApexRecordWithARecordTypePrefixEndingInADotIsCreated() {
    Plan plan = planner(TxtRegistryConfig.withPrefix("%{record_type}."), Policy.SYNC).plan("example.com", "example.com",
        List.of(want("cluster-a", "ingress/default/apex", "example.com", "A", 0, "192.0.2.1")), List.of(),
        OwnerScope.all(Set.of("cluster-a")));
    assertThat(plan.changes().create()).extracting(Endpoint::dnsName).containsExactlyInAnyOrder("example.com", "a.example.com");
  }

  @Test
  void whereTheProviderWeighsRecordsEachClusterGetsItsOwnWeightedCname() {
    List<Endpoint> desired = List.of(want("cluster-a", "ingress/default/www", "www.example.com", "CNAME", 0, "lb-a.example.net"),
        want("cluster-b", "ingress/default/www", "www.example.com", "CNAME", 0, "lb-b.example.net"));
    Plan plan = planner(TxtRegistryConfig.DEFAULT, Policy.SYNC).plan("www.example.com", "example.com", desired, List.of(),
        OwnerScope.all(Set.of("cluster-a", "cluster-b")), true);
    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.changes().create()).filteredOn(e -> e.recordType().equals("CNAME"))
        .extracting(e -> e.setIdentifier() + " " + e.targets() + " " + e.providerSpecific())
        .containsExactlyInAnyOrder("cluster-a [lb-a.example.net] {aws/weight=1}", "cluster-b [lb-b.example.net] {aws/weight=1}");
    assertThat(plan.changes().create()).filteredOn(e -> e.recordType().equals("TXT"))
        .extracting(Endpoint::setIdentifier).containsExactlyInAnyOrder("cluster-a", "cluster-b");

    Plan elsewhere = planner(TxtRegistryConfig.DEFAULT, Policy.SYNC).plan("www.example.com", "example.com", desired, List.of(),
        OwnerScope.all(Set.of("cluster-a", "cluster-b")), false);
    assertThat(elsewhere.conflicts()).singleElement().extracting(Conflict::reason).asString().contains("cannot be shared");
  }

  @Test
  void upsertOnlyKeepsTheRecordAndItsTxt() {
    List<Endpoint> observed = List.of(Endpoint.of("app.example.com", "A", 300, "192.0.2.10"), Endpoint.of("a-app.example.com",
        "TXT", 300, "\"heritage=external-dns,external-dns/owner=cluster-a,external-dns/resource=ingress/default/app\""));
    Plan plan = planner(TxtRegistryConfig.DEFAULT, Policy.UPSERT_ONLY).plan("app.example.com", "example.com", List.of(),
        observed, OwnerScope.all(Set.of("cluster-a")));
    assertThat(plan.changes().isEmpty()).isTrue();
  }

  @Test
  void aRecordIsPlannedAsTheProvidersAdjustEndpointsMadeItSoItsRewriteIsNotUndone() {
    Endpoint wanted = want("cluster-a", "ingress/default/app", "app.example.com", "A", 30, "192.0.2.10");
    List<Endpoint> observed = List.of(Endpoint.of("app.example.com", "A", 60, "192.0.2.10"), Endpoint.of("a-app.example.com",
        "TXT", 60, "\"heritage=external-dns,external-dns/owner=cluster-a,external-dns/resource=ingress/default/app\""));
    List<io.dnsplane.model.Adjustments.Adjustment> minimumTtl = List.of(new io.dnsplane.model.Adjustments.Adjustment(
        wanted.withoutLabels(), java.util.Optional.of(wanted.withoutLabels().withTtl(60))));
    NamePlanner planner = planner(TxtRegistryConfig.DEFAULT, Policy.SYNC);

    Plan adjusted = planner.plan("app.example.com", "example.com", List.of(wanted), observed,
        OwnerScope.all(Set.of("cluster-a")), Set.of(), minimumTtl);
    assertThat(adjusted.changes().isEmpty()).isTrue();

    // Without what the provider said, the TTL it raised is planned back down, on every plan.
    Plan unadjusted = planner.plan("app.example.com", "example.com", List.of(wanted), observed,
        OwnerScope.all(Set.of("cluster-a")), Set.of(), List.of());
    assertThat(unadjusted.changes().updateNew()).filteredOn(e -> e.recordType().equals("A")).extracting(Endpoint::ttl)
        .containsExactly(30L);

    // A provider that will not hold the record: nothing is planned for it.
    Plan dropped = planner.plan("new.example.com", "example.com",
        List.of(want("cluster-a", "ingress/default/new", "new.example.com", "A", 30, "192.0.2.11")), List.of(),
        OwnerScope.all(Set.of("cluster-a")), Set.of(), List.of(new io.dnsplane.model.Adjustments.Adjustment(
            Endpoint.of("new.example.com", "A", 30, "192.0.2.11"), java.util.Optional.empty())));
    assertThat(dropped.changes().isEmpty()).isTrue();
  }
}
