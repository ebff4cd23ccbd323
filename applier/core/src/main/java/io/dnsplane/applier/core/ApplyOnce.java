package io.dnsplane.applier.core;

import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One plan applied to one zone and done: ExternalDNS's {@code --once}, for a CI job. The same
 * pieces as the running applier, without Kafka: the name by name changes merged into as few calls
 * as fit ({@link CulpritIsolation}), retried as the applier retries ({@link ProviderRetries}), and
 * the delete breaker's rule ({@link DeleteBreaker}) over this one plan. When the breaker trips,
 * the names that would delete an owned record are held (not applied) and every other name is.
 */
public final class ApplyOnce {
  /** One name's changes: its record set with its TXT ownership records, which go in one call. */
  public record NameChanges(String name, Changes changes) {}

  /**
   * What happened.
   *
   * @param calls provider calls made (refused ones included)
   * @param applied the changes the provider accepted (an update counts once)
   * @param failures the records it refused, or that were given up on after retries
   * @param held why the deleting names were held, when they were
   * @param heldNames the names held
   */
  public record Report(int calls, int applied, List<RecordFailure> failures, Optional<String> held,
      List<String> heldNames) {
    public boolean complete() {
      return failures.isEmpty() && held.isEmpty();
    }
  }

  private final DnsProvider provider;
  private final double maxDeleteFraction;
  private final int maxAttempts;
  private final ProviderRetries.Sleeper sleeper;

  /** @param maxDeleteFraction the breaker's --max-delete-fraction; 1 turns it off */
  public ApplyOnce(DnsProvider provider, double maxDeleteFraction) {
    this(provider, maxDeleteFraction, 5, ProviderRetries.Sleeper.REAL);
  }

  ApplyOnce(DnsProvider provider, double maxDeleteFraction, int maxAttempts, ProviderRetries.Sleeper sleeper) {
    checkFraction(maxDeleteFraction);
    this.provider = provider;
    this.maxDeleteFraction = maxDeleteFraction;
    this.maxAttempts = maxAttempts;
    this.sleeper = sleeper;
  }

  /** Throws IllegalArgumentException, naming the flag, for a fraction the breaker does not take. */
  public static void checkFraction(double maxDeleteFraction) {
    new DeleteBreaker(maxDeleteFraction, BREAKER_MIN_RECORDS, Duration.ZERO);
  }

  /** The running applier's default: zones with fewer owned records are never held. */
  static final int BREAKER_MIN_RECORDS = 10;

  /**
   * A read (the zones, a zone's records) tried again on what the provider calls retryable, with the
   * applier's backoff; the last failure is thrown when the attempts are spent.
   */
  public <T> T read(java.util.function.Supplier<T> call) {
    Backoff backoff = backoff();
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (io.dnsplane.applier.spi.RetryableProviderException e) {
        if (attempt >= backoff.maxAttempts()) {
          throw e;
        }
        try {
          sleeper.sleep(backoff.delay(attempt, e.retryAfter(), ThreadLocalRandom.current()));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private Backoff backoff() {
    return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), maxAttempts);
  }

  /**
   * @param current the zone's records as listed before planning: its TXT records count the owned
   *     records the breaker weighs the deletes against
   */
  public Report apply(Zone zone, List<Endpoint> current, List<NameChanges> plan) {
    int ownershipRecords = (int) current.stream().filter(e -> e.recordType().equals("TXT")).count();
    int ownershipDeletes = plan.stream().mapToInt(n -> ReceivedBatch.ownershipDeletes(n.changes())).sum();
    DeleteBreaker breaker = new DeleteBreaker(maxDeleteFraction, BREAKER_MIN_RECORDS, Duration.ofDays(1));
    Optional<String> held = breaker.check(zone.name(), ownershipRecords, ownershipDeletes, Instant.EPOCH)
        .map(reason -> reason.replace("run ./dnsplane approve to let them go",
            "give --max-delete-fraction 1 to let them go"));
    List<NameChanges> toApply = new ArrayList<>();
    List<String> heldNames = new ArrayList<>();
    for (NameChanges name : plan) {
      if (held.isPresent() && ReceivedBatch.ownershipDeletes(name.changes()) > 0) {
        heldNames.add(name.name());
      } else {
        toApply.add(name);
      }
    }
    ProviderRetries retries = new ProviderRetries(backoff(),
        sleeper, ThreadLocalRandom.current(), () -> true, () -> {});
    CulpritIsolation isolation = new CulpritIsolation(provider::fitsOneCall,
        merged -> retries.apply(zone.name(), merged, changes -> provider.apply(zone, changes)));
    List<CulpritIsolation.Part> parts = new ArrayList<>();
    for (int i = 0; i < toApply.size(); i++) {
      parts.add(new CulpritIsolation.Part(i + " " + toApply.get(i).name(), toApply.get(i).changes()));
    }
    Map<String, ApplyOutcome> outcomes = isolation.apply(parts);
    List<RecordFailure> failures = new ArrayList<>();
    int applied = 0;
    for (CulpritIsolation.Part part : parts) {
      ApplyOutcome outcome = outcomes.get(part.batchId());
      failures.addAll(outcome.failures());
      Changes accepted = Accepted.of(part.changes(), outcome.failures());
      applied += accepted.create().size() + accepted.updateNew().size() + accepted.delete().size();
    }
    return new Report(isolation.calls(), applied, failures, held, heldNames);
  }
}
