package io.dnsplane.applier.core;

import io.dnsplane.avro.DeleteApproval;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.schema.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every delete approval for this provider, from the start of the compacted topic: an
 * approval given while the applier was down still releases what it re-reads and holds again.
 */
final class ApprovalReader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApprovalReader.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topic<ZoneRef, DeleteApproval> topic;
  private final String provider;
  private final DeadLetters deadLetters;

  /** Unreadable approvals go to {@code deadLetters} (each start reads the topic again, so once per start). */
  ApprovalReader(ApplierConfig config, Topic<ZoneRef, DeleteApproval> topic, String provider, DeadLetters deadLetters) {
    this.deadLetters = deadLetters;
    Properties props = config.kafka().clientProperties();
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.provider = provider;
    List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  List<DeleteApproval> poll() {
    List<DeleteApproval> approvals = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ZERO)) {
      try {
        DeleteApproval approval = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        if (approval != null && approval.getProvider().equals(provider)) {
          approvals.add(approval);
        }
      } catch (SerializationException e) {
        deadLetters.send(record, e);
      }
    }
    return approvals;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
