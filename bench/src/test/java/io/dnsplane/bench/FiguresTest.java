package io.dnsplane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {
  @Test
  void eachFigureIsTheMedianOfItsRunsInTheOrderFirstMeasured() {
    Figures f = new Figures();
    f.add("b_wall", 3, "s");
    f.add("a_calls", 36, "calls");
    f.add("b_wall", 1, "s");
    f.add("b_wall", 2.5, "s");
    f.add("a_calls", 40, "calls");
    assertThat(f.all()).extracting(Figures.Figure::name).containsExactly("b_wall", "a_calls");
    assertThat(f.median("b_wall")).isEqualTo(2.5);
    assertThat(f.median("a_calls")).isEqualTo(38);
    assertThat(f.get("b_wall").min()).isEqualTo(1);
    assertThat(f.get("b_wall").max()).isEqualTo(3);
    assertThat(Figures.line(f.get("b_wall"))).isEqualTo("b_wall 2.50 s");
    assertThat(Figures.line(f.get("a_calls"))).isEqualTo("a_calls 38 calls");
    assertThat(f.median("missing")).isNaN();
  }

  @Test
  void growthIsFoundForEveryFigureMeasuredAtBothSizes() {
    Figures f = new Figures();
    f.add("cold_sync_10000_names_wall", 10, "s");
    f.add("cold_sync_100000_names_wall", 100, "s");
    f.add("planner_10000_names_heap_used", 50, "MiB");
    f.add("planner_100000_names_heap_used", 100, "MiB");
    f.add("latency_100_per_s_to_call_p50", 300, "ms");
    Measure.growth(f, java.util.List.of(10_000, 100_000));
    assertThat(f.median("growth_cold_sync_wall")).isEqualTo(1.0);
    assertThat(f.get("growth_cold_sync_wall").unit()).contains("linear");
    assertThat(f.median("growth_planner_heap_used")).isCloseTo(0.301, org.assertj.core.api.Assertions.within(0.001));
    assertThat(f.get("growth_planner_heap_used").unit()).contains("sublinear");
    assertThat(f.has("growth_latency_100_per_s_to_call_p50")).isFalse();
  }
}
