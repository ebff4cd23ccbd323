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

  /** @param from null: from when the recorded plans are whole */
  static Outcome run(PlannerConfig config, Topics topics, RecordedRun run, Instant from, Instant to) {
    Instant since = from != null ? from : run.plansWholeSince();
    List<ConsumerRecord<byte[], byte[]>> timeline = ReplayTimeline.merge(run.inputs(),
        r -> r.topic() + "-" + r.partition(), ConsumerRecord::timestamp).stream()
        .filter(r -> r.timestamp() <= to.toEpochMilli()).toList();
    Instant start = timeline.isEmpty() ? to : Instant.ofEpochMilli(timeline.get(0).timestamp());
    List<ChangeBatch> recorded = inWindow(run.recorded(), since, to);
    List<ChangeBatch> replayed;
    int dropped;
    try (PlannerReplay replay = new PlannerReplay(config, topics, run.recorded(), start)) {
      timeline.forEach(replay::feed);
      replay.advanceTo(to);
      replayed = inWindow(replay.planned(), since, to);
      dropped = replay.droppedObservations();
    }
    return new Outcome(timeline.size(), dropped, since, recorded, replayed, PlanComparison.compare(recorded, replayed));
  }

  private static List<ChangeBatch> inWindow(List<ChangeBatch> plans, Instant from, Instant to) {
    return plans.stream().filter(b -> !b.getPlannedAt().isBefore(from) && !b.getPlannedAt().isAfter(to)).toList();
  }
}
