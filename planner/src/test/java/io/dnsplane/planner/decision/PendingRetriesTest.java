package io.dnsplane.planner.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.planner.PendingRetry;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PendingRetriesTest {
  static Stream<Arguments> legacyValues() {
    return Stream.of(
        Arguments.of("0|no managed zone serves it", new PendingRetry(Instant.EPOCH, "no managed zone serves it", false)),
        Arguments.of("1780308027000|deletes held by --deletion-grace until 2026-06-01T10:00:27Z",
            new PendingRetry(Instant.ofEpochMilli(1780308027000L), "deletes held by --deletion-grace until 2026-06-01T10:00:27Z", false)),
        Arguments.of("1780308027000|the provider refused part of batch b1: Throttling",
            new PendingRetry(Instant.ofEpochMilli(1780308027000L), "the provider refused part of batch b1: Throttling", true)),
        Arguments.of("a reason with | inside, without a time", new PendingRetry(Instant.EPOCH,
            "a reason with | inside, without a time", false)),
        Arguments.of("no bar at all", new PendingRetry(Instant.EPOCH, "no bar at all", false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("legacyValues")
  void readsTheStoresEarlierStrings(String stored, PendingRetry expected) {
    assertThat(PendingRetries.fromLegacy(stored)).isEqualTo(expected);
  }

  static Stream<Arguments> backoffs() {
    Instant t = Instant.parse("2026-06-01T10:00:00Z");
    return Stream.of(
        Arguments.of("none", null, t, false),
        Arguments.of("waiting for a zone: never a backoff", PendingRetries.whenever("no zone"), t, false),
        Arguments.of("a refusal, before its time", PendingRetries.refused(t.plusSeconds(1), "b", ""), t, true),
        Arguments.of("a refusal, at its time", PendingRetries.refused(t, "b", ""), t, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backoffs")
  void aBackoffHoldsUntilItsTime(String description, PendingRetry pending, Instant now, boolean inBackoff) {
    assertThat(PendingRetries.inBackoff(pending, now)).isEqualTo(inBackoff);
  }
}
