package io.dnsplane.applier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The retry loop on its own: what is tried, how long it waits (recorded, never slept), when it gives up. */
class ProviderRetriesTest {
  private static final Changes CHANGES = new Changes.Builder().create(Endpoint.of("app.example.com", "A", 300, "192.0.2.1"))
      .create(Endpoint.of("a-app.example.com", "TXT", 300, "\"heritage=external-dns\"")).build();

  private final List<Duration> waits = new ArrayList<>();
  private final AtomicInteger retries = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);

  private ProviderRetries retries(int maxAttempts) {
    return new ProviderRetries(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), maxAttempts), waits::add,
        new SplittableRandom(42), running::get, retries::incrementAndGet);
  }

  /** A provider answering from a script: an exception to throw, or null to apply. */
  private static Function<Changes, ApplyOutcome> provider(AtomicInteger calls, RuntimeException... script) {
    return changes -> {
      int call = calls.getAndIncrement();
      if (call < script.length && script[call] != null) {
        throw script[call];
      }
      return ApplyOutcome.applied("C" + call);
    };
  }

  @Test
  void aRetryableErrorIsTriedAgainAfterABackoffWithinItsCeiling() {
    AtomicInteger calls = new AtomicInteger();
    ApplyOutcome outcome = retries(5).apply("example.com", CHANGES, provider(calls,
        new RetryableProviderException("Throttling"), new RetryableProviderException("503 Service Unavailable")));

    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.providerChangeId()).contains("C2");
    assertThat(calls).hasValue(3);
    assertThat(retries).hasValue(2);
    // Full jitter: attempt n waits at most 200 ms << n.
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(400));
    assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(800));
  }

  @Test
  void aLongerRetryAfterWins() {
    AtomicInteger calls = new AtomicInteger();
    retries(5).apply("example.com", CHANGES,
        provider(calls, new RetryableProviderException("429 Too Many Requests", null, java.util.Optional.of(Duration.ofSeconds(7)))));
    assertThat(waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void givingUpIsAnOutcomeNamingTheAttemptsAndTheLastError() {
    AtomicInteger calls = new AtomicInteger();
    RetryableProviderException[] always = new RetryableProviderException[10];
    for (int i = 0; i < always.length; i++) {
      always[i] = new RetryableProviderException("PriorRequestNotComplete " + i);
    }
    ApplyOutcome outcome = retries(3).apply("example.com", CHANGES, provider(calls, always));

    assertThat(calls).hasValue(3);
    assertThat(waits).hasSize(2);
    assertThat(outcome.providerChangeId()).isEmpty();
    assertThat(outcome.failures()).hasSize(2).allSatisfy(f -> {
      assertThat(f.retryable()).isTrue();
      assertThat(f.reason()).isEqualTo("gave up after 3 attempts: PriorRequestNotComplete 2");
    });
    assertThat(outcome.failures()).extracting(RecordFailure::endpoint).containsExactlyElementsOf(CHANGES.all());
  }

  @Test
  void aStoppingApplierDoesNotRetry() {
    AtomicInteger calls = new AtomicInteger();
    running.set(false);
    ApplyOutcome outcome = retries(5).apply("example.com", CHANGES,
        provider(calls, new RetryableProviderException("timeout")));
    assertThat(calls).hasValue(1);
    assertThat(waits).isEmpty();
    assertThat(outcome.failures()).allSatisfy(f -> assertThat(f.reason()).startsWith("gave up after 1 attempts"));
  }

  @Test
  void anInterruptedWaitGivesUpAndKeepsTheInterrupt() {
    AtomicInteger calls = new AtomicInteger();
    ProviderRetries interrupted = new ProviderRetries(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), 5),
        delay -> {
          throw new InterruptedException();
        }, new SplittableRandom(1), () -> true, () -> {});
    try {
      ApplyOutcome outcome = interrupted.apply("example.com", CHANGES,
          provider(calls, new RetryableProviderException("timeout")));
      assertThat(calls).hasValue(1);
      assertThat(outcome.failures()).isNotEmpty().allSatisfy(f -> assertThat(f.retryable()).isTrue());
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aRefusalIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    Assertions.assertThatThrownBy(() -> retries(5).apply("example.com", CHANGES,
        provider(calls, new BatchRefusedException("InvalidChangeBatch")))).isInstanceOf(BatchRefusedException.class);
    assertThat(calls).hasValue(1);
    assertThat(waits).isEmpty();
  }
}
