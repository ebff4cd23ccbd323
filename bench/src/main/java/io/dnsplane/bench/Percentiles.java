package io.dnsplane.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Latency percentiles by nearest rank (the value below which q of the samples lie, one of the samples). */
public record Percentiles(int count, Duration p50, Duration p95, Duration p99, Duration max) {
  public static final Percentiles NONE = new Percentiles(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public static Percentiles of(Collection<Duration> samples) {
    if (samples.isEmpty()) {
      return NONE;
    }
    List<Duration> sorted = new ArrayList<>(samples);
    sorted.sort(null);
    return new Percentiles(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
        sorted.get(sorted.size() - 1));
  }

  /** The nearest-rank percentile: the ceil(q * n)-th smallest sample. */
  static Duration rank(List<Duration> sorted, double q) {
    int index = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
