package io.dnsplane.planner.replay;

import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ObservedRecordSet;
import io.dnsplane.avro.planner.NameEvent;
import io.dnsplane.planner.topology.PlannerStores;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import io.dnsplane.planner.PlannerConfig;
import io.dnsplane.planner.topology.PlannerTopology;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A fresh planner, the real topology in Kafka Streams' test driver (its own application id, state in
 * a temporary directory, nothing written to Kafka), fed recorded records at their recorded times: the
 * driver's clock is moved to each record's time before it is handed over, so timers (retries,
 * grace, staleness) fire as they would have.
 *
 * <p>An observation names the batch it follows, and the planner had made that batch before the
 * applier could observe it. So an observation after a recorded batch waits until the replay made
 * the same plan (at most two timer intervals: a plan made by a timer may come a moment later in a
 * replay, whose timers run on their own phase) and is handed over with the replay's id, which
 * differs where the replay planned at another moment. Where the replay never made that plan (a
 * changed setting), the observation is dropped: the provider would not have made that change.
 */
final class PlannerReplay implements AutoCloseable {
  private final Topics topics;
  private final TopologyTestDriver driver;
  private final Path stateDir;
  private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
  private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();
  private final Map<String, Deque<ChangeBatch>> recordedByContent = new HashMap<>();
  private final Map<String, ChangeBatch> unmatched = new HashMap<>();
  /** Recorded batch id to the id the replay planned the same batch under. */
  private final Map<String, String> replayIdOf = new HashMap<>();
  private int droppedObservations;
  private final List<ChangeBatch> planned = new ArrayList<>();
  private final Duration timerInterval;
  private final String recordedNameEvents;
  private final String nameEvents;
  private final Duration step;
  private Instant clock;

  /**
   * @param recorded the plans recorded, which the replay's may stand for
   * @param start the clock's time before the first record
   */
  PlannerReplay(PlannerConfig config, Topics topics, List<ChangeBatch> recorded, Instant start) {
    this(config, topics, recorded, start, null);
  }

  /**
   * @param recordedNameEvents the recorded planner's name events topic, whose records go to this
   *     planner's own (null: none are fed)
   */
  PlannerReplay(PlannerConfig config, Topics topics, List<ChangeBatch> recorded, Instant start, String recordedNameEvents) {
    this.topics = topics;
    this.recordedNameEvents = recordedNameEvents;
    try {
      this.stateDir = Files.createTempDirectory("dnsplane-replay-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the replay's state directory", e);
    }
    PlannerConfig replaying = config.withApplicationId("dnsplane-replay-" + UUID.randomUUID());
    this.nameEvents = PlannerStores.nameEventsTopic(replaying.applicationId());
    Properties props = PlannerTopology.streamsProperties(replaying);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    this.driver = new TopologyTestDriver(PlannerTopology.buildTopology(replaying, topics), props, start);
    this.clock = start;
    this.timerInterval = config.pendingRetryInterval();
    this.step = timerInterval.compareTo(Duration.ofSeconds(1)) < 0 ? timerInterval : Duration.ofSeconds(1);
    recorded.stream().sorted(Comparator.comparing(ChangeBatch::getPlannedAt)).forEach(b -> {
      recordedByContent.computeIfAbsent(PlanComparison.content(b), k -> new ArrayDeque<>()).add(b);
      unmatched.put(b.getBatchId(), b);
    });
  }

  /** Hands one recorded record to the planner at {@code at}: when the planner got it (it keeps its own time). */
  void feed(ConsumerRecord<byte[], byte[]> record, Instant at) {
    advanceTo(at);
    byte[] value = record.value();
    boolean nameEvent = record.topic().equals(recordedNameEvents);
    if ((nameEvent || record.topic().equals(Topics.OBSERVED_RECORDS)) && value != null) {
      value = nameEvent ? nameEventAfterItsBatch(value) : afterItsBatch(record.topic(), value);
      if (value == null) {
        droppedObservations++;
        return;
      }
    }
    String topic = nameEvent ? nameEvents : record.topic();
    inputs.computeIfAbsent(topic, t -> driver.createInputTopic(t, new ByteArraySerializer(), new ByteArraySerializer()))
        .pipeInput(new TestRecord<>(record.key(), value, record.headers(), Instant.ofEpochMilli(record.timestamp())));
    collect();
  }

  /**
   * Moves the clock on (never back) a second at a time (or a timer interval, if shorter): a timer
   * fires when the clock reaches it, so it fires within a second of its time, as the planner's did.
   */
  void advanceTo(Instant at) {
    while (at.isAfter(clock)) {
      Instant next = clock.plus(step).isBefore(at) ? clock.plus(step) : at;
      driver.advanceWallClockTime(Duration.between(clock, next));
      clock = next;
      collect();
    }
  }

  /** Every plan the replay made so far, in the order it made them. */
  List<ChangeBatch> planned() {
    return List.copyOf(planned);
  }

  /** Observations the replay dropped: they followed recorded batches it never planned. */
  int droppedObservations() {
    return droppedObservations;
  }

  /**
   * The observation as the replay's planner gets it: with the replay's id of its batch; null when
   * the replay did not make that batch. Listings and batches not recorded (trimmed) pass as they are.
   */
  private byte[] afterItsBatch(String topic, byte[] value) {
    Topic<?, ObservedRecordSet> observed = topics.observedRecords();
    ObservedRecordSet set = observed.valueSerde().deserializer().deserialize(topic, value);
    String batchId = set == null ? "" : set.getBatchId();
    Optional<String> replayId = replayIdAfter(batchId);
    if (replayId == null) {
      return value;
    }
    if (replayId.isEmpty()) {
      return null;
    }
    set.setBatchId(replayId.get());
    return observed.valueSerde().serializer().serialize(topic, set);
  }

  /** A name event as above: an observation in it after a recorded batch. */
  private byte[] nameEventAfterItsBatch(byte[] value) {
    Serde<NameEvent> serde = topics.internalFormat().serde(NameEvent.class, false);
    NameEvent event = serde.deserializer().deserialize(nameEvents, value);
    if (event == null || event.getObservation() == null) {
      return value;
    }
    Optional<String> replayId = replayIdAfter(event.getObservation().getBatchId());
    if (replayId == null) {
      return value;
    }
    if (replayId.isEmpty()) {
      return null;
    }
    event.getObservation().setBatchId(replayId.get());
    return serde.serializer().serialize(nameEvents, event);
  }

  /**
   * The replay's id of a recorded batch, waiting (two timer intervals at most) for the replay to
   * plan it: empty when it did not; null when the batch is none the recorded plans hold (a listing,
   * a plan retention deleted), which passes as it is.
   */
  private Optional<String> replayIdAfter(String batchId) {
    if (!unmatched.containsKey(batchId) && !replayIdOf.containsKey(batchId)) {
      return null;
    }
    Instant waitUntil = clock.plus(timerInterval.multipliedBy(2));
    while (!replayIdOf.containsKey(batchId) && clock.isBefore(waitUntil)) {
      advanceTo(clock.plus(timerInterval));
    }
    return Optional.ofNullable(replayIdOf.get(batchId));
  }

  private void collect() {
    for (String topic : driver.producedTopicNames()) {
      TestOutputTopic<byte[], byte[]> out = outputs.computeIfAbsent(topic,
          t -> driver.createOutputTopic(t, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
      for (TestRecord<byte[], byte[]> r : out.readRecordsToList()) {
        if (topic.startsWith(Topics.CHANGES_PREFIX) && r.value() != null) {
          String provider = topic.substring(Topics.CHANGES_PREFIX.length());
          ChangeBatch batch = topics.changes(provider).valueSerde().deserializer().deserialize(topic, r.value());
          planned.add(batch);
          match(batch);
        }
      }
    }
  }

  /** Pairs a replayed batch with the recorded one it stands for: the same id, else the oldest of the same content. */
  private void match(ChangeBatch batch) {
    ChangeBatch recorded = unmatched.get(batch.getBatchId());
    if (recorded == null || !PlanComparison.content(recorded).equals(PlanComparison.content(batch))) {
      Deque<ChangeBatch> same = recordedByContent.getOrDefault(PlanComparison.content(batch), new ArrayDeque<>());
      same.removeIf(b -> !unmatched.containsKey(b.getBatchId()));
      recorded = same.pollFirst();
    }
    if (recorded != null) {
      unmatched.remove(recorded.getBatchId());
      replayIdOf.put(recorded.getBatchId(), batch.getBatchId());
    }
  }

  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      deleteQuietly(stateDir);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: the system cleans it in the end
    }
  }
}
