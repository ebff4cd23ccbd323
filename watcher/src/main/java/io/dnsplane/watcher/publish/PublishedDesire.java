package io.dnsplane.watcher.publish;

import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Endpoint;
import io.dnsplane.schema.Topic;
import io.dnsplane.watcher.source.ObjectRef;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What this cluster's watcher published before it (re)started, read back from the compacted
 * desired-endpoints topic: objects deleted while the watcher was down are found by comparing this
 * with what the informers list after their initial sync.
 */
public final class PublishedDesire {
  private PublishedDesire() {}

  public static Map<ObjectRef, List<Endpoint>> read(String bootstrapServers, Topic<SourceRef, DesiredEndpoints> topic,
      String clusterId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<ObjectRef, List<Endpoint>> published = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          SourceRef key;
          DesiredEndpoints value;
          try {
            key = topic.keySerde().deserializer().deserialize(r.topic(), r.key());
            value = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
          } catch (RuntimeException e) {
            continue; // not ours to read: the planner sends it to the dead-letter topic
          }
          if (key == null || !clusterId.equals(key.getClusterId())) {
            continue;
          }
          ObjectRef ref = new ObjectRef(key.getKind(), key.getNamespace(), key.getName());
          if (value == null) {
            published.remove(ref);
          } else {
            published.put(ref, AvroEndpoints.fromAvro(value.getEndpoints()));
          }
        }
      }
    }
    return published;
  }
}
