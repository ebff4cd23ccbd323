package io.dnsplane.planner.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ObjectState;
import io.dnsplane.avro.PlanRule;
import io.dnsplane.avro.ProviderZone;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.avro.planner.NameDesire;
import io.dnsplane.avro.planner.NameEvent;
import io.dnsplane.avro.planner.NameObservation;
import io.dnsplane.avro.planner.NameState;
import io.dnsplane.avro.planner.PendingRetry;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.DomainFilter;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.ownership.TxtRegistryConfig;
import io.dnsplane.planner.plan.ClusterDomains;
import io.dnsplane.planner.plan.NamePlanner;
import io.dnsplane.planner.plan.Planner;
import io.dnsplane.planner.plan.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision at one name, with no Kafka: where it stands (domain filter, zones, cluster domains),
 * and its timers (deletion grace, backoff after a refusal, an owner's initial sync).
 */
class NameDeciderTest {
  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
  private static final String NAME = "app.example.com";
  private static final SourceRef APP = new SourceRef("cluster-a", "ingress", "default", "app");
  private static final String TXT = "\"heritage=external-dns,external-dns/owner=cluster-a,external-dns/resource=ingress/default/app\"";
  private static final Map<ZoneRef, ProviderZone> EXAMPLE_COM = Map.of(new ZoneRef("aws", "Z1"),
      new ProviderZone("aws", "Z1", "example.com", T0, List.of()));
  private static final Owners SYNCED_A = new Owners(Set.of("cluster-a"), Set.of("cluster-a"), Set.of());

  private static final NameDecider.Settings DEFAULTS = new NameDecider.Settings(DomainFilter.ALL,
      ClusterDomains.UNRESTRICTED, Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(30), false);

  private static NameDecider decider(UnaryOperator<NameDecider.Settings> change) {
    return new NameDecider(new NamePlanner(new Planner(Set.of("A", "AAAA", "CNAME")), Policy.SYNC,
        TxtRegistryConfig.DEFAULT.registry()), change.apply(DEFAULTS));
  }

  private static NameDecider.Around around(PendingRetry pending, Instant now) {
    return new NameDecider.Around(EXAMPLE_COM, SYNCED_A, pending, now);
  }

  private static NameEvent want(SourceRef source, String... targets) {
    List<io.dnsplane.avro.Endpoint> endpoints = new ArrayList<>();
    for (String t : targets) {
      endpoints.add(AvroEndpoints.toAvro(Endpoint.of(NAME, "A", 0, t)));
    }
    return NameEvent.newBuilder().setDesire(NameDesire.newBuilder().setSource(source).setOwnerId(source.getClusterId())
        .setResource(source.getKind() + "/" + source.getNamespace() + "/" + source.getName())
        .setEndpoints(endpoints).build()).build();
  }

  private static NameEvent observed(String batchId, boolean failed, String held, String sourceName, Endpoint... records) {
    return NameEvent.newBuilder().setObservation(NameObservation.newBuilder().setProvider("aws").setZoneId("Z1")
        .setZoneName("example.com").setSourceName(sourceName).setRecords(AvroEndpoints.toAvro(List.of(records)))
        .setBatchId(batchId).setBatchFailed(failed).setFailure(failed ? "Throttling" : "").setHeld(held).build()).build();
  }

  private static List<ChangeBatch> batches(NameDecision d) {
    return d.outputs().stream().filter(o -> o instanceof PlannerOutput.Batch).map(o -> ((PlannerOutput.Batch) o).batch())
        .toList();
  }

  private static List<String> statuses(NameDecision d) {
    return d.outputs().stream().filter(o -> o instanceof PlannerOutput.Status s && s.status() != null)
        .map(o -> ((PlannerOutput.Status) o).status().getState() + " " + ((PlannerOutput.Status) o).status().getReason())
        .toList();
  }

  /** The name's state once the create of 192.0.2.10 was applied and reported back. */
  private static NameState applied(NameDecider decider) {
    NameDecision create = decider.onEvent(NAME, null, want(APP, "192.0.2.10"), T0, around(null, T0));
    String id = batches(create).get(0).getBatchId();
    NameDecision a = decider.onEvent(NAME, create.state(), observed(id, false, "", NAME,
        Endpoint.of(NAME, "A", 300, "192.0.2.10")), T0.plusSeconds(1), around(null, T0.plusSeconds(1)));
    NameDecision txt = decider.onEvent(NAME, a.state(), observed("", false, "", "a-" + NAME,
        Endpoint.of("a-" + NAME, "TXT", 300, TXT)), T0.plusSeconds(1), around(null, T0.plusSeconds(1)));
    assertThat(batches(txt)).isEmpty();
    return txt.state();
  }

  record Case(String description, UnaryOperator<NameDecider.Settings> settings, String name,
      Map<ZoneRef, ProviderZone> zones, List<String> batches, String status, String pending) {
    @Override
    public String toString() {
      return description;
    }
  }

  static Stream<Arguments> whereANameStands() {
    ClusterDomains onlyB = ClusterDomains.parse(List.of("cluster-a=b.example.com"));
    return Stream.of(
        new Case("in a managed zone: its record and TXT are created", s -> s, NAME, EXAMPLE_COM,
            List.of("CREATE create 2"), "PENDING change batch", null),
        new Case("outside the domain filter: not planned, its object told so",
            s -> new NameDecider.Settings(DomainFilter.of(List.of("example.org"), List.of(), "", ""), s.clusterDomains(),
                s.deletionGrace(), s.pendingRetryInterval(), s.failureBackoff(), s.dryRun()),
            NAME, EXAMPLE_COM, List.of(), "INVALID " + NAME + " is outside the planner's domain filter", null),
        new Case("in no managed zone: it waits for one", s -> s, NAME, Map.of(), List.of(),
            "PENDING no zone any applier manages serves " + NAME, "1970-01-01T00:00:00Z no managed zone serves it"),
        new Case("claimed outside the cluster's --cluster-domains: invalid, nothing planned",
            s -> new NameDecider.Settings(s.domainFilter(), onlyB, s.deletionGrace(), s.pendingRetryInterval(),
                s.failureBackoff(), s.dryRun()),
            NAME, EXAMPLE_COM, List.of(), "INVALID cluster cluster-a may only claim names in", null),
        new Case("--dry-run: planned and published, the object told it is held",
            s -> new NameDecider.Settings(s.domainFilter(), s.clusterDomains(), s.deletionGrace(), s.pendingRetryInterval(),
                s.failureBackoff(), true),
            NAME, EXAMPLE_COM, List.of("CREATE create 2"), "HELD --dry-run", null))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("whereANameStands")
  void decidesWhereANameStands(Case c) {
    NameDecision d = decider(c.settings()).onEvent(c.name(), null, want(APP, "192.0.2.10"), T0,
        new NameDecider.Around(c.zones(), SYNCED_A, null, T0));
    assertThat(batches(d)).extracting(b -> b.getRule() + " create " + b.getCreate().size()).containsExactlyElementsOf(c.batches());
    assertThat(statuses(d)).singleElement().asString().startsWith(c.status());
    assertThat(d.pending() == null ? null : d.pending().getRetryAt() + " " + d.pending().getReason()).isEqualTo(c.pending());
    assertThat(d.save()).isTrue();
  }

  @Test
  void aNameWaitingForAZoneKeepsItsFirstReason() {
    PendingRetry earlier = PendingRetries.refused(T0.plusSeconds(30), "b1", "Throttling");
    NameDecision d = decider(s -> s).onEvent(NAME, null, want(APP, "192.0.2.10"), T0,
        new NameDecider.Around(Map.of(), SYNCED_A, earlier, T0));
    assertThat(d.pending()).isEqualTo(earlier);
  }

  @Test
  void deletionGraceHoldsADeleteUntilItsTimeThenATimerPlansIt() {
    NameDecider decider = decider(s -> new NameDecider.Settings(s.domainFilter(), s.clusterDomains(),
        Duration.ofMinutes(5), s.pendingRetryInterval(), s.failureBackoff(), s.dryRun()));
    NameState state = applied(decider);
    Instant withdrawn = T0.plusSeconds(10);
    NameDecision held = decider.onEvent(NAME, state, want(APP), withdrawn, around(null, withdrawn));
    assertThat(batches(held)).isEmpty();
    assertThat(held.pending().getRetryAt()).isEqualTo(withdrawn.plus(Duration.ofMinutes(5)));
    assertThat(held.pending().getReason()).startsWith("deletes held by --deletion-grace until");
    assertThat(held.state().getDeletesPlannedSince()).isEqualTo(withdrawn.toEpochMilli());

    Instant early = withdrawn.plusSeconds(60);
    NameDecision still = decider.onTimer(NAME, held.state(), early, around(held.pending(), early));
    assertThat(batches(still)).as("a timer before the grace ends").isEmpty();
    assertThat(still.state().getDeletesPlannedSince()).as("the grace runs from the first time").isEqualTo(withdrawn.toEpochMilli());

    Instant due = withdrawn.plus(Duration.ofMinutes(5));
    NameDecision gone = decider.onTimer(NAME, still.state(), due, around(still.pending(), due));
    assertThat(batches(gone)).singleElement().satisfies(b -> {
      assertThat(b.getRule()).isEqualTo(PlanRule.DELETE);
      assertThat(b.getPlannedAt()).isEqualTo(due);
    });
    assertThat(gone.pending()).isNull();
  }

  @Test
  void aDesireBackWithinTheGraceCancelsTheDelete() {
    NameDecider decider = decider(s -> new NameDecider.Settings(s.domainFilter(), s.clusterDomains(),
        Duration.ofMinutes(5), s.pendingRetryInterval(), s.failureBackoff(), s.dryRun()));
    NameState state = applied(decider);
    NameDecision held = decider.onEvent(NAME, state, want(APP), T0.plusSeconds(10), around(null, T0.plusSeconds(10)));
    NameDecision back = decider.onEvent(NAME, held.state(), want(APP, "192.0.2.10"), T0.plusSeconds(20),
        around(held.pending(), T0.plusSeconds(20)));
    assertThat(batches(back)).isEmpty();
    assertThat(back.pending()).isNull();
    assertThat(back.state().getDeletesPlannedSince()).isZero();
  }

  @Test
  void aRefusalBacksOffObservationsButNotANewDesire() {
    NameDecider decider = decider(s -> s);
    NameDecision create = decider.onEvent(NAME, null, want(APP, "192.0.2.10"), T0, around(null, T0));
    String id = batches(create).get(0).getBatchId();
    Instant reported = T0.plusSeconds(2);
    NameDecision refused = decider.onEvent(NAME, create.state(), observed(id, true, "", NAME), reported,
        around(null, reported));
    assertThat(batches(refused)).as("not planned again at once, in a loop").isEmpty();
    assertThat(refused.pending().getRefused()).isTrue();
    assertThat(refused.pending().getRetryAt()).isEqualTo(reported.plusSeconds(30));
    assertThat(statuses(refused)).singleElement().asString()
        .startsWith("ERROR the provider refused part of batch " + id + ": Throttling; retrying in PT30S");

    NameDecision listing = decider.onEvent(NAME, refused.state(), observed("", false, "", NAME), reported.plusSeconds(5),
        around(refused.pending(), reported.plusSeconds(5)));
    assertThat(batches(listing)).as("an observation during the backoff").isEmpty();

    NameDecision moved = decider.onEvent(NAME, listing.state(), want(APP, "192.0.2.11"), reported.plusSeconds(6),
        around(listing.pending(), reported.plusSeconds(6)));
    assertThat(batches(moved)).as("a new desire is planned at once").hasSize(1);
    assertThat(moved.pending()).isNull();

    NameDecision retried = decider.onTimer(NAME, refused.state(), reported.plusSeconds(30),
        around(refused.pending(), reported.plusSeconds(30)));
    assertThat(batches(retried)).extracting(ChangeBatch::getRule).containsExactly(PlanRule.CREATE);
  }

  @Test
  void anObservationOlderThanTheBatchInFlightChangesNothing() {
    NameDecider decider = decider(s -> s);
    NameDecision create = decider.onEvent(NAME, null, want(APP, "192.0.2.10"), T0, around(null, T0));
    NameDecision stale = decider.onEvent(NAME, create.state(), observed("an-older-batch", false, "", NAME), T0.plusSeconds(1),
        around(null, T0.plusSeconds(1)));
    assertThat(stale.save()).isFalse();
    assertThat(stale.outputs()).isEmpty();
    assertThat(stale.state()).isSameAs(create.state());
  }

  @Test
  void aBatchTheBreakerHoldsStaysInFlightAndItsObjectIsToldWhy() {
    NameDecider decider = decider(s -> s);
    NameDecision create = decider.onEvent(NAME, null, want(APP, "192.0.2.10"), T0, around(null, T0));
    String id = batches(create).get(0).getBatchId();
    NameDecision held = decider.onEvent(NAME, create.state(), observed(id, false, "12 deletes in zone Z1 exceed --max-deletes", NAME),
        T0.plusSeconds(1), around(null, T0.plusSeconds(1)));
    assertThat(batches(held)).isEmpty();
    assertThat(InFlightBatches.inZone(held.state(), "Z1")).contains(id);
    assertThat(statuses(held)).singleElement().asString().startsWith("HELD 12 deletes in zone Z1 exceed --max-deletes");
  }

  @Test
  void aWithdrawalWaitsForItsOwnersInitialSync() {
    NameDecider decider = decider(s -> s);
    NameState state = applied(decider);
    Owners restarting = new Owners(Set.of("cluster-a"), Set.of(), Set.of());
    Instant at = T0.plusSeconds(10);
    NameDecision d = decider.onEvent(NAME, state, want(APP), at, new NameDecider.Around(EXAMPLE_COM, restarting, null, at));
    assertThat(batches(d)).as("no delete before cluster-a's watcher has listed everything again").isEmpty();
    assertThat(d.pending().getReason()).isEqualTo("waiting for cluster-a's initial sync to withdraw its records");
    assertThat(d.pending().getRetryAt()).isEqualTo(at.plusSeconds(5));

    NameDecision synced = decider.onTimer(NAME, d.state(), at.plusSeconds(5), around(d.pending(), at.plusSeconds(5)));
    assertThat(batches(synced)).extracting(ChangeBatch::getRule).containsExactly(PlanRule.DELETE);
  }

  @Test
  void aSecondClustersDesireMergesBeforeTheFirstClustersHeartbeatArrived() {
    NameDecider decider = decider(s -> s);
    SourceRef b = new SourceRef("cluster-b", "ingress", "default", "app");
    Owners onlyA = new Owners(Set.of("cluster-a"), Set.of("cluster-a"), Set.of());
    NameDecision first = decider.onEvent(NAME, null, want(b, "192.0.2.20"), T0,
        new NameDecider.Around(EXAMPLE_COM, onlyA, null, T0));
    assertThat(batches(first)).extracting(ChangeBatch::getRule).containsExactly(PlanRule.CREATE);
    NameDecision second = decider.onEvent(NAME, first.state(), want(APP, "192.0.2.10"), T0.plusMillis(5),
        new NameDecider.Around(EXAMPLE_COM, onlyA, null, T0.plusMillis(5)));
    assertThat(batches(second)).as("cluster-b's record, in flight, is one this planner serves: its desire says so")
        .extracting(ChangeBatch::getRule).containsExactly(PlanRule.MERGE);
  }

  @Test
  void aNameWhoseLastRecordsAreBeingDeletedIsKeptUntilTheApplierReports() {
    NameDecider decider = decider(s -> s);
    NameState state = applied(decider);
    NameDecision withdrawn = decider.onEvent(NAME, state, want(APP), T0.plusSeconds(10), around(null, T0.plusSeconds(10)));
    ChangeBatch delete = batches(withdrawn).get(0);
    assertThat(withdrawn.state()).as("the delete is in flight: the state waits for its report").isNotNull();
    NameDecision held = decider.onEvent(NAME, withdrawn.state(), observed(delete.getBatchId(), false, "held by the breaker",
        NAME, Endpoint.of(NAME, "A", 300, "192.0.2.10")), T0.plusSeconds(11), around(null, T0.plusSeconds(11)));
    assertThat(InFlightBatches.inZone(held.state(), "Z1")).contains(delete.getBatchId());
    NameDecision back = decider.onEvent(NAME, held.state(), want(APP, "192.0.2.11"), T0.plusSeconds(12),
        around(null, T0.plusSeconds(12)));
    assertThat(batches(back)).as("planned against the delete it waits behind: the record and its TXT anew")
        .singleElement().satisfies(b -> assertThat(b.getCreate()).hasSize(2));
    NameDecision reported = decider.onEvent(NAME, withdrawn.state(), observed(delete.getBatchId(), false, "", NAME),
        T0.plusSeconds(13), around(null, T0.plusSeconds(13)));
    assertThat(reported.state()).as("reported, and nothing left: forgotten").isNull();
  }

  @Test
  void aTimerForANameNoLongerKnownForgetsIt() {
    NameDecision d = decider(s -> s).onTimer(NAME, null, T0, around(PendingRetries.whenever("x"), T0));
    assertThat(d.state()).isNull();
    assertThat(d.pending()).isNull();
    assertThat(d.save()).isFalse();
  }

  @Test
  void theStoredStateIsNotChanged() {
    NameDecider decider = decider(s -> s);
    NameState state = applied(decider);
    NameState before = NameState.newBuilder(state).build();
    decider.onEvent(NAME, state, want(APP, "192.0.2.11"), T0.plusSeconds(5), around(null, T0.plusSeconds(5)));
    assertThat(state).isEqualTo(before);
  }

  @Test
  void theSameInputsGiveTheSameDecision() {
    NameDecider decider = decider(s -> s);
    NameState state = applied(decider);
    NameDecision a = decider.onEvent(NAME, state, want(APP, "192.0.2.11"), T0.plusSeconds(5), around(null, T0.plusSeconds(5)));
    NameDecision b = decider.onEvent(NAME, state, want(APP, "192.0.2.11"), T0.plusSeconds(5), around(null, T0.plusSeconds(5)));
    assertThat(a).isEqualTo(b);
  }
}
