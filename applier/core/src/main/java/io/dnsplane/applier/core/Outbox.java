package io.dnsplane.applier.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What the applier publishes about a poll's batches (observations, results, dead letters), held
 * until the provider calls are done and then sent in one short Kafka transaction together with the
 * batches' offsets: readers see every result of a batch exactly once, or none and the batch is read
 * again. Provider calls stay outside the transaction, so a crash mid-apply leaves none open.
 */
final class Outbox {
  private final List<ProducerRecord<byte[], byte[]>> pending = new ArrayList<>();

  void add(ProducerRecord<byte[], byte[]> record) {
    pending.add(record);
  }

  /** What is held, for tests. */
  List<ProducerRecord<byte[], byte[]>> pending() {
    return List.copyOf(pending);
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  void clear() {
    pending.clear();
  }

  /** Publishes everything held, and commits the offsets for the group, atomically. */
  void commit(Producer<byte[], byte[]> producer, Map<TopicPartition, OffsetAndMetadata> offsets,
      ConsumerGroupMetadata group) {
    if (pending.isEmpty() && offsets.isEmpty()) {
      return;
    }
    producer.beginTransaction();
    try {
      pending.forEach(producer::send);
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, group);
      }
      producer.commitTransaction();
    } catch (RuntimeException e) {
      Transactions.abortUnlessFatal(producer, e);
      throw e;
    } finally {
      pending.clear();
    }
  }
}
