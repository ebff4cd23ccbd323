package io.dnsplane.planner.replay;

import io.dnsplane.avro.ChangeBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the plans a replay made with the plans recorded, purely. Two plans are the same when
 * they change the same records of the same zone by the same rule: a plan made by a timer (a retry
 * after a backoff, a zone that appeared) may be made a few seconds apart in a replay, and then
 * carries another id, since a batch's id follows from its time.
 */
public final class PlanComparison {
  private PlanComparison() {}

  /** Which side a plan is found on alone. */
  public enum Side { RECORDED, REPLAYED }

  public record Difference(Side only, ChangeBatch batch) {}

  /** What makes two plans the same: zone, rule, dry run and every change; not the id, the time or the lineage. */
  public static String content(ChangeBatch b) {
    return b.getProvider() + "|" + b.getZoneId() + "|" + b.getRule() + "|" + b.getDryRun() + "|create " + b.getCreate()
        + "|old " + b.getUpdateOld() + "|new " + b.getUpdateNew() + "|delete " + b.getDelete();
  }

  /** The plans found on one side only, oldest first; empty when the replay made exactly the recorded plans. */
  public static List<Difference> compare(List<ChangeBatch> recorded, List<ChangeBatch> replayed) {
    Map<String, ChangeBatch> replayedById = new LinkedHashMap<>();
    replayed.forEach(b -> replayedById.put(b.getBatchId(), b));
    List<ChangeBatch> recordedLeft = new ArrayList<>();
    for (ChangeBatch r : recorded) {
      ChangeBatch same = replayedById.get(r.getBatchId());
      if (same != null && content(same).equals(content(r))) {
        replayedById.remove(r.getBatchId());
      } else {
        recordedLeft.add(r);
      }
    }
    Map<String, Deque<ChangeBatch>> replayedByContent = new HashMap<>();
    replayedById.values().stream().sorted(Comparator.comparing(ChangeBatch::getPlannedAt))
        .forEach(b -> replayedByContent.computeIfAbsent(content(b), k -> new ArrayDeque<>()).add(b));
    List<Difference> differences = new ArrayList<>();
    recordedLeft.stream().sorted(Comparator.comparing(ChangeBatch::getPlannedAt)).forEach(r -> {
      Deque<ChangeBatch> same = replayedByContent.get(content(r));
      if (same == null || same.isEmpty()) {
        differences.add(new Difference(Side.RECORDED, r));
      } else {
        same.removeFirst();
      }
    });
    replayedByContent.values().forEach(left -> left.forEach(b -> differences.add(new Difference(Side.REPLAYED, b))));
    differences.sort(Comparator.comparing((Difference d) -> d.batch().getPlannedAt()).thenComparing(d -> d.only()));
    return differences;
  }
}
