package io.dnsplane.planner.audit;

import static io.dnsplane.planner.audit.AuditResults.APP;
import static io.dnsplane.planner.audit.AuditResults.WEB;
import static io.dnsplane.planner.audit.AuditResults.a;
import static io.dnsplane.planner.audit.AuditResults.result;
import static io.dnsplane.planner.audit.AuditResults.txt;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.avro.PlanRule;
import io.dnsplane.avro.RecordFailure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordHistoryTest {
  // Out of order on purpose: partitions interleave; history is by time.
  private static final List<ApplyResult> LOG = List.of(
      result("2026-12-01T10:05:00Z", ApplyStatus.APPLIED, PlanRule.UPDATE, APP, "12",
          List.of(a("app.example.com", "192.0.2.1"), txt("a-app.example.com", "cluster-a")),
          List.of(a("app.example.com", "192.0.2.2"), txt("a-app.example.com", "cluster-a")), List.of()),
      result("2026-12-01T10:00:00Z", ApplyStatus.APPLIED, PlanRule.CREATE, APP, "11",
          List.of(), List.of(a("app.example.com", "192.0.2.1"), txt("a-app.example.com", "cluster-a")), List.of()),
      result("2026-12-01T10:02:00Z", ApplyStatus.FAILED, PlanRule.CREATE, WEB, "7", List.of(), List.of(),
          List.of(new RecordFailure(a("web.example.com", "192.0.2.9"), "InvalidChangeBatch", false))),
      result("2026-12-01T10:09:00Z", ApplyStatus.HELD, PlanRule.DELETE, APP, "13",
          List.of(a("app.example.com", "192.0.2.2")), List.of(a("app.example.com", "192.0.2.2")), List.of()));

  @Test
  void everyChangeToTheRecordOldestFirstWithOnlyItsRecords() {
    List<RecordHistory.Entry> history = RecordHistory.of(LOG, new RecordHistory.Filter("App.Example.com.", "a", null,
        null, null));
    assertThat(history).extracting(e -> e.result().getStatus() + " " + e.result().getRule() + " rv "
        + e.result().getLineage().get(0).getResourceVersion())
        .containsExactly("APPLIED CREATE rv 11", "APPLIED UPDATE rv 12", "HELD DELETE rv 13");
    assertThat(history.get(1).before()).containsExactly(a("app.example.com", "192.0.2.1"));
    assertThat(history.get(1).after()).containsExactly(a("app.example.com", "192.0.2.2"));
  }

  @Test
  void aRefusedCreateIsInTheHistoryOfTheRecordItWouldHaveMade() {
    assertThat(RecordHistory.of(LOG, new RecordHistory.Filter("web.example.com", null, null, null, null)))
        .singleElement().satisfies(e -> {
          assertThat(e.result().getStatus()).isEqualTo(ApplyStatus.FAILED);
          assertThat(e.failures()).extracting(f -> f.getReason()).containsExactly("InvalidChangeBatch");
        });
  }

  @Test
  void theTxtOwnershipRecordHasItsOwnHistory() {
    assertThat(RecordHistory.of(LOG, new RecordHistory.Filter("a-app.example.com", "TXT", null, null, null))).hasSize(2);
  }

  @Test
  void aWindowOfTime() {
    assertThat(RecordHistory.of(LOG, new RecordHistory.Filter("app.example.com", null,
        Instant.parse("2026-12-01T10:01:00Z"), Instant.parse("2026-12-01T10:06:00Z"), null)))
        .extracting(e -> e.result().getRule()).containsExactly(PlanRule.UPDATE);
  }

  @Test
  void everythingOneObjectCaused() {
    assertThat(RecordHistory.of(LOG, new RecordHistory.Filter(null, null, null, null, WEB)))
        .extracting(e -> e.result().getBatchId()).containsExactly("b-2026-12-01T10:02:00Z");
    List<RecordHistory.Entry> app = RecordHistory.of(LOG, new RecordHistory.Filter(null, null, null, null, APP));
    assertThat(app).hasSize(3);
    assertThat(app.get(0).after()).as("all its records").hasSize(2);
  }

  @Test
  void aNameNeverSeenHasNoHistory() {
    assertThat(RecordHistory.of(LOG, new RecordHistory.Filter("nope.example.com", null, null, null, null))).isEmpty();
  }
}
