package io.dnsplane.applier.core;

import java.time.Duration;
import java.util.Objects;

/** The applier core's settings. */
public record ApplierConfig(String bootstrapServers, String groupId, Duration pollTimeout, int maxAttempts) {
  public ApplierConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    pollTimeout = pollTimeout == null ? Duration.ofMillis(200) : pollTimeout;
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be at least 1: " + maxAttempts);
    }
  }

  public static ApplierConfig defaults(String bootstrapServers, String provider) {
    return new ApplierConfig(bootstrapServers, "dnsplane-applier-" + provider, null, 5);
  }
}
