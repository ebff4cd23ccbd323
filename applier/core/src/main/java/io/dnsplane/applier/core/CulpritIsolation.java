package io.dnsplane.applier.core;

import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Applies a zone's pending batches in as few provider calls as fit, and keeps one bad batch from
 * blocking the others. Consecutive batches are merged while the provider says the merge fits one
 * atomic call. When the provider refuses a merged call as a whole, the call is split in halves and
 * each half retried, down to the single batch at fault, which is reported failed record by record.
 * A batch is never split: it holds one name's records with their TXT ownership records, which must
 * go together. k bad batches among n cost about 2k·log2(n) extra calls, where ExternalDNS retries
 * every change group one by one.
 */
final class CulpritIsolation {
  /** One planner batch: its id and the changes still to make. */
  record Part(String batchId, Changes changes) {}

  private final Predicate<Changes> fitsOneCall;
  private final Function<Changes, ApplyOutcome> call;
  private int calls;

  /**
   * @param call one provider call, retries included; throws {@link BatchRefusedException} when the
   *     provider refused it whole
   */
  CulpritIsolation(Predicate<Changes> fitsOneCall, Function<Changes, ApplyOutcome> call) {
    this.fitsOneCall = fitsOneCall;
    this.call = call;
  }

  /** The outcome of every part, by batch id, in the parts' order. */
  Map<String, ApplyOutcome> apply(List<Part> parts) {
    Map<String, ApplyOutcome> outcomes = new LinkedHashMap<>();
    List<Part> work = new ArrayList<>();
    for (Part part : parts) {
      outcomes.put(part.batchId(), null); // keeps the parts' order; filled below
      if (part.changes().isEmpty()) {
        outcomes.put(part.batchId(), new ApplyOutcome(Optional.empty(), List.of()));
      } else {
        work.add(part);
      }
    }
    for (int from = 0; from < work.size(); ) {
      int count = largestFitting(work, from);
      applyChunk(new ArrayList<>(work.subList(from, from + count)), outcomes);
      from += count;
    }
    return outcomes;
  }

  /**
   * How many parts from {@code from} on fit one call (at least one: a part too large alone is
   * refused when applied). Found by doubling, then halving: asking the provider about every
   * growing prefix, part by part, cost time quadratic in the parts of a call (500 names each a
   * Route53 call), and fitting only shrinks as parts are added.
   */
  private int largestFitting(List<Part> work, int from) {
    int remaining = work.size() - from;
    int fits = 1;
    int doesNot = -1;
    for (int size = 2; fits < remaining; size *= 2) {
      int tried = Math.min(size, remaining);
      if (fitsOneCall.test(merge(work.subList(from, from + tried), null))) {
        fits = tried;
      } else {
        doesNot = tried;
        break;
      }
    }
    if (doesNot < 0) {
      return fits;
    }
    while (doesNot - fits > 1) {
      int mid = (fits + doesNot) >>> 1;
      if (fitsOneCall.test(merge(work.subList(from, from + mid), null))) {
        fits = mid;
      } else {
        doesNot = mid;
      }
    }
    return fits;
  }

  /** Provider calls made so far (refused ones included). */
  int calls() {
    return calls;
  }

  private void applyChunk(List<Part> chunk, Map<String, ApplyOutcome> outcomes) {
    try {
      calls++;
      ApplyOutcome outcome = call.apply(merge(chunk, null));
      chunk.forEach(part -> outcomes.put(part.batchId(), outcomeOf(part, outcome)));
    } catch (BatchRefusedException e) {
      if (chunk.size() == 1) {
        Part part = chunk.get(0);
        List<RecordFailure> failures = part.changes().all().stream()
            .map(r -> new RecordFailure(r, "refused by the provider: " + e.getMessage(), false)).toList();
        outcomes.put(part.batchId(), new ApplyOutcome(Optional.empty(), failures));
        return;
      }
      int half = chunk.size() / 2;
      applyChunk(chunk.subList(0, half), outcomes);
      applyChunk(chunk.subList(half, chunk.size()), outcomes);
    }
  }

  /** The merged call's change id, and the failures that concern this part's records. */
  private static ApplyOutcome outcomeOf(Part part, ApplyOutcome merged) {
    List<Endpoint> own = part.changes().all().stream().map(Endpoint::withoutLabels).toList();
    List<RecordFailure> failures = merged.failures().stream()
        .filter(f -> own.contains(f.endpoint().withoutLabels())).toList();
    return new ApplyOutcome(merged.providerChangeId(), failures);
  }

  private static Changes merge(List<Part> chunk, Part extra) {
    Changes.Builder merged = new Changes.Builder();
    chunk.forEach(p -> merged.addAll(p.changes()));
    if (extra != null) {
      merged.addAll(extra.changes());
    }
    return merged.build();
  }
}
