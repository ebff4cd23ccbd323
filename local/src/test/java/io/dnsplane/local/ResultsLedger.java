package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.avro.Endpoint;
import io.dnsplane.schema.TopicSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The audit log (the results topic, read committed) judged against a churn's end: every batch
 * reported once, none refused, and for every name the last result's records are the zone's.
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
    // Replay: each result's after-records of a name replace what the name held.
    Map<String, String> replayed = new TreeMap<>();
    for (ApplyResult r : ours) {
      Map<String, String> after = r.getAfter().stream().filter(e -> e.getRecordType().equals("A")
          && e.getDnsName().startsWith(prefix)).collect(Collectors.toMap(Endpoint::getDnsName,
          e -> String.join(",", e.getTargets()), (a, b) -> a, HashMap::new));
      namesOf(r, prefix).forEach(name -> {
        if (after.containsKey(name)) {
          replayed.put(name, after.get(name));
        } else {
          replayed.remove(name);
        }
      });
    }
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
