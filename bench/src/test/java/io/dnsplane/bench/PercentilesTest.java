package io.dnsplane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentilesTest {
  private static List<Duration> millis(int from, int to) {
    List<Duration> out = new ArrayList<>(IntStream.rangeClosed(from, to).mapToObj(Duration::ofMillis).toList());
    Collections.shuffle(out, new java.util.Random(7));
    return out;
  }

  @ParameterizedTest(name = "{0} samples: p50 {1}, p95 {2}, p99 {3}, max {4}")
  @CsvSource({
      "100, 50, 95, 99, 100",
      "1000, 500, 950, 990, 1000",
      "1, 1, 1, 1, 1",
      "10, 5, 10, 10, 10",
      "3, 2, 3, 3, 3"})
  void nearestRank(int n, long p50, long p95, long p99, long max) {
    Percentiles p = Percentiles.of(millis(1, n));
    assertThat(p.count()).isEqualTo(n);
    assertThat(p.p50()).isEqualTo(Duration.ofMillis(p50));
    assertThat(p.p95()).isEqualTo(Duration.ofMillis(p95));
    assertThat(p.p99()).isEqualTo(Duration.ofMillis(p99));
    assertThat(p.max()).isEqualTo(Duration.ofMillis(max));
  }

  @org.junit.jupiter.api.Test
  void noSamplesNoFigures() {
    assertThat(Percentiles.of(List.of())).isEqualTo(Percentiles.NONE);
  }
}
