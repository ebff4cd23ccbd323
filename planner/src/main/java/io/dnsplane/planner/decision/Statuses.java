package io.dnsplane.planner.decision;

import io.dnsplane.avro.ObjectStatus;
import io.dnsplane.avro.ObjectStatusKey;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.avro.planner.NameDesire;
import io.dnsplane.avro.planner.NameState;
import io.dnsplane.model.AvroEndpoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Each object's status at a name, when it changed: the last one told is kept with the object's
 * desire in the name's state, so an unchanged status is not sent again. Pure but for that record.
 */
final class Statuses {
  private Statuses() {}

  static List<PlannerOutput> changed(String name, String zoneName, NameState state,
      Function<NameDesire, StatusDecider.Decision> decide, Instant at) {
    List<PlannerOutput> out = new ArrayList<>();
    for (NameDesire desire : state.getDesires()) {
      StatusDecider.Decision decision = decide.apply(desire);
      if (decision.summary().equals(desire.getLastStatus())) {
        continue;
      }
      desire.setLastStatus(decision.summary());
      out.add(new PlannerOutput.Status(key(desire.getSource(), name), ObjectStatus.newBuilder()
          .setClusterId(desire.getSource().getClusterId())
          .setResource(desire.getResource())
          .setDnsName(name)
          .setState(decision.state())
          .setReason(decision.reason())
          .setRecords(AvroEndpoints.toAvro(decision.records()))
          .setUpdatedAt(at)
          .setZoneName(zoneName)
          .build()));
    }
    return out;
  }

  /** The tombstone of an object's status at a name it no longer wants. */
  static PlannerOutput withdrawn(String name, NameDesire desire) {
    return new PlannerOutput.Status(key(desire.getSource(), name), null);
  }

  private static ObjectStatusKey key(SourceRef source, String name) {
    return new ObjectStatusKey(source.getClusterId(), source.getKind(), source.getNamespace(), source.getName(), name);
  }
}
