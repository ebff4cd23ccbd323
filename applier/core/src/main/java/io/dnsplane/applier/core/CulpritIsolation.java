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
    List<Part> chunk = new ArrayList<>();
    for (Part part : parts) {
      if (part.changes().isEmpty()) {
        outcomes.put(part.batchId(), new ApplyOutcome(Optional.empty(), List.of()));
        continue;
      }
      if (!chunk.isEmpty() && !fitsOneCall.test(merge(chunk, part))) {
        applyChunk(chunk, outcomes);
        chunk = new ArrayList<>();
      }
      chunk.add(part);
    }
    if (!chunk.isEmpty()) {
      applyChunk(chunk, outcomes);
    }
    return outcomes;
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
