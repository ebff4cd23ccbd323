package io.dnsplane.planner.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.PlanRule;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.replay.PlanComparison.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlanComparisonTest {
  private static ChangeBatch batch(String id, int second, PlanRule rule, String target) {
    List<io.dnsplane.avro.Endpoint> records = new ArrayList<>(List.of(AvroEndpoints.toAvro(
        Endpoint.of("app.example.com", "A", 0, target))));
    ChangeBatch.Builder b = ChangeBatch.newBuilder().setBatchId(id).setProvider("aws").setZoneId("Z1")
        .setZoneName("example.com").setRule(rule).setPlannedAt(Instant.ofEpochSecond(second)).setCauses(List.of());
    return (rule == PlanRule.DELETE ? b.setDelete(records) : b.setCreate(records)).build();
  }

  static Stream<Arguments> cases() {
    ChangeBatch create = batch("a", 1, PlanRule.CREATE, "192.0.2.1");
    ChangeBatch delete = batch("b", 9, PlanRule.DELETE, "192.0.2.1");
    return Stream.of(
        Arguments.of("the same plans", List.of(create, delete), List.of(create, delete), List.of()),
        Arguments.of("nothing on either side", List.of(), List.of(), List.of()),
        Arguments.of("a timer's plan a moment later, under another id",
            List.of(create, delete), List.of(create, batch("c", 11, PlanRule.DELETE, "192.0.2.1")), List.of()),
        Arguments.of("a plan not made again", List.of(create, delete), List.of(create), List.of("RECORDED b")),
        Arguments.of("a plan made only in the replay", List.of(create), List.of(create, delete), List.of("REPLAYED b")),
        Arguments.of("another target: both sides", List.of(create), List.of(batch("d", 1, PlanRule.CREATE, "192.0.2.2")),
            List.of("RECORDED a", "REPLAYED d")),
        Arguments.of("the same changes by another rule", List.of(create), List.of(batch("a", 1, PlanRule.MERGE, "192.0.2.1")),
            List.of("RECORDED a", "REPLAYED a")),
        Arguments.of("a plan made twice, replayed once", List.of(create, batch("e", 20, PlanRule.CREATE, "192.0.2.1")),
            List.of(create), List.of("RECORDED e")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void findsThePlansOfOneSideOnly(String description, List<ChangeBatch> recorded, List<ChangeBatch> replayed,
      List<String> differences) {
    assertThat(PlanComparison.compare(recorded, replayed))
        .extracting(d -> d.only() + " " + d.batch().getBatchId())
        .containsExactlyElementsOf(differences);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isSymmetric(String description, List<ChangeBatch> recorded, List<ChangeBatch> replayed, List<String> differences) {
    assertThat(PlanComparison.compare(replayed, recorded))
        .extracting(d -> (d.only() == Side.RECORDED ? Side.REPLAYED : Side.RECORDED) + " " + d.batch().getBatchId())
        .containsExactlyInAnyOrderElementsOf(differences);
  }
}
