package io.dnsplane.planner.topology;

import java.time.Instant;

/**
 * Why a name waits to be planned again, and from when: stored as {@code <epoch millis>|<reason>}.
 * A retry time in the future is a backoff (after the provider refused a change); one in the past
 * means "whenever the punctuator next runs" (no zone serves the name yet).
 */
record PendingName(Instant retryAt, String reason) {
  /** How the reason of a backoff after a provider refusal starts: its objects are told ERROR. */
  static final String REFUSED = "the provider refused ";

  static String retryAt(Instant at, String reason) {
    return at.toEpochMilli() + "|" + reason;
  }

  /** A backoff after the provider refused part of {@code batchId}, saying what it said. */
  static String refused(Instant at, String batchId, String failure) {
    return retryAt(at, REFUSED + "part of batch " + batchId + (failure.isEmpty() ? "" : ": " + failure));
  }

  boolean isRefusal() {
    return reason.startsWith(REFUSED);
  }

  static PendingName parse(String stored) {
    if (stored == null) {
      return null;
    }
    int bar = stored.indexOf('|');
    try {
      return new PendingName(Instant.ofEpochMilli(Long.parseLong(stored.substring(0, bar))), stored.substring(bar + 1));
    } catch (RuntimeException e) {
      return new PendingName(Instant.EPOCH, stored);
    }
  }

  boolean isBackoff() {
    return retryAt.isAfter(Instant.EPOCH);
  }
}
