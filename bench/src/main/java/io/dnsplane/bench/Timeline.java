package io.dnsplane.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * When each change (a name wanting a value) passed each point of the pipeline, by the clock of
 * the one machine: handed to the watcher's publisher; readable in the changes topic (a
 * read_committed consumer saw it: the planner's transaction committed); received by the
 * provider's API; applied there (Route53's change is in the zone and answered from then on: the
 * local Route53 is INSYNC at once). The batch's plannedAt is not a point: it is the time of the
 * event planned on, not of the planning.
 */
final class Timeline {
  static final class Stamp {
    final Instant changed;
    volatile Instant committed;
    volatile Instant called;
    volatile Instant applied;

    Stamp(Instant changed) {
      this.changed = changed;
    }
  }

  private final Map<String, Stamp> stamps = new ConcurrentHashMap<>();
  /** The value each name wants last: a change superseded before it was applied is not counted. */
  private final Map<String, String> latest = new ConcurrentHashMap<>();

  private static String key(String name, String value) {
    return name + " " + value;
  }

  void changed(String name, String value, Instant at) {
    stamps.put(key(name, value), new Stamp(at));
    latest.put(name, value);
  }

  void committed(String name, String value, Instant seen) {
    Stamp s = stamps.get(key(name, value));
    if (s != null && s.committed == null) {
      s.committed = seen;
    }
  }

  void applied(String name, String value, Instant received, Instant applied) {
    Stamp s = stamps.get(key(name, value));
    if (s != null && s.applied == null) {
      s.called = received;
      s.applied = applied;
    }
  }

  /** Names whose last wanted value is not applied yet. */
  long pending() {
    return latest.entrySet().stream().filter(e -> {
      Stamp s = stamps.get(key(e.getKey(), e.getValue()));
      return s == null || s.applied == null;
    }).count();
  }

  int changes() {
    return stamps.size();
  }

  long applied() {
    return stamps.values().stream().filter(s -> s.applied != null).count();
  }

  /** The durations from one point to another, of the changes that passed both. */
  List<Duration> between(Function<Stamp, Instant> from, Function<Stamp, Instant> to) {
    List<Duration> out = new ArrayList<>();
    for (Stamp s : stamps.values()) {
      Instant a = from.apply(s);
      Instant b = to.apply(s);
      if (a != null && b != null) {
        out.add(b.isBefore(a) ? Duration.ZERO : Duration.between(a, b));
      }
    }
    return out;
  }

  /** The latest time of one point over every change that passed it. */
  Instant last(Function<Stamp, Instant> point) {
    return stamps.values().stream().map(point).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
  }

  void clear() {
    stamps.clear();
    latest.clear();
  }
}
