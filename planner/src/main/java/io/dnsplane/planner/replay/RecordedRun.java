package io.dnsplane.planner.replay;

import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.runtime.KafkaConnection;
import io.dnsplane.schema.TopicSnapshot;
import io.dnsplane.schema.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a replay reads from Kafka: every record the planner reads (desire of every cluster, the
 * heartbeats as the planner relayed them, zones, observations), as stored, and every plan it
 * recorded (the change topics of every provider).
 *
 * @param inputs the planner's input records, each partition in offset order
 * @param recorded the plans recorded
 * @param plansKeptSince for change topics retention has trimmed, the time of the oldest plan kept
 * @param pauses when no planner instance ran
 */
record RecordedRun(List<ConsumerRecord<byte[], byte[]>> inputs, List<ChangeBatch> recorded,
    Map<String, Instant> plansKeptSince, PlannerPauses pauses) {

  static RecordedRun read(KafkaConnection kafka, Topics topics) {
    // The shared heartbeat topic is what the planner's cluster store mirrors (it relays every cluster's own to it).
    List<String> inputTopics = TopicSnapshot.topicsMatching(kafka, t -> t.equals(Topics.DESIRED_ENDPOINTS)
        || Topics.CLUSTER_DESIRED_ENDPOINTS.matcher(t).matches() || t.equals(Topics.CLUSTER_STATUS)
        || t.equals(Topics.PROVIDER_ZONES) || t.equals(Topics.OBSERVED_RECORDS));
    List<String> changeTopics = TopicSnapshot.topicsMatching(kafka, t -> t.startsWith(Topics.CHANGES_PREFIX));
    List<ChangeBatch> recorded = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : TopicSnapshot.readRaw(kafka, changeTopics)) {
      if (r.value() != null) {
        String provider = r.topic().substring(Topics.CHANGES_PREFIX.length());
        recorded.add(topics.changes(provider).valueSerde().deserializer().deserialize(r.topic(), r.value()));
      }
    }
    List<Map.Entry<io.dnsplane.avro.PlannerKey, io.dnsplane.avro.PlannerEvent>> events = new ArrayList<>();
    if (!TopicSnapshot.topicsMatching(kafka, Topics.PLANNER_EVENTS::equals).isEmpty()) {
      TopicSnapshot.read(kafka, topics.plannerEvents(), (k, v) -> v != null)
          .forEach(e -> events.add(Map.entry(e.key(), e.value())));
    }
    return new RecordedRun(TopicSnapshot.readRaw(kafka, inputTopics), recorded,
        TopicSnapshot.trimmedSince(kafka, changeTopics), PlannerPauses.of(events));
  }

  /** From when the recorded plans are whole: after the oldest plan kept of every trimmed change topic. */
  Instant plansWholeSince() {
    return plansKeptSince.values().stream().max(Instant::compareTo).orElse(Instant.EPOCH);
  }

  /** Why plans from {@code from} cannot be compared, if they cannot: retention deleted some of them. */
  Optional<String> tooOld(Instant from) {
    if (from == null || !from.isBefore(plansWholeSince())) {
      return Optional.empty();
    }
    return Optional.of("--from " + from + " is before the change topics' retention: their plans are kept from "
        + plansWholeSince() + " (" + String.join(", ", plansKeptSince.keySet()) + ")");
  }
}
