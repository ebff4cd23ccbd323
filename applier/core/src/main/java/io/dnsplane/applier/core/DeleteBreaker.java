package io.dnsplane.applier.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Holds a zone's deletes when too many of its records would go in a short time: octoDNS's 30%
 * safety threshold, but continuous across batches. Counted on TXT ownership records, which every
 * record dnsplane owns has exactly one of and which dnsplane deletes only with their record:
 * deletes applied within {@code window} plus this batch's, against the zone's TXT record sets.
 * Zones with fewer than {@code minRecords} TXT record sets are never held. An approval releases
 * what was planned before it and starts a new window.
 */
final class DeleteBreaker {
  private final double maxFraction;
  private final int minRecords;
  private final Duration window;
  private final Map<String, Deque<Instant>> recentDeletes = new HashMap<>();

  DeleteBreaker(double maxFraction, int minRecords, Duration window) {
    if (maxFraction <= 0 || maxFraction > 1) {
      throw new IllegalArgumentException("--max-delete-fraction must be in (0, 1]: " + maxFraction);
    }
    this.maxFraction = maxFraction;
    this.minRecords = minRecords;
    this.window = window;
  }

  /**
   * Why the batch must wait, or empty when it may go.
   *
   * @param ownershipRecords the zone's TXT record sets now (after the deletes already applied)
   */
  Optional<String> check(String zone, int ownershipRecords, int ownershipDeletes, Instant now) {
    if (ownershipDeletes == 0 || maxFraction >= 1) {
      return Optional.empty();
    }
    int recent = recent(zone, now).size();
    int before = ownershipRecords + recent; // what the zone held when the window began
    int total = recent + ownershipDeletes;
    if (before < minRecords || total <= maxFraction * before) {
      return Optional.empty();
    }
    return Optional.of(String.format("delete breaker: %d of %d owned records in zone %s would go within %s"
        + " (--max-delete-fraction %.2f); run ./dnsplane approve to let them go", total, before, zone,
        window, maxFraction));
  }

  void applied(String zone, int ownershipDeletes, Instant now) {
    Deque<Instant> deletes = recent(zone, now);
    for (int i = 0; i < ownershipDeletes; i++) {
      deletes.addLast(now);
    }
  }

  /** An operator approved the zone's held deletes: they do not count against the next ones. */
  void approved(String zone) {
    recentDeletes.remove(zone);
  }

  private Deque<Instant> recent(String zone, Instant now) {
    Deque<Instant> deletes = recentDeletes.computeIfAbsent(zone, z -> new ArrayDeque<>());
    while (!deletes.isEmpty() && deletes.peekFirst().isBefore(now.minus(window))) {
      deletes.removeFirst();
    }
    return deletes;
  }
}
