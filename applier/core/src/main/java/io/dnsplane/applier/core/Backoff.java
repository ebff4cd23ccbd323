package io.dnsplane.applier.core;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Bounded exponential backoff with full jitter; a provider's Retry-After wins when it says more. */
record Backoff(Duration initial, Duration max, int maxAttempts) {
  Duration delay(int attempt, Optional<Duration> retryAfter, RandomGenerator random) {
    long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt, 20));
    Duration jittered = Duration.ofMillis(random.nextLong(ceiling + 1));
    return retryAfter.filter(r -> r.compareTo(jittered) > 0).orElse(jittered);
  }
}
