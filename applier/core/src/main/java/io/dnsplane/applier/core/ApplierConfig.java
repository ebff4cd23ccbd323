package io.dnsplane.applier.core;

import io.dnsplane.runtime.KafkaConnection;
import java.time.Duration;
import java.util.Objects;

/**
 * The applier core's settings. {@code maxDeleteFraction}: the delete breaker's limit (1 turns it
 * off); {@code deleteWindow}: how long applied deletes count against it.
 */
public record ApplierConfig(KafkaConnection kafka, String groupId, Duration pollTimeout, int maxAttempts,
    double maxDeleteFraction, int breakerMinRecords, Duration deleteWindow, Duration driftInterval,
    Duration sessionTimeout) {
  public ApplierConfig {
    Objects.requireNonNull(kafka, "kafka");
    pollTimeout = pollTimeout == null ? Duration.ofMillis(200) : pollTimeout;
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be at least 1: " + maxAttempts);
    }
    if (maxDeleteFraction <= 0 || maxDeleteFraction > 1) {
      throw new IllegalArgumentException("--max-delete-fraction must be in (0, 1]: " + maxDeleteFraction);
    }
    deleteWindow = deleteWindow == null ? Duration.ofMinutes(10) : deleteWindow;
    driftInterval = driftInterval == null ? Duration.ofHours(1) : driftInterval;
    if (driftInterval.isNegative() || driftInterval.isZero()) {
      throw new IllegalArgumentException("--drift-interval must be positive: " + driftInterval);
    }
    sessionTimeout = sessionTimeout == null ? Duration.ofSeconds(45) : sessionTimeout;
  }

  public static ApplierConfig defaults(KafkaConnection kafka, String provider) {
    return new ApplierConfig(kafka, "dnsplane-applier-" + provider, null, 5, 0.3, 10, null, null, null);
  }

  /** An applier on a Kafka without security settings (local mode, tests). */
  public static ApplierConfig defaults(String bootstrapServers, String provider) {
    return defaults(KafkaConnection.plaintext(bootstrapServers), provider);
  }

  public ApplierConfig withDeleteBreaker(double fraction, int minRecords, Duration window) {
    return new ApplierConfig(kafka, groupId, pollTimeout, maxAttempts, fraction, minRecords, window, driftInterval,
        sessionTimeout);
  }

  public ApplierConfig withDriftInterval(Duration interval) {
    return new ApplierConfig(kafka, groupId, pollTimeout, maxAttempts, maxDeleteFraction, breakerMinRecords,
        deleteWindow, interval, sessionTimeout);
  }

  /** How long a replica that stopped answering keeps its zones before another replica takes them. */
  public ApplierConfig withSessionTimeout(Duration timeout) {
    return new ApplierConfig(kafka, groupId, pollTimeout, maxAttempts, maxDeleteFraction, breakerMinRecords,
        deleteWindow, driftInterval, timeout);
  }
}
