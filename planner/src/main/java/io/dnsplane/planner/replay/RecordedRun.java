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
 * @param nameEvents the planner's name events topic when the inputs hold it (else null): its records
 *     are handed to the planner's own repartition topic, in the order the planner planned them
 * @param nameEventsSince the time of the oldest name event kept; the source records before it
 *     (desire, observations) build the planner's state up to then
 */
record RecordedRun(List<ConsumerRecord<byte[], byte[]>> inputs, List<ChangeBatch> recorded,
    Map<String, Instant> plansKeptSince, PlannerPauses pauses, String nameEvents, Instant nameEventsSince) {

  RecordedRun(List<ConsumerRecord<byte[], byte[]>> inputs, List<ChangeBatch> recorded, Map<String, Instant> plansKeptSince,
      PlannerPauses pauses) {
    this(inputs, recorded, plansKeptSince, pauses, null, Instant.EPOCH);
  }

  /**
   * @param nameEvents the planner's name events topic, or null to replay from the source topics
   *     (their fan-out planned again, as a changed TXT affix or owner-id rule needs)
   */
  static RecordedRun read(KafkaConnection kafka, Topics topics, String nameEvents) {
    List<String> existing = TopicSnapshot.topicsMatching(kafka, t -> true);
    // The shared heartbeat topic is what the planner's cluster store mirrors (it relays every cluster's own to it).
    List<String> globalTopics = existing.stream().filter(t -> t.equals(Topics.CLUSTER_STATUS)
        || t.equals(Topics.PROVIDER_ZONES)).toList();
    List<String> sourceTopics = existing.stream().filter(t -> t.equals(Topics.DESIRED_ENDPOINTS)
        || Topics.CLUSTER_DESIRED_ENDPOINTS.matcher(t).matches() || t.equals(Topics.OBSERVED_RECORDS)).toList();
    List<String> changeTopics = existing.stream().filter(t -> t.startsWith(Topics.CHANGES_PREFIX)).toList();
    List<ChangeBatch> recorded = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : TopicSnapshot.readRaw(kafka, changeTopics)) {
      if (r.value() != null) {
        String provider = r.topic().substring(Topics.CHANGES_PREFIX.length());
        recorded.add(topics.changes(provider).valueSerde().deserializer().deserialize(r.topic(), r.value()));
      }
    }
    List<Map.Entry<io.dnsplane.avro.PlannerKey, io.dnsplane.avro.PlannerEvent>> events = new ArrayList<>();
    if (existing.contains(Topics.PLANNER_EVENTS)) {
      TopicSnapshot.read(kafka, topics.plannerEvents(), (k, v) -> v != null)
          .forEach(e -> events.add(Map.entry(e.key(), e.value())));
    }
    List<ConsumerRecord<byte[], byte[]>> inputs = new ArrayList<>(TopicSnapshot.readRaw(kafka, globalTopics));
    List<ConsumerRecord<byte[], byte[]>> named = nameEvents == null || !existing.contains(nameEvents)
        ? List.of() : TopicSnapshot.readRaw(kafka, List.of(nameEvents));
    Instant since = Instant.EPOCH;
    if (named.isEmpty()) {
      nameEvents = null;
      inputs.addAll(TopicSnapshot.readRaw(kafka, sourceTopics));
    } else {
      if (!TopicSnapshot.trimmedSince(kafka, List.of(nameEvents)).isEmpty()) {
        since = Instant.ofEpochMilli(named.stream().mapToLong(ConsumerRecord::timestamp).min().orElse(0));
        long before = since.toEpochMilli();
        TopicSnapshot.readRaw(kafka, sourceTopics).stream().filter(r -> r.timestamp() < before).forEach(inputs::add);
      }
      inputs.addAll(named);
    }
    return new RecordedRun(inputs, recorded, TopicSnapshot.trimmedSince(kafka, changeTopics), PlannerPauses.of(events),
        nameEvents, since);
  }

  /**
   * From when the recorded plans can be compared: after the oldest plan kept of every trimmed change
   * topic, and from the oldest name event kept (before it, the order the planner planned in is lost).
   */
  Instant plansWholeSince() {
    Instant plans = plansKeptSince.values().stream().max(Instant::compareTo).orElse(Instant.EPOCH);
    return plans.isAfter(nameEventsSince) ? plans : nameEventsSince;
  }

  /** Why plans from {@code from} cannot be compared, if they cannot: retention deleted some of them. */
  Optional<String> tooOld(Instant from) {
    if (from == null || !from.isBefore(plansWholeSince())) {
      return Optional.empty();
    }
    return Optional.of("--from " + from + " is before what the topics keep: plans, and the order the planner planned"
        + " in (" + (nameEvents == null ? "" : nameEvents + ", --replay-window; ") + String.join(", ", plansKeptSince.keySet())
        + "), are kept from " + plansWholeSince());
  }
}
