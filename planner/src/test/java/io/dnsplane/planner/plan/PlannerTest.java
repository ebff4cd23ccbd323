package io.dnsplane.planner.plan;

import static io.dnsplane.planner.plan.Fixtures.owned;
import static io.dnsplane.planner.plan.Fixtures.shared;
import static io.dnsplane.planner.plan.Fixtures.unowned;
import static io.dnsplane.planner.plan.Fixtures.want;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The planner's rules as a table; names follow ExternalDNS's plan_test.go where a case ports one. */
class PlannerTest {
  private static final String A = "cluster-a";
  private static final String B = "cluster-b";
  private static final String APP = "ingress/default/app";
  private static final String WEB = "ingress/default/web";

  record Case(String name, List<Endpoint> desired, List<Endpoint> current, Set<String> managedOwners,
      List<Endpoint> create, List<Endpoint> updateOld, List<Endpoint> updateNew, List<Endpoint> delete) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case expect(String name, List<Endpoint> desired, List<Endpoint> current, Changes changes) {
    return new Case(name, desired, current, Set.of(A, B), changes.create(), changes.updateOld(), changes.updateNew(),
        changes.delete());
  }

  static Changes.Builder changes() {
    return new Changes.Builder();
  }

  static Stream<Case> cases() {
    return Stream.of(
        expect("creates what nobody holds",
            List.of(want(A, APP, "app.example.com", "A", 0, "192.0.2.10")), List.of(),
            changes().create(want(A, APP, "app.example.com", "A", 0, "192.0.2.10")).build()),
        expect("TestIdempotency: same desire and state plans nothing",
            List.of(want(A, APP, "app.example.com", "A", 300, "192.0.2.10")),
            List.of(owned(A, APP, "app.example.com", "A", 300, "192.0.2.10")),
            Changes.NONE),
        expect("updates when targets change",
            List.of(want(A, APP, "app.example.com", "A", 0, "192.0.2.11")),
            List.of(owned(A, APP, "app.example.com", "A", 0, "192.0.2.10")),
            changes().update(owned(A, APP, "app.example.com", "A", 0, "192.0.2.10"),
                want(A, APP, "app.example.com", "A", 0, "192.0.2.11")).build()),
        expect("updates when a configured TTL changes",
            List.of(want(A, APP, "app.example.com", "A", 60, "192.0.2.10")),
            List.of(owned(A, APP, "app.example.com", "A", 300, "192.0.2.10")),
            changes().update(owned(A, APP, "app.example.com", "A", 300, "192.0.2.10"),
                want(A, APP, "app.example.com", "A", 60, "192.0.2.10")).build()),
        expect("an unset TTL (0) leaves the provider's TTL alone",
            List.of(want(A, APP, "app.example.com", "A", 0, "192.0.2.10")),
            List.of(owned(A, APP, "app.example.com", "A", 300, "192.0.2.10")),
            Changes.NONE),
        expect("deletes what its owner no longer wants",
            List.of(), List.of(owned(A, APP, "app.example.com", "A", 0, "192.0.2.10")),
            changes().delete(owned(A, APP, "app.example.com", "A", 0, "192.0.2.10")).build()),
        expect("never creates over, updates or deletes a record nobody owns",
            List.of(want(B, APP, "legacy.example.com", "A", 0, "192.0.2.40")),
            List.of(unowned("legacy.example.com", "A", 300, "198.51.100.1"), unowned("old.example.com", "A", 300, "198.51.100.2")),
            Changes.NONE),
        expect("leaves a record whose TXT names an owner this planner does not manage",
            List.of(want(A, APP, "shared.example.com", "A", 0, "192.0.2.10")),
            List.of(owned("someone-else", "ingress/x/y", "shared.example.com", "A", 0, "203.0.113.5"),
                owned("someone-else", "ingress/x/z", "gone.example.com", "A", 0, "203.0.113.6")),
            Changes.NONE),
        expect("two clusters wanting one A record share it: union of targets, both owners",
            List.of(want(A, APP, "app.example.com", "A", 0, "192.0.2.10"), want(B, APP, "app.example.com", "A", 0, "192.0.2.20")),
            List.of(owned(A, APP, "app.example.com", "A", 0, "192.0.2.10")),
            changes().update(owned(A, APP, "app.example.com", "A", 0, "192.0.2.10"),
                shared("app.example.com", "A", 0, List.of("192.0.2.10", "192.0.2.20"), A, APP, B, APP)).build()),
        expect("a shared record is created with every cluster's targets",
            List.of(want(A, APP, "app.example.com", "AAAA", 0, "2001:db8::a"), want(B, WEB, "app.example.com", "AAAA", 0, "2001:db8::b")),
            List.of(),
            changes().create(shared("app.example.com", "AAAA", 0, List.of("2001:db8::a", "2001:db8::b"), A, APP, B, WEB)).build()),
        expect("a cluster that withdrew takes only its targets away",
            List.of(want(B, APP, "app.example.com", "A", 0, "192.0.2.20")),
            List.of(shared("app.example.com", "A", 0, List.of("192.0.2.10", "192.0.2.20"), A, APP, B, APP)),
            changes().update(shared("app.example.com", "A", 0, List.of("192.0.2.10", "192.0.2.20"), A, APP, B, APP),
                want(B, APP, "app.example.com", "A", 0, "192.0.2.20")).build()),
        expect("the last cluster out deletes the shared record",
            List.of(),
            List.of(shared("app.example.com", "A", 0, List.of("192.0.2.10", "192.0.2.20"), A, APP, B, APP)),
            changes().delete(shared("app.example.com", "A", 0, List.of("192.0.2.10", "192.0.2.20"), A, APP, B, APP)).build()),
        expect("a shared record with a co-owner this planner does not manage is left alone",
            List.of(want(A, APP, "app.example.com", "A", 0, "192.0.2.11")),
            List.of(shared("app.example.com", "A", 0, List.of("192.0.2.10", "203.0.113.9"), A, APP, "elsewhere", "ingress/x/y")),
            Changes.NONE),
        expect("the owner's TTL wins when set; the lowest TTL of a shared set",
            List.of(want(A, APP, "app.example.com", "A", 300, "192.0.2.10"), want(B, APP, "app.example.com", "A", 60, "192.0.2.20")),
            List.of(),
            changes().create(shared("app.example.com", "A", 60, List.of("192.0.2.10", "192.0.2.20"), A, APP, B, APP)).build()),
        expect("a CNAME cannot be shared: the incumbent keeps it",
            List.of(want(A, APP, "www.example.com", "CNAME", 0, "lb-a.example.net"), want(B, APP, "www.example.com", "CNAME", 0, "lb-b.example.net")),
            List.of(owned(B, APP, "www.example.com", "CNAME", 0, "lb-b.example.net")),
            Changes.NONE),
        expect("a CNAME wanted by two clusters goes to the preferred one",
            List.of(want(A, APP, "www.example.com", "CNAME", 0, "lb-b.example.net"), want(B, APP, "www.example.com", "CNAME", 0, "lb-a.example.net")),
            List.of(),
            changes().create(want(B, APP, "www.example.com", "CNAME", 0, "lb-a.example.net")).build()),
        expect("the CNAME owner withdraws: its record goes even if another owner wants the name",
            List.of(want(B, APP, "www.example.com", "CNAME", 0, "lb-b.example.net")),
            List.of(owned(A, APP, "www.example.com", "CNAME", 0, "lb-a.example.net")),
            changes().delete(owned(A, APP, "www.example.com", "CNAME", 0, "lb-a.example.net")).build()),
        expect("TestSyncSecondRoundWithTTLChange",
            List.of(want(A, APP, "bar.example.com", "A", 300, "127.0.0.1")),
            List.of(owned(A, APP, "bar.example.com", "A", 0, "127.0.0.1")),
            changes().update(owned(A, APP, "bar.example.com", "A", 0, "127.0.0.1"),
                want(A, APP, "bar.example.com", "A", 300, "127.0.0.1")).build()),
        expect("TestSyncSecondRoundWithProviderSpecificChange",
            List.of(new Endpoint("bar.example.com", "A", List.of("127.0.0.1"), 0, "",
                java.util.Map.of(Endpoint.LABEL_OWNER, A, Endpoint.LABEL_RESOURCE, APP),
                java.util.Map.of("external-dns.alpha.kubernetes.io/cloudflare-proxied", "false"))),
            List.of(new Endpoint("bar.example.com", "A", List.of("127.0.0.1"), 0, "",
                java.util.Map.of(Endpoint.LABEL_OWNER, A, Endpoint.LABEL_RESOURCE, APP),
                java.util.Map.of("external-dns.alpha.kubernetes.io/cloudflare-proxied", "true"))),
            changes().update(new Endpoint("bar.example.com", "A", List.of("127.0.0.1"), 0, "",
                    java.util.Map.of(Endpoint.LABEL_OWNER, A, Endpoint.LABEL_RESOURCE, APP),
                    java.util.Map.of("external-dns.alpha.kubernetes.io/cloudflare-proxied", "true")),
                new Endpoint("bar.example.com", "A", List.of("127.0.0.1"), 0, "",
                    java.util.Map.of(Endpoint.LABEL_OWNER, A, Endpoint.LABEL_RESOURCE, APP),
                    java.util.Map.of("external-dns.alpha.kubernetes.io/cloudflare-proxied", "false"))).build()),
        expect("TestSyncSecondRoundWithOwnerInherited: the owner keeps the record, a new resource of it takes over",
            List.of(want(A, "ingress/default/foo-v2", "foo.example.com", "CNAME", 0, "v2.example.net")),
            List.of(owned(A, "ingress/default/foo-v1", "foo.example.com", "CNAME", 0, "v1.example.net")),
            changes().update(owned(A, "ingress/default/foo-v1", "foo.example.com", "CNAME", 0, "v1.example.net"),
                want(A, "ingress/default/foo-v2", "foo.example.com", "CNAME", 0, "v2.example.net")).build()),
        expect("TestIgnoreTXT: a TXT record at the name does not stop a CNAME",
            List.of(want(A, APP, "foo.example.com", "CNAME", 0, "v2.example.net")),
            List.of(unowned("foo.example.com", "TXT", 0, "\"v=spf1 -all\"")),
            changes().create(want(A, APP, "foo.example.com", "CNAME", 0, "v2.example.net")).build()),
        expect("TestRemoveEndpoint",
            List.of(want(A, APP, "foo.example.com", "CNAME", 0, "v1.example.net")),
            List.of(owned(A, APP, "foo.example.com", "CNAME", 0, "v1.example.net"), owned(A, WEB, "bar.example.com", "A", 0, "192.168.0.1")),
            changes().delete(owned(A, WEB, "bar.example.com", "A", 0, "192.168.0.1")).build()),
        expect("TestNoChanges2: the order of desire does not matter",
            List.of(want(B, WEB, "bar.example.com", "A", 0, "192.168.0.1"), want(A, APP, "foo.example.com", "CNAME", 0, "v1.example.net")),
            List.of(owned(A, APP, "foo.example.com", "CNAME", 0, "v1.example.net"), owned(B, WEB, "bar.example.com", "A", 0, "192.168.0.1")),
            Changes.NONE),
        expect("TestDifferentTypes: an A record wins the name from a CNAME",
            List.of(want(A, "ingress/default/foo-v2", "foo.example.com", "CNAME", 0, "v2.example.net"),
                want(A, "ingress/default/foo-5", "foo.example.com", "A", 0, "5.5.5.5")),
            List.of(owned(A, "ingress/default/foo-v1", "foo.example.com", "CNAME", 0, "v1.example.net")),
            changes().create(want(A, "ingress/default/foo-5", "foo.example.com", "A", 0, "5.5.5.5"))
                .delete(owned(A, "ingress/default/foo-v1", "foo.example.com", "CNAME", 0, "v1.example.net")).build()),
        expect("TestRecordTypeChange: CNAME to A",
            List.of(want(A, APP, "app.example.com", "A", 0, "192.0.2.10")),
            List.of(owned(A, APP, "app.example.com", "CNAME", 0, "lb.example.net")),
            changes().create(want(A, APP, "app.example.com", "A", 0, "192.0.2.10"))
                .delete(owned(A, APP, "app.example.com", "CNAME", 0, "lb.example.net")).build()),
        expect("TestExistingCNameWithDualStackDesired",
            List.of(want(A, APP, "app.example.com", "A", 0, "192.0.2.10"), want(A, APP, "app.example.com", "AAAA", 0, "2001:db8::1")),
            List.of(owned(A, APP, "app.example.com", "CNAME", 0, "lb.example.net")),
            changes().create(want(A, APP, "app.example.com", "A", 0, "192.0.2.10"))
                .create(want(A, APP, "app.example.com", "AAAA", 0, "2001:db8::1"))
                .delete(owned(A, APP, "app.example.com", "CNAME", 0, "lb.example.net")).build()),
        expect("a CNAME loses to other types wanted at the same name",
            List.of(want(A, APP, "app.example.com", "CNAME", 0, "lb.example.net"), want(B, WEB, "app.example.com", "A", 0, "192.0.2.20")),
            List.of(),
            changes().create(want(B, WEB, "app.example.com", "A", 0, "192.0.2.20")).build()),
        expect("a new type is not created beside a record somebody else owns",
            List.of(want(A, APP, "app.example.com", "AAAA", 0, "2001:db8::1")),
            List.of(unowned("app.example.com", "A", 0, "198.51.100.1")),
            Changes.NONE),
        expect("a new type is created beside records its owner already holds",
            List.of(want(A, APP, "app.example.com", "A", 0, "192.0.2.10"), want(A, APP, "app.example.com", "AAAA", 0, "2001:db8::1")),
            List.of(owned(A, APP, "app.example.com", "A", 0, "192.0.2.10")),
            changes().create(want(A, APP, "app.example.com", "AAAA", 0, "2001:db8::1")).build()),
        expect("within one owner, create prefers fewer targets",
            List.of(want(A, APP, "app.example.com", "A", 0, "192.0.2.10", "192.0.2.11"),
                want(A, WEB, "app.example.com", "A", 0, "192.0.2.20")),
            List.of(),
            changes().create(want(A, WEB, "app.example.com", "A", 0, "192.0.2.20")).build()),
        expect("within one owner, create compares IPs numerically, not as text",
            List.of(want(A, APP, "app.example.com", "A", 0, "192.0.2.100"), want(A, WEB, "app.example.com", "A", 0, "192.0.2.20")),
            List.of(),
            changes().create(want(A, WEB, "app.example.com", "A", 0, "192.0.2.20")).build()),
        expect("the incumbent resource keeps the record against a preferred newcomer",
            List.of(want(A, WEB, "app.example.com", "A", 0, "192.0.2.1"), want(A, APP, "app.example.com", "A", 0, "192.0.2.99")),
            List.of(owned(A, APP, "app.example.com", "A", 0, "192.0.2.10")),
            changes().update(owned(A, APP, "app.example.com", "A", 0, "192.0.2.10"),
                want(A, APP, "app.example.com", "A", 0, "192.0.2.99")).build()),
        expect("record types outside --managed-record-types are ignored",
            List.of(want(A, APP, "app.example.com", "MX", 0, "10 mail.example.com")),
            List.of(unowned("app.example.com", "TXT", 0, "\"v=spf1 -all\"")),
            Changes.NONE),
        expect("set identifiers make separate rows",
            List.of(new Endpoint("app.example.com", "A", List.of("192.0.2.10"), 0, "eu",
                java.util.Map.of(Endpoint.LABEL_OWNER, A, Endpoint.LABEL_RESOURCE, APP), java.util.Map.of())),
            List.of(new Endpoint("app.example.com", "A", List.of("192.0.2.20"), 0, "us",
                java.util.Map.of(Endpoint.LABEL_OWNER, A, Endpoint.LABEL_RESOURCE, APP), java.util.Map.of())),
            changes().create(new Endpoint("app.example.com", "A", List.of("192.0.2.10"), 0, "eu",
                    java.util.Map.of(Endpoint.LABEL_OWNER, A, Endpoint.LABEL_RESOURCE, APP), java.util.Map.of()))
                .delete(new Endpoint("app.example.com", "A", List.of("192.0.2.20"), 0, "us",
                    java.util.Map.of(Endpoint.LABEL_OWNER, A, Endpoint.LABEL_RESOURCE, APP), java.util.Map.of())).build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plans(Case c) {
    Changes changes = new Planner().plan(c.desired(), c.current(), OwnerScope.all(c.managedOwners())).changes();
    assertThat(changes.create()).as("create").containsExactlyInAnyOrderElementsOf(c.create());
    assertThat(changes.updateOld()).as("updateOld").containsExactlyElementsOf(c.updateOld());
    assertThat(changes.updateNew()).as("updateNew").containsExactlyElementsOf(c.updateNew());
    assertThat(changes.delete()).as("delete").containsExactlyInAnyOrderElementsOf(c.delete());
  }

  @org.junit.jupiter.api.Test
  void TestRemoveEndpointWithUpsert() {
    Changes planned = new Planner().plan(List.of(want(A, APP, "foo.example.com", "CNAME", 0, "v1.example.net")),
        List.of(owned(A, APP, "foo.example.com", "CNAME", 0, "v1.example.net"), owned(A, WEB, "bar.example.com", "A", 0, "192.168.0.1")),
        OwnerScope.all(Set.of(A))).changes();
    assertThat(Policy.UPSERT_ONLY.apply(planned).isEmpty()).isTrue();
  }

  @org.junit.jupiter.api.Test
  void holdsADeleteUntilTheOwnerWasSeenToWithdraw() {
    List<Endpoint> current = List.of(owned(A, APP, "app.example.com", "A", 0, "192.0.2.10"));
    assertThat(new Planner().plan(List.of(), current, new OwnerScope(Set.of(A), Set.of())).changes().isEmpty()).isTrue();
    assertThat(new Planner().plan(List.of(), current, new OwnerScope(Set.of(A), Set.of(A))).changes().delete())
        .containsExactlyElementsOf(current);
  }

  @org.junit.jupiter.api.Test
  void keepsAnUnreadOwnersShareOfASharedRecord() {
    Endpoint current = shared("app.example.com", "A", 0, List.of("192.0.2.10", "192.0.2.20"), A, APP, B, APP);
    // B's desire is known (192.0.2.21 now); A's is not (not synced, or not read yet): keep A and its targets.
    Changes changes = new Planner().plan(List.of(want(B, APP, "app.example.com", "A", 0, "192.0.2.21")), List.of(current),
        new OwnerScope(Set.of(A, B), Set.of(B))).changes();
    assertThat(changes.updateNew()).containsExactly(
        shared("app.example.com", "A", 0, List.of("192.0.2.10", "192.0.2.20", "192.0.2.21"), A, APP, B, APP));
  }

  @org.junit.jupiter.api.Test
  void aStaleClustersTargetsLeaveASharedRecordButNeverTheLastOnes() {
    Endpoint current = shared("app.example.com", "A", 0, List.of("192.0.2.10", "192.0.2.20"), A, APP, B, APP);
    List<Endpoint> desired = List.of(want(A, APP, "app.example.com", "A", 0, "192.0.2.10"),
        want(B, APP, "app.example.com", "A", 0, "192.0.2.20"));
    Changes failover = new Planner().plan(desired, List.of(current), new OwnerScope(Set.of(A, B), Set.of(), Set.of(B))).changes();
    assertThat(failover.updateNew()).containsExactly(owned(A, APP, "app.example.com", "A", 0, "192.0.2.10"));

    Changes failStatic = new Planner().plan(desired, List.of(current), new OwnerScope(Set.of(A, B), Set.of(), Set.of(A, B))).changes();
    assertThat(failStatic.isEmpty()).isTrue();

    Changes backAgain = new Planner().plan(desired, List.of(owned(A, APP, "app.example.com", "A", 0, "192.0.2.10")),
        new OwnerScope(Set.of(A, B), Set.of(), Set.of())).changes();
    assertThat(backAgain.updateNew()).containsExactly(current);
  }

  @org.junit.jupiter.api.Test
  void reportsConflictsForDesireItCannotHonour() {
    Plan plan = new Planner().plan(
        List.of(want(B, APP, "legacy.example.com", "A", 0, "192.0.2.40"),
            want(A, APP, "www.example.com", "CNAME", 0, "lb-b.example.net"),
            want(B, WEB, "www.example.com", "CNAME", 0, "lb-a.example.net"),
            want(A, APP, "other.example.com", "A", 0, "192.0.2.1")),
        List.of(unowned("legacy.example.com", "A", 300, "198.51.100.1"),
            owned("someone-else", "ingress/x/y", "other.example.com", "A", 0, "203.0.113.5")),
        OwnerScope.all(Set.of(A, B)));
    assertThat(plan.conflicts()).extracting(c -> c.desired().dnsName() + ": " + c.reason()).containsExactlyInAnyOrder(
        "legacy.example.com: legacy.example.com A exists and no TXT record says who owns it; dnsplane leaves it alone",
        "other.example.com: other.example.com A is owned by someone-else, which this planner does not manage",
        "www.example.com: www.example.com CNAME is held by cluster-b (ingress/default/web); a CNAME cannot be shared");
  }

  /** Applying a plan and planning again converges: a handover (delete, then create) takes two rounds. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void convergesWithinTwoRounds(Case c) {
    List<Endpoint> state = new java.util.ArrayList<>(c.current());
    for (int round = 0; round < 2; round++) {
      Changes changes = new Planner().plan(c.desired(), state, OwnerScope.all(c.managedOwners())).changes();
      state.removeAll(changes.delete());
      state.removeAll(changes.updateOld());
      state.addAll(changes.updateNew());
      state.addAll(changes.create());
    }
    assertThat(new Planner().plan(c.desired(), state, OwnerScope.all(c.managedOwners())).changes().isEmpty())
        .as(c.name()).isTrue();
  }
}
