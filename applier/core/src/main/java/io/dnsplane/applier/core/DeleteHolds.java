package io.dnsplane.applier.core;

import io.dnsplane.avro.ChangeBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Whether a batch must wait for an operator: it touches a name a held batch touches (it queues
 * behind, in order), or the {@link DeleteBreaker} stops its deletes and no approval covers it.
 */
final class DeleteHolds {
  private final DeleteBreaker breaker;
  private final HeldBatches held;
  private final Clock clock;
  private final Map<String, Instant> approvals = new HashMap<>();

  DeleteHolds(DeleteBreaker breaker, HeldBatches held, Clock clock) {
    this.breaker = breaker;
    this.held = held;
    this.clock = clock;
  }

  /** The names of {@code names} a held batch of the zone touches. */
  Set<String> heldAmong(String zoneId, Set<String> names) {
    return held.heldAmong(zoneId, names);
  }

  /**
   * Why the batch waits, or empty when it goes.
   *
   * @param txtRecordSets the zone's TXT record sets now
   * @param ownershipDeletes the TXT ownership records the batch deletes (one per record it deletes)
   */
  Optional<String> reasonToHold(ChangeBatch batch, String zoneName, Set<String> names, int txtRecordSets,
      int ownershipDeletes) {
    Set<String> waitingBehind = held.heldAmong(batch.getZoneId(), names);
    if (!waitingBehind.isEmpty()) {
      return Optional.of("waiting behind a delete the breaker holds at " + String.join(", ", waitingBehind)
          + " in zone " + zoneName);
    }
    if (isApproved(batch)) {
      return Optional.empty();
    }
    return breaker.check(batch.getZoneId(), txtRecordSets, ownershipDeletes, clock.instant());
  }

  void hold(String zoneId, ConsumerRecord<byte[], byte[]> record, Set<String> names) {
    held.hold(zoneId, record, names);
  }

  void applied(String zoneId, int ownershipDeletes) {
    breaker.applied(zoneId, ownershipDeletes, clock.instant());
  }

  /** An operator approved a zone's deletes planned up to {@code approvedAt}. */
  void approved(String zoneId, Instant approvedAt) {
    approvals.put(zoneId, approvedAt);
    breaker.approved(zoneId);
  }

  private boolean isApproved(ChangeBatch batch) {
    Instant approvedAt = approvals.get(batch.getZoneId());
    return approvedAt != null && !batch.getPlannedAt().isAfter(approvedAt);
  }
}
