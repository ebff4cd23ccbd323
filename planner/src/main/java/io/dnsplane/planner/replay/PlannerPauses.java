package io.dnsplane.planner.replay;

import io.dnsplane.avro.PlannerEvent;
import io.dnsplane.avro.PlannerKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When no planner instance processed records, from their recorded state changes: before the first
 * one ran, and while every instance was rebalancing or stopped. A record that came meanwhile was
 * planned when one ran again, against the zones and heartbeats known by then. Pure.
 *
 * <p>An instance that was killed records no stop: until another instance rebalances, the records
 * of that gap look as if planned when they came.
 */
final class PlannerPauses {
  /** No planner processed records from {@code from} (inclusive) until {@code until} (exclusive). */
  record Pause(Instant from, Instant until) {}

  private final List<Pause> pauses;

  private PlannerPauses(List<Pause> pauses) {
    this.pauses = List.copyOf(pauses);
  }

  static PlannerPauses of(List<Map.Entry<PlannerKey, PlannerEvent>> events) {
    List<Map.Entry<PlannerKey, PlannerEvent>> ordered = new ArrayList<>(events);
    ordered.sort(Comparator.comparing(e -> e.getValue().getAt()));
    List<Pause> pauses = new ArrayList<>();
    Set<PlannerKey> running = new HashSet<>();
    Instant pausedSince = ordered.isEmpty() ? null : Instant.MIN;
    for (Map.Entry<PlannerKey, PlannerEvent> e : ordered) {
      Instant at = e.getValue().getAt();
      if ("RUNNING".equals(e.getValue().getState())) {
        running.add(e.getKey());
        if (pausedSince != null) {
          pauses.add(new Pause(pausedSince, at));
          pausedSince = null;
        }
      } else if (running.remove(e.getKey()) && running.isEmpty() && pausedSince == null) {
        pausedSince = at;
      }
    }
    // A pause still open at the end: the records after it were never planned; they are replayed as they came.
    return new PlannerPauses(pauses);
  }

  List<Pause> pauses() {
    return pauses;
  }

  /** When a record of time {@code at} was planned: at the end of the pause it came in, else at once. */
  Instant plannedAt(Instant at) {
    for (Pause p : pauses) {
      if (!at.isBefore(p.from()) && at.isBefore(p.until())) {
        return p.until();
      }
    }
    return at;
  }
}
