package io.dnsplane.applier.core;

import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.model.Changes;
import java.util.List;

/**
 * What the audit result of an applied batch says, decided from what the planner asked, what was
 * still to do when the batch arrived, what the provider refused, and whether the zone showed that
 * an earlier attempt had gone through. Pure.
 */
record BatchVerdict(ApplyStatus status, String reason) {
  static final String REDELIVERED = "already applied: the zone held every change when the batch arrived";
  static final String APPLIED_EARLIER =
      "applied by an earlier attempt: the provider refused the retry and holds every change";

  /**
   * @param asked the batch's changes
   * @param remaining what the zone did not hold yet when the batch arrived (what was sent)
   * @param failures what the provider refused or gave up on, after any earlier attempt was accounted
   * @param appliedEarlier the provider refused, and a fresh reading showed the zone holding every change
   */
  static BatchVerdict of(Changes asked, Changes remaining, List<RecordFailure> failures, boolean appliedEarlier) {
    if (asked.isEmpty()) {
      return new BatchVerdict(ApplyStatus.NOTHING_TO_DO, "");
    }
    if (appliedEarlier) {
      return new BatchVerdict(ApplyStatus.APPLIED, APPLIED_EARLIER);
    }
    if (remaining.isEmpty()) {
      return new BatchVerdict(ApplyStatus.APPLIED, REDELIVERED);
    }
    if (failures.isEmpty()) {
      return new BatchVerdict(ApplyStatus.APPLIED, "");
    }
    return new BatchVerdict(failures.size() >= remaining.all().size() ? ApplyStatus.FAILED : ApplyStatus.PARTIAL, "");
  }

  /** A refusal worth a fresh look at the zone: the provider said no (not "try later") to something. */
  static boolean refused(List<RecordFailure> failures) {
    return !failures.isEmpty() && failures.stream().noneMatch(RecordFailure::retryable);
  }
}
