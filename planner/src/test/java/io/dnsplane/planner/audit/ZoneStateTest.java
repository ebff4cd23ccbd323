package io.dnsplane.planner.audit;

import static io.dnsplane.planner.audit.AuditResults.APP;
import static io.dnsplane.planner.audit.AuditResults.a;
import static io.dnsplane.planner.audit.AuditResults.result;
import static io.dnsplane.planner.audit.AuditResults.txt;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.avro.PlanRule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneStateTest {
  private static final List<ApplyResult> LOG = List.of(
      result("2026-12-01T10:00:00Z", ApplyStatus.APPLIED, PlanRule.CREATE, APP, "11",
          List.of(), List.of(a("app.example.com", "192.0.2.1"), txt("a-app.example.com", "cluster-a")), List.of()),
      result("2026-12-01T10:05:00Z", ApplyStatus.APPLIED, PlanRule.UPDATE, APP, "12",
          List.of(a("app.example.com", "192.0.2.1")), List.of(a("app.example.com", "192.0.2.2")), List.of()),
      // Held and failed batches changed nothing.
      result("2026-12-01T10:07:00Z", ApplyStatus.HELD, PlanRule.DELETE, APP, "13",
          List.of(a("app.example.com", "192.0.2.2")), List.of(), List.of()),
      result("2026-12-01T10:09:00Z", ApplyStatus.APPLIED, PlanRule.DELETE, APP, "13",
          List.of(a("app.example.com", "192.0.2.2"), txt("a-app.example.com", "cluster-a")), List.of(), List.of()));

  @Test
  void theZoneAtEachTime() {
    assertThat(ZoneState.at(LOG, "example.com", Instant.parse("2026-12-01T09:00:00Z"))).isEmpty();
    assertThat(ZoneState.at(LOG, "example.com", Instant.parse("2026-12-01T10:01:00Z")))
        .containsOnlyKeys("app.example.com A", "a-app.example.com TXT")
        .extractingByKey("app.example.com A").extracting(e -> e.getTargets()).isEqualTo(List.of("192.0.2.1"));
    assertThat(ZoneState.at(LOG, "Z1", Instant.parse("2026-12-01T10:08:00Z")))
        .extractingByKey("app.example.com A").extracting(e -> e.getTargets()).isEqualTo(List.of("192.0.2.2"));
    assertThat(ZoneState.at(LOG, "example.com", Instant.parse("2026-12-01T10:10:00Z"))).isEmpty();
    assertThat(ZoneState.at(LOG, "example.org", Instant.parse("2026-12-01T10:10:00Z"))).isEmpty();
  }

  @Test
  void whatChangedBetweenTwoTimes() {
    List<ZoneState.Difference> diff = ZoneState.diff(
        ZoneState.at(LOG, "example.com", Instant.parse("2026-12-01T10:01:00Z")),
        ZoneState.at(LOG, "example.com", Instant.parse("2026-12-01T10:09:30Z")));
    assertThat(diff).extracting(ZoneState.Difference::key).containsExactly("a-app.example.com TXT", "app.example.com A");
    assertThat(diff).allSatisfy(d -> assertThat(d.now()).isNull());
    assertThat(ZoneState.diff(ZoneState.at(LOG, "example.com", Instant.parse("2026-12-01T10:01:00Z")),
        ZoneState.at(LOG, "example.com", Instant.parse("2026-12-01T10:06:00Z"))))
        .singleElement().satisfies(d -> {
          assertThat(d.then().getTargets()).containsExactly("192.0.2.1");
          assertThat(d.now().getTargets()).containsExactly("192.0.2.2");
        });
  }
}
