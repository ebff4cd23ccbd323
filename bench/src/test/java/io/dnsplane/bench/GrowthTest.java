package io.dnsplane.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrowthTest {
  @ParameterizedTest(name = "{1} -> {2}: exponent {3}, {4}")
  @CsvSource({
      "10000, 1, 10, 1.0, linear",
      "10000, 100, 1000, 1.0, linear",
      "10000, 300, 380, 0.10, constant",
      "10000, 100, 316.2, 0.5, sublinear",
      "10000, 1, 100, 2.0, superlinear",
      "10000, 100, 30, -0.52, falling"})
  void exponentOfSize(int small, double smallValue, double largeValue, double exponent, String shape) {
    Growth g = Growth.between(small, smallValue, small * 10, largeValue);
    assertThat(g.exponent()).isCloseTo(exponent, within(0.01));
    assertThat(g.shape()).isEqualTo(shape);
  }

  @org.junit.jupiter.api.Test
  void zeroesAreNotAGrowth() {
    assertThat(Growth.between(10, 0, 100, 0).shape()).isEqualTo("constant (zero)");
    assertThat(Growth.between(10, 0, 100, 5).shape()).isEqualTo("not measured");
  }
}
