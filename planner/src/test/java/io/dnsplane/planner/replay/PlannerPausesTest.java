package io.dnsplane.planner.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.PlannerEvent;
import io.dnsplane.avro.PlannerKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerPausesTest {
  private static final PlannerKey A = new PlannerKey("dnsplane-planner", "a");
  private static final PlannerKey B = new PlannerKey("dnsplane-planner", "b");

  private static Map.Entry<PlannerKey, PlannerEvent> at(PlannerKey who, String state, int second) {
    return Map.entry(who, new PlannerEvent(state, "", Instant.ofEpochSecond(second), ""));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("nothing recorded: every record planned as it came", List.of(), List.of(5L, 50L), List.of(5L, 50L)),
        Arguments.of("before the first run: at its start",
            List.of(at(A, "REBALANCING", 8), at(A, "RUNNING", 10)), List.of(5L, 10L, 11L), List.of(10L, 10L, 11L)),
        Arguments.of("a rebalance pauses until running again",
            List.of(at(A, "RUNNING", 10), at(A, "REBALANCING", 20), at(A, "RUNNING", 25)),
            List.of(19L, 20L, 24L, 25L), List.of(19L, 25L, 25L, 25L)),
        Arguments.of("stopped, then a new instance: until it runs",
            List.of(at(A, "RUNNING", 10), at(A, "PENDING_SHUTDOWN", 30), at(A, "NOT_RUNNING", 31),
                at(B, "REBALANCING", 40), at(B, "RUNNING", 45)),
            List.of(29L, 35L, 46L), List.of(29L, 45L, 46L)),
        Arguments.of("a standby still runs while one rebalances: no pause",
            List.of(at(A, "RUNNING", 10), at(B, "RUNNING", 12), at(A, "REBALANCING", 20), at(A, "RUNNING", 22)),
            List.of(21L), List.of(21L)),
        Arguments.of("stopped at the end: the records after it are replayed as they came",
            List.of(at(A, "RUNNING", 10), at(A, "NOT_RUNNING", 30)), List.of(40L), List.of(40L)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aRecordIsPlannedWhenAPlannerRan(String description, List<Map.Entry<PlannerKey, PlannerEvent>> events,
      List<Long> recordTimes, List<Long> plannedTimes) {
    PlannerPauses pauses = PlannerPauses.of(events);
    assertThat(recordTimes.stream().map(t -> pauses.plannedAt(Instant.ofEpochSecond(t)).getEpochSecond()).toList())
        .isEqualTo(plannedTimes);
  }
}
