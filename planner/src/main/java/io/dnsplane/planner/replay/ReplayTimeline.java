package io.dnsplane.planner.replay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The order a replay hands recorded records to the planner, as Kafka Streams picks them: each
 * partition in offset order, and among partitions the one whose next record is oldest. Pure.
 */
final class ReplayTimeline {
  private ReplayTimeline() {}

  /**
   * @param records every record, each partition's in offset order
   * @param partition which partition a record is of
   * @param timestamp its time
   */
  static <R> List<R> merge(List<R> records, Function<R, String> partition, ToLongFunction<R> timestamp) {
    Map<String, Deque<R>> byPartition = new LinkedHashMap<>();
    records.forEach(r -> byPartition.computeIfAbsent(partition.apply(r), p -> new ArrayDeque<>()).add(r));
    // Ties go to the partition named first, so the same records always merge alike.
    PriorityQueue<Map.Entry<String, Deque<R>>> heads = new PriorityQueue<>(Comparator
        .comparingLong((Map.Entry<String, Deque<R>> lane) -> timestamp.applyAsLong(lane.getValue().peekFirst()))
        .thenComparing(Map.Entry::getKey));
    heads.addAll(byPartition.entrySet());
    List<R> merged = new ArrayList<>(records.size());
    while (!heads.isEmpty()) {
      Map.Entry<String, Deque<R>> next = heads.poll();
      merged.add(next.getValue().removeFirst());
      if (!next.getValue().isEmpty()) {
        heads.add(next);
      }
    }
    return merged;
  }
}
