package io.dnsplane.planner.decision;

import io.dnsplane.avro.planner.NameState;
import io.dnsplane.avro.planner.PendingRetry;
import java.util.List;

/**
 * What the planner decided at one DNS name: the state to keep, why and from when it waits (if it
 * does), and what to send (change batches and objects' statuses, in order).
 *
 * @param state the name's next state; null: nothing is known at the name any more, forget it
 * @param save false when the event changed nothing (an observation older than the batch in flight)
 * @param pending why the name waits to be planned again; null: it does not
 * @param outputs the change batches and statuses to send, in order
 * @param notes what the planner says of it in its log
 */
public record NameDecision(NameState state, boolean save, PendingRetry pending, List<PlannerOutput> outputs,
    List<Note> notes) {

  public enum Level { INFO, WARN }

  public record Note(Level level, String message) {}
}
