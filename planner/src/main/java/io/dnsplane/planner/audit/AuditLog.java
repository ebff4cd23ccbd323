package io.dnsplane.planner.audit;

import io.dnsplane.avro.ApplyResult;
import io.dnsplane.runtime.KafkaConnection;
import io.dnsplane.schema.TopicSnapshot;
import io.dnsplane.schema.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The audit log as the commands read it: every committed result of the results topic, and whether
 * retention has deleted its beginning (then nothing before the oldest result can be said).
 */
public record AuditLog(List<ApplyResult> results, boolean trimmed) {

  public static AuditLog read(KafkaConnection kafka, Topics topics) {
    List<ApplyResult> results = TopicSnapshot.read(kafka, topics.applyResults(), (k, v) -> v != null).stream()
        .map(TopicSnapshot.Entry::value).toList();
    return new AuditLog(RecordHistory.ordered(results), TopicSnapshot.trimmed(kafka, Topics.APPLY_RESULTS));
  }

  /** The time of the oldest result kept. */
  public Optional<Instant> oldest() {
    return results.stream().map(ApplyResult::getAppliedAt).findFirst();
  }

  /** Whether the log cannot answer for {@code at}: retention deleted what came before its oldest result. */
  public boolean beforeRetention(Instant at) {
    return trimmed && oldest().map(at::isBefore).orElse(true);
  }

  /** What to say when it cannot: empty when it can. */
  public Optional<String> tooOld(Instant at) {
    return beforeRetention(at) ? Optional.of(at + " is before the audit log's retention: its oldest result is from "
        + oldest().map(Instant::toString).orElse("(none kept)")) : Optional.empty();
  }
}
