package io.dnsplane.planner.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.ObservedKey;
import io.dnsplane.avro.ObservedRecordSet;
import io.dnsplane.avro.PlanRule;
import io.dnsplane.avro.PlannerEvent;
import io.dnsplane.avro.PlannerKey;
import io.dnsplane.avro.ProviderZone;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.PlannerConfig;
import io.dnsplane.planner.plan.Policy;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * A planner's run recorded (the real topology, fed records at their times, an applier stand-in
 * reporting each batch back), then replayed by {@link Replay}: the same plans, including a delete a
 * timer made after --deletion-grace, which the replay makes at another moment and so under another
 * id; a stricter policy shows the delete as a difference.
 */
class ReplayTest {
  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
  private static final SourceRef APP = new SourceRef("cluster-a", "ingress", "default", "app");
  private static final String NAME = "app.example.com";

  private final Topics topics = Topics.singleObjectEncoding();

  private static PlannerConfig config(Policy policy) {
    return PlannerConfig.defaults("unused:9092", Path.of("unused"), policy)
        .withRetries(Duration.ofSeconds(5), Duration.ofSeconds(30)).withDeletionGrace(Duration.ofSeconds(20));
  }

  /** The planner as it ran: its timers on a phase of its own (it started 2.5 s before the first record). */
  private final class RecordingRun {
    final PlannerReplay planner = new PlannerReplay(config(Policy.SYNC), topics, List.of(), T0.minusMillis(2500));
    final List<ConsumerRecord<byte[], byte[]>> inputs = new ArrayList<>();
    final Map<String, Long> offsets = new HashMap<>();
    Instant now = T0.minusMillis(2500);

    <K, V> void send(Topic<K, V> topic, K key, V value, Instant at) {
      send(topic, key, value, at, at);
    }

    /** A record of time {@code at} the planner gets at {@code handedOver} (it did not run before). */
    <K, V> void send(Topic<K, V> topic, K key, V value, Instant at, Instant handedOver) {
      while (now.isBefore(handedOver)) {
        now = now.plusSeconds(1).isBefore(handedOver) ? now.plusSeconds(1) : handedOver;
        planner.advanceTo(now);
      }
      byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
      byte[] v = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
      long offset = offsets.merge(topic.name(), 1L, Long::sum) - 1;
      ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(topic.name(), 0, offset, at.toEpochMilli(),
          TimestampType.CREATE_TIME, k.length, v == null ? -1 : v.length, k, v, new RecordHeaders(), Optional.empty());
      inputs.add(record);
      planner.feed(record, handedOver);
    }

    /** The applier: applies every new batch and reports what the name holds after it. */
    void applyNewBatches(Map<String, List<Endpoint>> zone, Instant at) {
      List<ChangeBatch> all = planner.planned();
      for (ChangeBatch b : all.subList(applied, all.size())) {
        AvroEndpoints.fromAvro(b.getDelete()).forEach(e -> zone.remove(e.dnsName() + " " + e.recordType()));
        AvroEndpoints.fromAvro(b.getUpdateNew()).forEach(e -> zone.put(e.dnsName() + " " + e.recordType(), List.of(e)));
        AvroEndpoints.fromAvro(b.getCreate()).forEach(e -> zone.put(e.dnsName() + " " + e.recordType(), List.of(e)));
        for (String name : List.of(NAME, "a-" + NAME)) {
          List<Endpoint> held = zone.entrySet().stream().filter(en -> en.getKey().startsWith(name + " "))
              .flatMap(en -> en.getValue().stream()).toList();
          send(topics.observedRecords(), new ObservedKey("inmemory", "example.com", name), ObservedRecordSet.newBuilder()
              .setProvider("inmemory").setZoneId("example.com").setZoneName("example.com").setDnsName(name)
              .setRecords(AvroEndpoints.toAvro(held)).setObservedAt(at).setBatchId(b.getBatchId()).build(), at);
        }
      }
      applied = all.size();
    }

    int applied;
  }

  private RecordedRun recordCreateMoveAndDelete() {
    RecordingRun run = new RecordingRun();
    Map<String, List<Endpoint>> zone = new java.util.TreeMap<>();
    run.send(topics.providerZones(), new ZoneRef("inmemory", "example.com"),
        new ProviderZone("inmemory", "example.com", "example.com", T0.minus(java.time.Duration.ofMinutes(1)), List.of()), T0);
    run.send(topics.clusterStatus(), new ClusterKey("cluster-a"),
        new ClusterHeartbeat("cluster-a", "cluster-a", true, 1, T0, "test"), T0.plusMillis(100));
    run.send(topics.desiredEndpoints(), APP, want("192.0.2.10"), T0.plusSeconds(1));
    run.applyNewBatches(zone, T0.plusSeconds(2));
    run.send(topics.desiredEndpoints(), APP, want("192.0.2.11"), T0.plusSeconds(4));
    run.applyNewBatches(zone, T0.plusSeconds(5));
    run.send(topics.desiredEndpoints(), APP, null, T0.plusSeconds(7));
    // The delete waits for the 20 s grace; a timer plans it.
    for (int s = 8; s <= 40; s++) {
      run.send(topics.clusterStatus(), new ClusterKey("cluster-a"),
          new ClusterHeartbeat("cluster-a", "cluster-a", true, 1, T0.plusSeconds(s), "test"), T0.plusSeconds(s));
      run.applyNewBatches(zone, T0.plusSeconds(s).plusMillis(300));
    }
    List<ChangeBatch> recorded = run.planner.planned();
    run.planner.close();
    assertThat(recorded).extracting(ChangeBatch::getRule).containsExactly(PlanRule.CREATE, PlanRule.UPDATE, PlanRule.DELETE);
    assertThat(zone).as("the applier stand-in applied the three").isEmpty();
    return new RecordedRun(run.inputs, recorded, Map.of(), PlannerPauses.of(List.of()));
  }

  private static DesiredEndpoints want(String target) {
    return DesiredEndpoints.newBuilder().setClusterId("cluster-a").setOwnerId("cluster-a").setResource("ingress/default/app")
        .setEndpoints(new ArrayList<>(List.of(AvroEndpoints.toAvro(Endpoint.of(NAME, "A", 0, target)))))
        .setObservedAt(T0).build();
  }

  @Test
  void aReplayMakesTheRecordedPlans() {
    RecordedRun run = recordCreateMoveAndDelete();
    Replay.Outcome outcome = Replay.run(config(Policy.SYNC), topics, run, null, T0.plusSeconds(60));
    assertThat(outcome.differences()).isEmpty();
    assertThat(outcome.replayed()).hasSize(3);
    assertThat(outcome.replayed().get(2).getBatchId())
        .as("the timer's delete was made at another moment, so under another id: the comparison and the"
            + " observation after it still match it")
        .isNotEqualTo(run.recorded().get(2).getBatchId());
    assertThat(outcome.replayed().subList(0, 2)).extracting(ChangeBatch::getBatchId)
        .as("plans made on a record carry the recorded ids")
        .containsExactlyElementsOf(run.recorded().subList(0, 2).stream().map(ChangeBatch::getBatchId).toList());
  }

  @Test
  void aStricterPolicyShowsTheDeleteAsADifference() {
    RecordedRun run = recordCreateMoveAndDelete();
    Replay.Outcome outcome = Replay.run(config(Policy.UPSERT_ONLY), topics, run, null, T0.plusSeconds(60));
    assertThat(outcome.differences()).singleElement().satisfies(d -> {
      assertThat(d.only()).isEqualTo(PlanComparison.Side.RECORDED);
      assertThat(d.batch().getRule()).isEqualTo(PlanRule.DELETE);
    });
    assertThat(outcome.dropped()).as("the two observations after the delete it did not plan").isEqualTo(2);
  }

  @Test
  void recordsThatCameBeforeThePlannerRanArePlannedWhenItDid() {
    SourceRef b = new SourceRef("cluster-b", "ingress", "default", "app");
    RecordingRun run = new RecordingRun();
    Instant running = T0.plusSeconds(4);
    // The watchers publish before any applier announced the zone and before the planner runs; when
    // it runs, it has read the zone and plans both desires in order: a create, then a merge.
    run.send(topics.providerZones(), new ZoneRef("inmemory", "example.com"),
        new ProviderZone("inmemory", "example.com", "example.com", T0.minus(java.time.Duration.ofMinutes(1)), List.of()), T0.plusSeconds(3), running);
    for (String cluster : List.of("cluster-a", "cluster-b")) {
      run.send(topics.clusterStatus(), new ClusterKey(cluster), new ClusterHeartbeat(cluster, cluster, true, 1, T0, "test"),
          T0.plusMillis(100), running);
    }
    run.send(topics.desiredEndpoints(), APP, want("192.0.2.10"), T0.plusSeconds(1), running);
    DesiredEndpoints fromB = DesiredEndpoints.newBuilder(want("192.0.2.20")).setClusterId("cluster-b").setOwnerId("cluster-b")
        .build();
    run.send(topics.desiredEndpoints(), b, fromB, T0.plusSeconds(2), running);
    List<ChangeBatch> recorded = run.planner.planned();
    run.planner.close();
    assertThat(recorded).extracting(ChangeBatch::getRule).containsExactly(PlanRule.CREATE, PlanRule.MERGE);
    List<ConsumerRecord<byte[], byte[]>> inputs = new ArrayList<>(run.inputs);

    PlannerKey planner = new PlannerKey("dnsplane-planner", "one");
    PlannerPauses pauses = PlannerPauses.of(List.of(
        Map.entry(planner, new PlannerEvent("REBALANCING", "CREATED", T0.plusMillis(500), "")),
        Map.entry(planner, new PlannerEvent("RUNNING", "REBALANCING", running, ""))));
    Replay.Outcome faithful = Replay.run(config(Policy.SYNC), topics, new RecordedRun(inputs, recorded, Map.of(), pauses),
        null, T0.plusSeconds(30));
    assertThat(faithful.differences()).isEmpty();

    Replay.Outcome unaware = Replay.run(config(Policy.SYNC), topics,
        new RecordedRun(inputs, recorded, Map.of(), PlannerPauses.of(List.of())), null, T0.plusSeconds(30));
    assertThat(unaware.differences()).as("planned as the records came, the zone was not known yet: one create of both")
        .isNotEmpty();
  }

  @Test
  void aChangedFanOutFlagReplaysTheSourceTopics() {
    assertThat(Replay.readsSourceTopics(List.of())).isFalse();
    assertThat(Replay.readsSourceTopics(List.of("policy", "--deletion-grace"))).isFalse();
    assertThat(Replay.readsSourceTopics(List.of("txt-prefix"))).isTrue();
    assertThat(Replay.readsSourceTopics(List.of("--cluster-owner-ids"))).isTrue();
  }

  @Test
  void onlyPlansInTheWindowAreCompared() {
    RecordedRun run = recordCreateMoveAndDelete();
    Instant afterTheMove = T0.plusSeconds(6);
    Replay.Outcome outcome = Replay.run(config(Policy.UPSERT_ONLY), topics, run, null, afterTheMove);
    assertThat(outcome.differences()).isEmpty();
    assertThat(outcome.recorded()).hasSize(2);
    Replay.Outcome fromTheMove = Replay.run(config(Policy.SYNC), topics, run, T0.plusSeconds(4), T0.plusSeconds(60));
    assertThat(fromTheMove.recorded()).extracting(ChangeBatch::getRule).containsExactly(PlanRule.UPDATE, PlanRule.DELETE);
    assertThat(fromTheMove.differences()).as("what came before was replayed to build the state").isEmpty();
  }
}
