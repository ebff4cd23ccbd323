package io.dnsplane.planner.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplayTimelineTest {
  /** A record: its partition, its time, its name. */
  record R(String partition, long time, String name) {}

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("oldest first across partitions",
            List.of(new R("a", 1, "a1"), new R("a", 5, "a5"), new R("b", 3, "b3")), List.of("a1", "b3", "a5")),
        Arguments.of("a partition keeps its offset order, even when a time goes back",
            List.of(new R("a", 5, "a5"), new R("a", 2, "a2"), new R("b", 3, "b3")), List.of("b3", "a5", "a2")),
        Arguments.of("ties go to the partition named first",
            List.of(new R("b", 1, "b1"), new R("a", 1, "a1")), List.of("a1", "b1")),
        Arguments.of("nothing", List.of(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mergesAsKafkaStreamsPicks(String description, List<R> records, List<String> order) {
    assertThat(ReplayTimeline.merge(records, R::partition, R::time)).extracting(R::name).containsExactlyElementsOf(order);
  }
}
