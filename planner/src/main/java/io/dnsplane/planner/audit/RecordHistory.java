package io.dnsplane.planner.audit;

import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.Cause;
import io.dnsplane.avro.Endpoint;
import io.dnsplane.avro.RecordFailure;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.model.DnsNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Every change to one record (or everything one object caused), oldest first, from the audit log
 * (the results topic): applied, refused and held ones alike, each with its lineage. Pure.
 */
public final class RecordHistory {
  private RecordHistory() {}

  /**
   * What to look for; null fields do not filter.
   *
   * @param name a DNS name: only results touching it, and only its records in them
   * @param type a record type at that name
   * @param object only results this object caused (its lineage names it)
   */
  public record Filter(String name, String type, Instant since, Instant until, SourceRef object) {
    public Filter {
      name = name == null ? null : DnsNames.normalize(name);
      type = type == null ? null : type.toUpperCase(Locale.ROOT);
    }
  }

  /** One result, cut down to the records the filter asks about. */
  public record Entry(ApplyResult result, List<Endpoint> before, List<Endpoint> after, List<RecordFailure> failures) {}

  public static List<Entry> of(List<ApplyResult> results, Filter filter) {
    Predicate<Endpoint> asked = e -> (filter.name() == null || DnsNames.normalize(e.getDnsName()).equals(filter.name()))
        && (filter.type() == null || e.getRecordType().equalsIgnoreCase(filter.type()));
    List<Entry> entries = new ArrayList<>();
    for (ApplyResult r : ordered(results)) {
      if (filter.since() != null && r.getAppliedAt().isBefore(filter.since())
          || filter.until() != null && r.getAppliedAt().isAfter(filter.until())) {
        continue;
      }
      if (filter.object() != null && r.getLineage().stream().map(Cause::getSource).noneMatch(filter.object()::equals)
          && !r.getCauses().contains(filter.object())) {
        continue;
      }
      List<Endpoint> before = r.getBefore().stream().filter(asked).toList();
      List<Endpoint> after = r.getAfter().stream().filter(asked).toList();
      List<RecordFailure> failures = r.getFailures().stream().filter(f -> asked.test(f.getEndpoint())).toList();
      // A refused create touched nothing yet: its failures name the record.
      boolean touches = !before.isEmpty() || !after.isEmpty() || !failures.isEmpty();
      if (filter.name() == null || touches) {
        entries.add(new Entry(r, before, after, failures));
      }
    }
    return entries;
  }

  /** The audit log in the order things happened: by the time each batch was applied, then by batch. */
  static List<ApplyResult> ordered(List<ApplyResult> results) {
    List<ApplyResult> sorted = new ArrayList<>(results);
    sorted.sort(java.util.Comparator.comparing(ApplyResult::getAppliedAt)); // stable: a partition's order stays
    return sorted;
  }
}
