package io.dnsplane.schema;

import io.dnsplane.runtime.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiPredicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from its start to its current end, without a consumer group, keeping what a filter accepts. */
public final class TopicSnapshot {
  private TopicSnapshot() {}

  public record Entry<K, V>(K key, V value, long timestamp) {}

  public static <K, V> List<Entry<K, V>> read(KafkaConnection kafka, Topic<K, V> topic, BiPredicate<K, V> keep) {
    List<Entry<K, V>> entries = new ArrayList<>();
    forEachCommitted(kafka, List.of(topic.name()), r -> {
      K key;
      V value;
      try {
        key = topic.keySerde().deserializer().deserialize(r.topic(), r.key());
        value = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
      } catch (RuntimeException e) {
        return; // unreadable records are the dead-letter topic's business
      }
      if (key != null && keep.test(key, value)) {
        entries.add(new Entry<>(key, value, r.timestamp()));
      }
    });
    return entries;
  }

  /**
   * Every committed record of these topics as stored (bytes, headers, timestamps), each partition
   * in offset order; for a replay, which must hand the records on as they were.
   */
  public static List<ConsumerRecord<byte[], byte[]>> readRaw(KafkaConnection kafka, java.util.Collection<String> topics) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    forEachCommitted(kafka, topics, records::add);
    return records;
  }

  /** Reads every partition of these topics from its start to its current end, read committed, without a group. */
  private static void forEachCommitted(KafkaConnection kafka, java.util.Collection<String> topics,
      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = topics.stream().flatMap(t -> consumer.partitionsFor(t).stream())
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(each);
      }
    }
  }

  /** The topics on the cluster whose names this accepts, sorted. */
  public static List<String> topicsMatching(KafkaConnection kafka, java.util.function.Predicate<String> accept) {
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(kafka.clientProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      return consumer.listTopics().keySet().stream().filter(accept).sorted().toList();
    }
  }

  /** The time of each topic's oldest record kept, for the topics whose oldest records retention has deleted. */
  public static Map<String, java.time.Instant> trimmedSince(KafkaConnection kafka, java.util.Collection<String> topics) {
    Map<String, java.time.Instant> trimmed = new java.util.TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(kafka.clientProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      for (String topic : topics) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> timestamps = new java.util.HashMap<>();
        start.forEach((p, o) -> {
          if (o > 0) {
            timestamps.put(p, 0L);
          }
        });
        if (!timestamps.isEmpty()) {
          consumer.offsetsForTimes(timestamps).values().stream().filter(java.util.Objects::nonNull)
              .map(o -> java.time.Instant.ofEpochMilli(o.timestamp())).max(java.util.Comparator.naturalOrder())
              .ifPresent(t -> trimmed.put(topic, t));
        }
      }
    }
    return trimmed;
  }

  /** Whether retention has already deleted the oldest records of the topic (some partition no longer starts at 0). */
  public static boolean trimmed(KafkaConnection kafka, String topic) {
    Properties props = kafka.clientProperties();
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      return consumer.beginningOffsets(partitions).values().stream().anyMatch(o -> o > 0);
    }
  }
}
