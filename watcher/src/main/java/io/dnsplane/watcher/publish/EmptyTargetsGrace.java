package io.dnsplane.watcher.publish;

import io.dnsplane.model.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code --empty-targets-grace} (ExternalDNS #2677, #5603): an object that still exists but has
 * momentarily no targets (a load balancer status that flickers during a controller restart) keeps
 * its published desire for the grace period; only if it is still empty then is the empty desire
 * published and the record withdrawn. A deleted object withdraws at once. Pure: the publisher keeps
 * when an object went empty and asks this what to do.
 */
public record EmptyTargetsGrace(Duration grace) {
  public EmptyTargetsGrace {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("--empty-targets-grace must not be negative: " + grace);
    }
  }

  /** What to do with an object's new desire. */
  public sealed interface Decision permits Publish, Wait {}

  /** Publish it now (and forget any waiting). */
  public record Publish() implements Decision {}

  /** Keep what was published; publish the empty desire at {@code until} if it is still empty then. */
  public record Wait(Instant emptySince, Instant until) implements Decision {}

  /**
   * @param published what was last published for the object (empty if nothing)
   * @param incoming what the object wants now
   * @param emptySince when the object was first seen without targets, if it is waiting
   */
  public Decision decide(List<Endpoint> published, List<Endpoint> incoming, Optional<Instant> emptySince, Instant now) {
    if (grace.isZero() || hasTargets(incoming) || !hasTargets(published)) {
      return new Publish();
    }
    Instant since = emptySince.orElse(now);
    Instant until = since.plus(grace);
    return now.isBefore(until) ? new Wait(since, until) : new Publish();
  }

  static boolean hasTargets(List<Endpoint> endpoints) {
    return endpoints != null && endpoints.stream().anyMatch(e -> !e.targets().isEmpty());
  }
}
