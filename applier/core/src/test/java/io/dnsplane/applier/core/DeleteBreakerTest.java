package io.dnsplane.applier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeleteBreakerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final DeleteBreaker breaker = new DeleteBreaker(0.3, 10, Duration.ofMinutes(10));

  @Test
  void letsDeletesGoUpToTheFractionThenHolds() {
    for (int i = 0; i < 6; i++) {
      assertThat(breaker.check("example.com", 20 - i, 1, T0)).as("delete %d", i + 1).isEmpty();
      breaker.applied("example.com", 1, T0);
    }
    assertThat(breaker.check("example.com", 14, 1, T0)).hasValueSatisfying(reason ->
        assertThat(reason).contains("7 of 20 owned records in zone example.com"));
  }

  @Test
  void deletesOutsideTheWindowNoLongerCount() {
    breaker.applied("example.com", 6, T0);
    assertThat(breaker.check("example.com", 14, 1, T0.plusSeconds(60))).isPresent();
    assertThat(breaker.check("example.com", 14, 1, T0.plus(Duration.ofMinutes(11)))).isEmpty();
  }

  @Test
  void smallZonesAndOtherZonesAreNotHeld() {
    assertThat(breaker.check("tiny.example.com", 9, 9, T0)).isEmpty();
    breaker.applied("example.com", 6, T0);
    assertThat(breaker.check("example.org", 20, 1, T0)).isEmpty();
  }

  @Test
  void anApprovalStartsAFreshWindow() {
    breaker.applied("example.com", 6, T0);
    assertThat(breaker.check("example.com", 14, 1, T0)).isPresent();
    breaker.approved("example.com");
    assertThat(breaker.check("example.com", 14, 1, T0)).isEmpty();
  }

  @Test
  void aBatchThatDeletesTooMuchAtOnceIsHeld() {
    assertThat(breaker.check("example.com", 20, 7, T0)).isPresent();
    assertThat(new DeleteBreaker(1.0, 10, Duration.ofMinutes(10)).check("example.com", 20, 20, T0)).isEmpty();
    assertThatThrownBy(() -> new DeleteBreaker(0, 10, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
  }
}
