package io.dnsplane.planner.replay;

import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.planner.PlannerConfig;
import io.dnsplane.schema.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One replay: the recorded inputs until {@code to} through a fresh planner, its plans from {@code from} compared. */
final class Replay {
  private Replay() {}

  /**
   * @param inputs how many records were replayed
   * @param from the start of the comparison
   * @param dropped observations left out: they followed recorded batches the replay did not plan
   */
  record Outcome(int inputs, int dropped, Instant from, List<ChangeBatch> recorded, List<ChangeBatch> replayed,
      List<PlanComparison.Difference> differences) {}

  /** A recorded record and when the planner got it. */
  private record Input(ConsumerRecord<byte[], byte[]> record, Instant at) {}

  /**
   * Flags that change how records reach a name (which names a TXT observation concerns, whose
   * desire a cluster's topic may carry): replayed with one changed, the source topics are planned
   * again through the planner's fan-out, instead of the name events it recorded.
   */
  private static final java.util.Set<String> FAN_OUT_FLAGS = java.util.Set.of("--txt-prefix", "--txt-suffix",
      "--txt-wildcard-replacement", "--cluster-owner-ids");

  /** Whether a replay with these planner flags changed reads the source topics rather than the name events. */
  static boolean readsSourceTopics(java.util.Collection<String> changedFlags) {
    return changedFlags.stream().anyMatch(f -> FAN_OUT_FLAGS.contains(f.startsWith("--") ? f : "--" + f));
  }

  /** @param from null: from when the recorded plans are whole */
  static Outcome run(PlannerConfig config, Topics topics, RecordedRun run, Instant from, Instant to) {
    Instant since = from != null ? from : run.plansWholeSince();
    List<Input> timeline = ReplayTimeline.merge(
        run.inputs().stream().map(r -> new Input(r, handedOverAt(run.pauses(), r))).toList(),
        i -> order(i.record().topic()) + " " + i.record().topic() + "-" + i.record().partition(),
        i -> i.at().toEpochMilli()).stream()
        .filter(i -> i.record().timestamp() <= to.toEpochMilli()).toList();
    Instant start = timeline.isEmpty() ? to : timeline.get(0).at();
    List<ChangeBatch> recorded = inWindow(run.recorded(), since, to);
    List<ChangeBatch> replayed;
    int dropped;
    try (PlannerReplay replay = new PlannerReplay(config, topics, run.recorded(), start, run.nameEvents())) {
      timeline.forEach(i -> replay.feed(i.record(), i.at()));
      replay.advanceTo(to);
      replayed = inWindow(replay.planned(), since, to);
      dropped = replay.droppedObservations();
    }
    return new Outcome(timeline.size(), dropped, since, recorded, replayed, PlanComparison.compare(recorded, replayed));
  }

  /**
   * Of records handed over at the same time: the zones first (their store is read to the end at a
   * start, before any record is planned), then the heartbeats, then what the planner plans from. A
   * heartbeat the planner relays and a name event it repartitions become readable at the same
   * commit; the global store takes the heartbeat at once, the name event waits for the next poll.
   */
  private static int order(String topic) {
    return topic.equals(Topics.PROVIDER_ZONES) ? 0 : topic.equals(Topics.CLUSTER_STATUS) ? 1 : 2;
  }

  /**
   * When the planner got a record: a record that came while no planner ran, when one ran again.
   * The appliers' zones are read as they come, even then; the shared heartbeats are the planner's
   * relay of each cluster's own, which paused with it.
   */
  private static Instant handedOverAt(PlannerPauses pauses, ConsumerRecord<byte[], byte[]> r) {
    Instant at = Instant.ofEpochMilli(r.timestamp());
    return r.topic().equals(Topics.PROVIDER_ZONES) ? at : pauses.plannedAt(at);
  }

  private static List<ChangeBatch> inWindow(List<ChangeBatch> plans, Instant from, Instant to) {
    return plans.stream().filter(b -> !b.getPlannedAt().isBefore(from) && !b.getPlannedAt().isAfter(to)).toList();
  }
}
