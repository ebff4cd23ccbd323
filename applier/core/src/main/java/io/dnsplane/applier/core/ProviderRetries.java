package io.dnsplane.applier.core;

import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.model.Changes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a provider call is retried: what the provider calls retryable (throttling, 5xx,
 * timeouts) is tried again after {@link Backoff}'s delay, up to its attempts, and not once the
 * applier is stopping. Giving up is an outcome, not an exception: every change is a retryable
 * failure saying how many attempts were made and what the provider last said.
 */
final class ProviderRetries {
  private static final Logger log = LoggerFactory.getLogger(ProviderRetries.class);

  /** Waits between attempts; tests pass one that records the delays instead. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;

    Sleeper REAL = delay -> Thread.sleep(delay.toMillis());
  }

  private final Backoff backoff;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final BooleanSupplier running;
  private final Runnable onRetry;

  ProviderRetries(Backoff backoff, Sleeper sleeper, RandomGenerator random, BooleanSupplier running, Runnable onRetry) {
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.random = random;
    this.running = running;
    this.onRetry = onRetry;
  }

  /** @param where what the call is about, for the log (the zone's name) */
  ApplyOutcome apply(String where, Changes changes, Function<Changes, ApplyOutcome> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.apply(changes);
      } catch (RetryableProviderException e) {
        if (attempt >= backoff.maxAttempts() || !running.getAsBoolean()) {
          return gaveUp(changes, attempt, e);
        }
        onRetry.run();
        Duration delay = backoff.delay(attempt, e.retryAfter(), random);
        log.warn("{} on {}, attempt {}: retrying in {} ms", e.getMessage(), where, attempt, delay.toMillis());
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return gaveUp(changes, attempt, e);
        }
      }
    }
  }

  private static ApplyOutcome gaveUp(Changes changes, int attempts, RetryableProviderException last) {
    List<RecordFailure> failures = changes.all().stream()
        .map(r -> new RecordFailure(r, "gave up after " + attempts + " attempts: " + last.getMessage(), true))
        .toList();
    return new ApplyOutcome(Optional.empty(), failures);
  }
}
