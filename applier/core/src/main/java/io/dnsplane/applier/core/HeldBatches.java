package io.dnsplane.applier.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Change batches the delete breaker holds, per zone and in order (a later batch of a held zone
 * waits behind it). Offsets are never committed past a held batch, so a restart re-reads it, and a
 * restart with a higher limit releases it.
 */
final class HeldBatches {
  private final Map<String, Deque<ConsumerRecord<byte[], byte[]>>> byZone = new HashMap<>();
  private final Map<TopicPartition, TreeSet<Long>> heldOffsets = new HashMap<>();

  boolean isHeld(String zone) {
    Deque<ConsumerRecord<byte[], byte[]>> held = byZone.get(zone);
    return held != null && !held.isEmpty();
  }

  void hold(String zone, ConsumerRecord<byte[], byte[]> record) {
    byZone.computeIfAbsent(zone, z -> new ArrayDeque<>()).addLast(record);
    heldOffsets.computeIfAbsent(partition(record), p -> new TreeSet<>()).add(record.offset());
  }

  /** Takes every held batch of a zone out, oldest first. */
  List<ConsumerRecord<byte[], byte[]>> release(String zone) {
    Deque<ConsumerRecord<byte[], byte[]>> held = byZone.remove(zone);
    if (held == null) {
      return List.of();
    }
    held.forEach(r -> heldOffsets.getOrDefault(partition(r), new TreeSet<>()).remove(r.offset()));
    return new ArrayList<>(held);
  }

  /** The offset to commit on a partition consumed through {@code next - 1}: never past a held batch. */
  long committable(TopicPartition partition, long next) {
    TreeSet<Long> held = heldOffsets.get(partition);
    return held == null || held.isEmpty() ? next : Math.min(next, held.first());
  }

  OptionalLong firstHeld(TopicPartition partition) {
    TreeSet<Long> held = heldOffsets.get(partition);
    return held == null || held.isEmpty() ? OptionalLong.empty() : OptionalLong.of(held.first());
  }

  /** Forgets what was held on partitions this replica no longer owns. */
  void dropPartitions(java.util.Collection<TopicPartition> partitions) {
    byZone.values().forEach(q -> q.removeIf(r -> partitions.contains(partition(r))));
    byZone.values().removeIf(Deque::isEmpty);
    partitions.forEach(heldOffsets::remove);
  }

  int size() {
    return byZone.values().stream().mapToInt(Deque::size).sum();
  }

  static TopicPartition partition(ConsumerRecord<?, ?> record) {
    return new TopicPartition(record.topic(), record.partition());
  }
}
