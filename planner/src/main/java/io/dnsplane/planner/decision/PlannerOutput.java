package io.dnsplane.planner.decision;

import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ObjectStatus;
import io.dnsplane.avro.ObjectStatusKey;
import io.dnsplane.avro.ZoneRef;

/** What planning a name produces, routed to its topic right after: never serialized as such. */
public sealed interface PlannerOutput permits PlannerOutput.Batch, PlannerOutput.Status {
  record Batch(ZoneRef zone, ChangeBatch batch) implements PlannerOutput {}

  /** {@code status} null is a tombstone: the object no longer wants the name. */
  record Status(ObjectStatusKey key, ObjectStatus status) implements PlannerOutput {}
}
