package io.dnsplane.planner.plan;

import io.dnsplane.avro.PlanRule;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.ownership.Ownership;
import java.util.List;
import java.util.Set;

/**
 * Why a batch was planned, for the audit log: decided from what triggered the planning and what
 * the record changes ({@link Plan#records()}, without the TXT ownership records that follow them)
 * do to the records' owners. Pure.
 */
public final class PlanRules {
  private PlanRules() {}

  /** What made the planner look at the name. */
  public enum Trigger {
    /** A cluster's desire changed. */
    DESIRE,
    /** What the provider holds changed (or was first seen). */
    OBSERVATION,
    /** A timer: a retry after backoff, a cluster going stale or synced, a zone appearing. */
    TIMER
  }

  /**
   * @param records the record changes of the plan
   * @param all every change of the batch, ownership records included
   */
  public static PlanRule of(Trigger trigger, Changes records, Changes all) {
    List<Endpoint> creates = records.create();
    List<Endpoint> deletes = records.delete();
    List<Endpoint> olds = records.updateOld();
    List<Endpoint> news = records.updateNew();
    if (creates.isEmpty() && deletes.isEmpty() && olds.isEmpty()) {
      // Only ownership records change: records are taken over by another owner id (migration).
      return all.isEmpty() ? PlanRule.UNKNOWN : PlanRule.ADOPT;
    }
    if (trigger == Trigger.OBSERVATION) {
      // The desire did not change: the provider drifted from it (or was first seen differing).
      return PlanRule.REPAIR;
    }
    if (!olds.isEmpty()) {
      return updateRule(olds, news);
    }
    if (!creates.isEmpty()) {
      return PlanRule.CREATE;
    }
    return PlanRule.DELETE;
  }

  private static PlanRule updateRule(List<Endpoint> olds, List<Endpoint> news) {
    boolean joined = false;
    boolean left = false;
    boolean replaced = false;
    for (int i = 0; i < olds.size(); i++) {
      Set<String> before = Ownership.of(olds.get(i)).keySet();
      Set<String> after = i < news.size() ? Ownership.of(news.get(i)).keySet() : Set.of();
      if (before.equals(after)) {
        continue;
      }
      if (after.containsAll(before)) {
        joined = true;
      } else if (before.containsAll(after)) {
        left = true;
      } else {
        replaced = true;
      }
    }
    if (replaced || (joined && left)) {
      return PlanRule.ADOPT;
    }
    return joined ? PlanRule.MERGE : left ? PlanRule.WITHDRAW : PlanRule.UPDATE;
  }
}
