package io.dnsplane.applier.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;

class Route53RecordsTest {
  private final Route53Records records = new Route53Records(true);

  private static Endpoint cname(String setId, Map<String, String> specific) {
    return new Endpoint("api.example.com", "CNAME", List.of("a.lb.example.net"), 60, setId, Map.of(), specific);
  }

  @Test
  void upsertWhereRoute53CanDeleteAndCreateWhereItCannot() {
    Endpoint weighted = cname("a", Map.of("aws/weight", "10"));
    assertThat(actions(new Changes.Builder().update(weighted, cname("a", Map.of("aws/weight", "20"))).build()))
        .containsExactly(ChangeAction.UPSERT);
    assertThat(actions(new Changes.Builder().update(weighted, cname("b", Map.of("aws/weight", "10"))).build()))
        .as("set identifier").containsExactly(ChangeAction.DELETE, ChangeAction.CREATE);
    assertThat(actions(new Changes.Builder().update(weighted, cname("a", Map.of("aws/region", "eu-west-1"))).build()))
        .as("routing policy").containsExactly(ChangeAction.DELETE, ChangeAction.CREATE);
    Endpoint plain = new Endpoint("web.example.com", "A", List.of("192.0.2.1"), 60, "", Map.of(), Map.of());
    Endpoint asCname = new Endpoint("web.example.com", "CNAME", List.of("lb.example.net"), 60, "", Map.of(), Map.of());
    assertThat(actions(new Changes.Builder().update(plain, asCname).build())).as("type")
        .containsExactly(ChangeAction.DELETE, ChangeAction.CREATE);
    // Deletes first, creates last, so a name can change hands within one batch.
    assertThat(actions(new Changes.Builder().create(asCname).delete(plain).build()))
        .containsExactly(ChangeAction.DELETE, ChangeAction.CREATE);
  }

  @Test
  void txtValuesAreQuotedOnceAndTtlDefaultsTo300() {
    Endpoint txt = new Endpoint("a-app.example.com", "TXT", List.of("heritage=external-dns"), 0, "", Map.of(), Map.of());
    Change change = records.changes(new Changes.Builder().create(txt).build()).get(0);
    assertThat(change.resourceRecordSet().resourceRecords().get(0).value()).isEqualTo("\"heritage=external-dns\"");
    assertThat(change.resourceRecordSet().ttl()).isEqualTo(300L);
    Endpoint quoted = txt.withTargets(List.of("\"heritage=external-dns\""));
    assertThat(records.changes(new Changes.Builder().create(quoted).build()).get(0).resourceRecordSet().resourceRecords()
        .get(0).value()).isEqualTo("\"heritage=external-dns\"");
  }

  @Test
  void anOwnershipTxtWithItsRecordsPropertiesIsAWeightedTxtNotAnAlias() {
    // The planner's TXT carries its record's provider-specific properties, as ExternalDNS writes it.
    Endpoint txt = new Endpoint("cname-api.example.com", "TXT", List.of("\"heritage=external-dns\""), 0, "a", Map.of(),
        Map.of("aws/weight", "10", "alias", "true", "aws/evaluate-target-health", "true"));
    var set = records.changes(new Changes.Builder().create(txt).build()).get(0).resourceRecordSet();
    assertThat(set.typeAsString()).isEqualTo("TXT");
    assertThat(set.aliasTarget()).isNull();
    assertThat(set.resourceRecords()).hasSize(1);
    assertThat(set.setIdentifier()).isEqualTo("a");
    assertThat(set.weight()).isEqualTo(10L);
  }

  @Test
  void anAliasTargetsItsCanonicalZoneItsOwnOrTheOneItsAnnotationGives() {
    io.dnsplane.applier.spi.Zone zone = new io.dnsplane.applier.spi.Zone("Z123OWN", "example.com");
    Map<String, String> alias = Map.of("alias", "true");
    java.util.function.Function<Endpoint, String> zoneOf = e -> records.changes(zone, new Changes.Builder().create(e).build())
        .get(0).resourceRecordSet().aliasTarget().hostedZoneId();
    assertThat(zoneOf.apply(new Endpoint("www.example.com", "A", List.of("k8s-a-1.eu-west-1.elb.amazonaws.com"), 0, "",
        Map.of(), alias))).isEqualTo("Z32O12XQLNTSW2");
    // ExternalDNS's same-zone alias: a target that is a name of the zone.
    assertThat(zoneOf.apply(new Endpoint("www.example.com", "A", List.of("origin.example.com"), 0, "", Map.of(), alias)))
        .isEqualTo("Z123OWN");
    assertThat(zoneOf.apply(new Endpoint("www.example.com", "A", List.of("origin.example.org"), 0, "", Map.of(),
        Map.of("alias", "true", "aws/target-hosted-zone", "/hostedzone/Z999OTHER")))).isEqualTo("Z999OTHER");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> zoneOf.apply(new Endpoint("www.example.com", "A",
            List.of("origin.example.org"), 0, "", Map.of(), alias)))
        .hasMessageContaining("give its zone with the aws-target-hosted-zone annotation");
    // Listed back, only an alias to another zone says which, as its desire does.
    var other = software.amazon.awssdk.services.route53.model.ResourceRecordSet.builder().name("www.example.com.").type("A")
        .aliasTarget(software.amazon.awssdk.services.route53.model.AliasTarget.builder().dnsName("origin.example.org.")
            .hostedZoneId("Z999OTHER").evaluateTargetHealth(false).build()).build();
    assertThat(records.toEndpoint(other, "example.com").orElseThrow().providerSpecific())
        .containsEntry("aws/target-hosted-zone", "Z999OTHER");
    var same = other.toBuilder().aliasTarget(other.aliasTarget().toBuilder().dnsName("origin.example.com.")
        .hostedZoneId("Z123OWN").build()).build();
    assertThat(records.toEndpoint(same, "example.com").orElseThrow().providerSpecific())
        .doesNotContainKey("aws/target-hosted-zone");
  }

  @Test
  void batchLimitsCountUpsertsTwice() {
    Route53Limits limits = Route53Limits.AWS;
    List<Endpoint> thousand = IntStream.range(0, 1000)
        .mapToObj(i -> Endpoint.of("h" + i + ".example.com", "A", 60, "192.0.2.1")).toList();
    Changes.Builder creates = new Changes.Builder();
    thousand.forEach(creates::create);
    assertThat(limits.fits(records.changes(creates.build()))).isTrue();
    creates.create(Endpoint.of("one-more.example.com", "A", 60, "192.0.2.1"));
    assertThat(limits.fits(records.changes(creates.build()))).isFalse();

    Changes.Builder upserts = new Changes.Builder();
    thousand.subList(0, 501).forEach(e -> upserts.update(e, e.withTargets(List.of("192.0.2.2"))));
    assertThat(limits.fits(records.changes(upserts.build()))).as("501 UPSERTs count as 1002").isFalse();

    String longValue = "\"" + "x".repeat(250) + "\"";
    Changes.Builder big = new Changes.Builder();
    IntStream.range(0, 130).forEach(i -> big.create(Endpoint.of("t" + i + ".example.com", "TXT", 60, longValue)));
    assertThat(limits.fits(records.changes(big.build()))).as("130 x 252 characters > 32000").isFalse();
  }

  private List<ChangeAction> actions(Changes changes) {
    return records.changes(changes).stream().map(Change::action).toList();
  }
}
