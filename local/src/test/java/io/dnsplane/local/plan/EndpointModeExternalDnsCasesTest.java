package io.dnsplane.local.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.DomainFilter;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.ownership.TxtNameMapper;
import io.dnsplane.planner.plan.Policy;
import io.dnsplane.planner.preview.EndpointPlanPreview;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ExternalDNS's planner test cases (plan/plan_test.go) through `dnsplane plan`'s endpoint mode, one owner id "default". */
class EndpointModeExternalDnsCasesTest {
  private static Endpoint ep(String name, String type, long ttl, String resource, String owner, String... targets) {
    Map<String, String> labels = new java.util.TreeMap<>();
    if (!resource.isEmpty()) {
      labels.put("resource", resource);
    }
    if (!owner.isEmpty()) {
      labels.put("owner", owner);
    }
    return new Endpoint(name, type, List.of(targets), ttl, "", labels, Map.of());
  }

  record Case(String name, Policy policy, List<Endpoint> desired, List<Endpoint> current, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final Endpoint FOO_V1 = ep("foo.example.com", "CNAME", 0, "ingress/default/foo-v1", "default", "v1.example.net");
  static final Endpoint FOO_V2 = ep("foo.example.com", "CNAME", 0, "ingress/default/foo-v2", "", "v2.example.net");
  static final Endpoint FOO_A5 = ep("foo.example.com", "A", 0, "ingress/default/foo-5", "", "5.5.5.5");
  static final Endpoint BAR_127 = ep("bar.example.com", "A", 0, "ingress/default/bar-127", "default", "127.0.0.1");
  static final Endpoint BAR_127_TTL = ep("bar.example.com", "A", 300, "ingress/default/bar-127", "", "127.0.0.1");
  static final Endpoint BAR_192 = ep("bar.example.com", "A", 0, "ingress/default/bar-192", "default", "192.168.0.1");

  static Stream<Case> cases() {
    return Stream.of(
        new Case("TestIdempotency", Policy.SYNC, List.of(FOO_V1), List.of(FOO_V1), List.of()),
        new Case("TestSyncFirstRound", Policy.SYNC, List.of(FOO_V1, BAR_127), List.of(),
            List.of("create foo.example.com CNAME v1.example.net", "create bar.example.com A 127.0.0.1")),
        new Case("TestSyncSecondRoundWithTTLChange", Policy.SYNC, List.of(BAR_127_TTL), List.of(BAR_127),
            List.of("updateOld bar.example.com A 127.0.0.1", "updateNew bar.example.com 300 A 127.0.0.1")),
        new Case("TestSyncSecondRoundWithOwnerInherited", Policy.SYNC, List.of(FOO_V2), List.of(FOO_V1),
            List.of("updateOld foo.example.com CNAME v1.example.net", "updateNew foo.example.com CNAME v2.example.net")),
        new Case("TestDifferentTypes", Policy.SYNC, List.of(FOO_V2, FOO_A5), List.of(FOO_V1),
            List.of("create foo.example.com A 5.5.5.5", "delete foo.example.com CNAME v1.example.net")),
        new Case("TestIgnoreTXT", Policy.SYNC, List.of(FOO_V2),
            List.of(ep("foo.example.com", "TXT", 0, "", "", "\"v=spf1 -all\"")),
            List.of("create foo.example.com CNAME v2.example.net")),
        new Case("TestRemoveEndpoint", Policy.SYNC, List.of(FOO_V1), List.of(FOO_V1, BAR_192),
            List.of("delete bar.example.com A 192.168.0.1")),
        new Case("TestRemoveEndpointWithUpsert", Policy.UPSERT_ONLY, List.of(FOO_V1), List.of(FOO_V1, BAR_192), List.of()),
        new Case("TestRecordTypeChange", Policy.SYNC, List.of(FOO_A5), List.of(FOO_V1),
            List.of("create foo.example.com A 5.5.5.5", "delete foo.example.com CNAME v1.example.net")),
        new Case("TestExistingCNameWithDualStackDesired", Policy.SYNC,
            List.of(FOO_A5, ep("foo.example.com", "AAAA", 0, "ingress/default/foo-5", "", "2001:db8::5")), List.of(FOO_V1),
            List.of("create foo.example.com A 5.5.5.5", "create foo.example.com AAAA 2001:db8::5",
                "delete foo.example.com CNAME v1.example.net")),
        new Case("a record another owner holds is not ours", Policy.SYNC, List.of(BAR_127),
            List.of(ep("bar.example.com", "A", 0, "ingress/x/y", "other", "203.0.113.1")), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plansAsExternalDns(Case c) {
    EndpointPlanPreview.Result result = EndpointPlanPreview.plan(c.desired(), c.current(), new EndpointPlanPreview.Options(
        "default", Set.of(), c.policy(), Set.of("A", "AAAA", "CNAME"), DomainFilter.ALL, false, new TxtNameMapper("")));
    List<String> actual = new java.util.ArrayList<>();
    result.changes().create().forEach(e -> actual.add("create " + e));
    result.changes().updateOld().forEach(e -> actual.add("updateOld " + e));
    result.changes().updateNew().forEach(e -> actual.add("updateNew " + e));
    result.changes().delete().forEach(e -> actual.add("delete " + e));
    assertThat(actual).containsExactlyInAnyOrderElementsOf(c.expected());
  }
}
