package io.dnsplane.applier.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Change batches the delete breaker holds, per zone and in order, with the names they touch. Only
 * those names wait: a later batch that touches one is held behind it (a name's changes keep their
 * order), every other batch of the zone goes on. Offsets are never committed past a held batch, so a
 * restart re-reads it (the batches applied after it are then found in the zone and not applied
 * again), and a restart with a higher limit releases it.
 */
final class HeldBatches {
  private final Map<String, Deque<Held>> byZone = new HashMap<>();
  private final Map<TopicPartition, TreeSet<Long>> heldOffsets = new HashMap<>();

  private record Held(ConsumerRecord<byte[], byte[]> record, Set<String> names) {}

  /** The names of {@code names} that a held batch of the zone touches: a batch touching one must wait. */
  Set<String> heldAmong(String zone, Set<String> names) {
    Set<String> held = new TreeSet<>();
    byZone.getOrDefault(zone, new ArrayDeque<>()).forEach(h -> h.names().stream().filter(names::contains).forEach(held::add));
    return held;
  }

  void hold(String zone, ConsumerRecord<byte[], byte[]> record, Set<String> names) {
    byZone.computeIfAbsent(zone, z -> new ArrayDeque<>()).addLast(new Held(record, Set.copyOf(names)));
    heldOffsets.computeIfAbsent(partition(record), p -> new TreeSet<>()).add(record.offset());
  }

  /** Takes every held batch of a zone out, oldest first. */
  List<ConsumerRecord<byte[], byte[]>> release(String zone) {
    Deque<Held> held = byZone.remove(zone);
    if (held == null) {
      return List.of();
    }
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    held.forEach(h -> {
      heldOffsets.getOrDefault(partition(h.record()), new TreeSet<>()).remove(h.record().offset());
      records.add(h.record());
    });
    return records;
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
    byZone.values().forEach(q -> q.removeIf(h -> partitions.contains(partition(h.record()))));
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
