package io.dnsplane.planner.decision;

import io.dnsplane.avro.planner.PendingRetry;
import java.time.Instant;

/**
 * Why a name waits to be planned again ({@link PendingRetry}): a retry time in the future is a
 * backoff (the provider refused a change, a delete waits for its grace); the epoch means whenever
 * the timer next runs (no zone serves the name yet). Pure.
 */
public final class PendingRetries {
  /** How the reason of a refusal starts, in the store's earlier string format. */
  private static final String LEGACY_REFUSED = "the provider refused ";

  private PendingRetries() {}

  /** Retried at each timer run: nothing it waits for has a time (a zone to serve it). */
  public static PendingRetry whenever(String reason) {
    return at(Instant.EPOCH, reason);
  }

  public static PendingRetry at(Instant at, String reason) {
    return new PendingRetry(at, reason, false);
  }

  /** A backoff after the provider refused part of {@code batchId}, saying what it said. */
  public static PendingRetry refused(Instant at, String batchId, String failure) {
    return new PendingRetry(at, LEGACY_REFUSED + "part of batch " + batchId + (failure.isEmpty() ? "" : ": " + failure), true);
  }

  /** Whether events other than desire wait for it (a backoff), rather than a retry at each timer run. */
  public static boolean inBackoff(PendingRetry pending, Instant now) {
    return pending != null && pending.getRetryAt().isAfter(Instant.EPOCH) && now.isBefore(pending.getRetryAt());
  }

  /** Whether the timer running at {@code now} plans it again. */
  public static boolean isDue(PendingRetry pending, Instant now) {
    return !now.isBefore(pending.getRetryAt());
  }

  /** The store's earlier value, {@code <epoch millis>|<reason>}; null for null. */
  public static PendingRetry fromLegacy(String stored) {
    if (stored == null) {
      return null;
    }
    int bar = stored.indexOf('|');
    try {
      String reason = stored.substring(bar + 1);
      return new PendingRetry(Instant.ofEpochMilli(Long.parseLong(stored.substring(0, bar))), reason,
          reason.startsWith(LEGACY_REFUSED));
    } catch (RuntimeException e) {
      return whenever(stored);
    }
  }
}
