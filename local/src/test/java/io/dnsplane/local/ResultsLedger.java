package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.planner.audit.ZoneState;
import io.dnsplane.avro.Endpoint;
import io.dnsplane.schema.TopicSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The audit log (the results topic, read committed) judged against a churn's end: every batch
 * reported once, none refused, and the zone rebuilt from it ({@link ZoneState}) is the zone.
 */
final class ResultsLedger {
  private final List<ApplyResult> results;

  private ResultsLedger(List<ApplyResult> results) {
    this.results = results;
  }

  static ResultsLedger read(LocalPipeline pipeline) {
    return new ResultsLedger(TopicSnapshot.read(pipeline.connection(), pipeline.topics().applyResults(),
        (k, v) -> v != null).stream().map(TopicSnapshot.Entry::value).toList());
  }

  int size() {
    return results.size();
  }

  /** Checks the ledger of the names starting with {@code prefix}; returns how many results were about them. */
  int assertMatches(String prefix, Map<String, String> expected, String context) {
    List<ApplyResult> ours = results.stream().filter(r -> touches(r, prefix)).toList();
    Map<String, Long> perBatch = ours.stream().collect(Collectors.groupingBy(ApplyResult::getBatchId, Collectors.counting()));
    assertThat(perBatch).as("%s: batches reported more than once", context).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    assertThat(ours).as("%s: refused batches", context)
        .allSatisfy(r -> assertThat(r.getStatus()).isIn(ApplyStatus.APPLIED, ApplyStatus.NOTHING_TO_DO));
    // Replay, as ./dnsplane state does: each result's after-records replace what its names held.
    Map<String, String> replayed = new TreeMap<>();
    ZoneState.at(ours, "example.com", Instant.MAX).values().stream()
        .filter(e -> e.getRecordType().equals("A") && e.getDnsName().startsWith(prefix))
        .forEach(e -> replayed.put(e.getDnsName(), String.join(",", e.getTargets())));
    assertThat(replayed).as("%s: the zone replayed from the audit log", context).isEqualTo(new TreeMap<>(expected));
    return ours.size();
  }

  private static boolean touches(ApplyResult r, String prefix) {
    return !namesOf(r, prefix).isEmpty();
  }

  /** The record names (not TXT names) a result is about. */
  private static java.util.Set<String> namesOf(ApplyResult r, String prefix) {
    Function<List<Endpoint>, java.util.stream.Stream<String>> names = l -> l.stream()
        .filter(e -> e.getRecordType().equals("A")).map(Endpoint::getDnsName).filter(n -> n.startsWith(prefix));
    return java.util.stream.Stream.concat(names.apply(r.getBefore()), names.apply(r.getAfter()))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }
}
