package io.dnsplane.planner.plan;

import static io.dnsplane.planner.plan.Fixtures.want;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.dnsplane.model.ProviderCapabilities;
import io.dnsplane.planner.ownership.TxtRegistryConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ExternalDNS's AWS AdjustEndpoints rules, and what they mean for planning against Route53. */
class AliasRecordsTest {
  private static final String ELB = "k8s-shop-1234.eu-west-1.elb.amazonaws.com";
  private static final Set<String> ROUTE53 = Set.of(ProviderCapabilities.WEIGHTED_ROUTING,
      ProviderCapabilities.ALIAS_RECORDS, ProviderCapabilities.ALIAS_EVALUATES_TARGET_HEALTH);

  private static Endpoint with(Endpoint e, Map<String, String> specific) {
    return new Endpoint(e.dnsName(), e.recordType(), e.targets(), e.ttl(), e.setIdentifier(), e.labels(), specific);
  }

  private static List<String> describe(List<Endpoint> endpoints) {
    return endpoints.stream().map(e -> e.recordType() + " " + e.ttl() + " " + e.targets() + " " + e.providerSpecific()).toList();
  }

  @Test
  void aCnameToALoadBalancerBecomesAnAAndAnAaaaAlias() {
    Endpoint cname = want("cluster-a", "ingress/default/shop", "shop.example.com", "CNAME", 0, ELB);
    assertThat(describe(AliasRecords.adjust(List.of(cname), true, false))).containsExactly(
        "A 0 [" + ELB + "] {alias=true, aws/evaluate-target-health=true}",
        "AAAA 0 [" + ELB + "] {alias=true, aws/evaluate-target-health=true}");
    // --aws-prefer-cname keeps it a CNAME; so does a CNAME elsewhere.
    assertThat(describe(AliasRecords.adjust(List.of(cname), true, true))).containsExactly("CNAME 0 [" + ELB + "] {}");
    Endpoint other = want("cluster-a", "ingress/default/www", "www.example.com", "CNAME", 0, "lb.example.net");
    assertThat(describe(AliasRecords.adjust(List.of(other), true, false))).containsExactly("CNAME 0 [lb.example.net] {}");
  }

  @Test
  void annotationsDecideAndATtlBecomes300() {
    Endpoint explicitAlias = with(want("cluster-a", "ingress/default/x", "x.example.com", "CNAME", 60, "d111.cloudfront.net"),
        Map.of("alias", "true", "aws/evaluate-target-health", "maybe"));
    assertThat(describe(AliasRecords.adjust(List.of(explicitAlias), true, false))).containsExactly(
        "A 300 [d111.cloudfront.net] {alias=true, aws/evaluate-target-health=false}",
        "AAAA 300 [d111.cloudfront.net] {alias=true, aws/evaluate-target-health=false}");
    Endpoint notAlias = with(want("cluster-a", "ingress/default/x", "x.example.com", "CNAME", 0, ELB),
        Map.of("alias", "false", "aws/evaluate-target-health", "true"));
    assertThat(describe(AliasRecords.adjust(List.of(notAlias), true, false))).containsExactly("CNAME 0 [" + ELB + "] {}");
    Endpoint mx = with(want("cluster-a", "crd/default/mx", "example.com", "MX", 0, "10 mail.example.com"),
        Map.of("alias", "true"));
    assertThat(describe(AliasRecords.adjust(List.of(mx), true, false))).containsExactly("MX 0 [10 mail.example.com] {}");
  }

  @Test
  void aliasAOrAaaaMakesThatAliasOnly() {
    // ExternalDNS v0.22's alias: A / alias: AAAA; the property reads as Route53 lists the record.
    for (String type : List.of("A", "AAAA")) {
      Endpoint cname = with(want("cluster-a", "ingress/default/shop", "shop.example.com", "CNAME", 0, ELB),
          Map.of("alias", type));
      assertThat(describe(AliasRecords.adjust(List.of(cname), true, false))).as(type).containsExactly(
          type + " 0 [" + ELB + "] {alias=true, aws/evaluate-target-health=true}");
    }
    // On an A record only "true" makes an alias, as ExternalDNS's adjustAandAAAARecord.
    Endpoint a = with(want("cluster-a", "crd/default/a", "a.example.com", "A", 0, "192.0.2.1"), Map.of("alias", "A"));
    assertThat(describe(AliasRecords.adjust(List.of(a), true, false))).containsExactly("A 0 [192.0.2.1] {}");
  }

  @Test
  void aliasRecordsExternalDnsCreatedAreAdoptedAsTheyAre() {
    // What ExternalDNS left in Route53 for an Ingress behind an ALB: A and AAAA aliases, typed TXTs.
    String txt = "\"heritage=external-dns,external-dns/owner=cluster-a,external-dns/resource=ingress/default/shop\"";
    Map<String, String> listed = Map.of("alias", "true", "aws/evaluate-target-health", "true");
    List<Endpoint> observed = List.of(
        new Endpoint("shop.example.com", "A", List.of(ELB), 300, "", Map.of(), listed),
        new Endpoint("shop.example.com", "AAAA", List.of(ELB), 300, "", Map.of(), listed),
        Endpoint.of("a-shop.example.com", "TXT", 300, txt), Endpoint.of("aaaa-shop.example.com", "TXT", 300, txt));
    NamePlanner planner = new NamePlanner(new Planner(), Policy.SYNC, TxtRegistryConfig.DEFAULT.registry());
    Plan plan = planner.plan("shop.example.com", "example.com",
        List.of(want("cluster-a", "ingress/default/shop", "shop.example.com", "CNAME", 0, ELB)), observed,
        OwnerScope.all(Set.of("cluster-a")), ROUTE53);
    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.changes().isEmpty()).as("nothing to change: %s", plan.changes()).isTrue();
  }

  @Test
  void twoClustersBehindTheirOwnLoadBalancersGetWeightedAliasesNotAMergedOne() {
    String elbB = "k8s-shop-5678.us-east-1.elb.amazonaws.com";
    NamePlanner planner = new NamePlanner(new Planner(), Policy.SYNC, TxtRegistryConfig.DEFAULT.registry());
    Plan plan = planner.plan("shop.example.com", "example.com",
        List.of(want("cluster-a", "ingress/default/shop", "shop.example.com", "CNAME", 0, ELB),
            want("cluster-b", "ingress/default/shop", "shop.example.com", "CNAME", 0, elbB)),
        List.of(), OwnerScope.all(Set.of("cluster-a", "cluster-b")), ROUTE53);
    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.changes().create()).filteredOn(e -> !e.recordType().equals("TXT"))
        .extracting(e -> e.recordType() + " " + e.setIdentifier() + " " + e.targets())
        .containsExactlyInAnyOrder("A cluster-a [" + ELB + "]", "AAAA cluster-a [" + ELB + "]",
            "A cluster-b [" + elbB + "]", "AAAA cluster-b [" + elbB + "]");

    // Without weighted routing the first keeps the name and the other is told why.
    Plan single = planner.plan("shop.example.com", "example.com",
        List.of(want("cluster-a", "ingress/default/shop", "shop.example.com", "CNAME", 0, ELB),
            want("cluster-b", "ingress/default/shop", "shop.example.com", "CNAME", 0, elbB)),
        List.of(), OwnerScope.all(Set.of("cluster-a", "cluster-b")),
        Set.of(ProviderCapabilities.ALIAS_RECORDS));
    assertThat(single.changes().create()).filteredOn(e -> !e.recordType().equals("TXT"))
        .allSatisfy(e -> assertThat(e.targets()).hasSize(1));
    assertThat(single.conflicts()).isNotEmpty();
  }
}
