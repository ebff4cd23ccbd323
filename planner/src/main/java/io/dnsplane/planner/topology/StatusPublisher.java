package io.dnsplane.planner.topology;

import io.dnsplane.avro.ObjectStatus;
import io.dnsplane.avro.ObjectStatusKey;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.avro.planner.NameDesire;
import io.dnsplane.avro.planner.NameState;
import io.dnsplane.model.AvroEndpoints;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Publishes each object's status at a name when it changes (the last one published is kept with
 * the object's desire in the name's state), and a tombstone when the object stops wanting the name.
 */
final class StatusPublisher {
  private final ProcessorContext<String, PlannerOutput> context;

  StatusPublisher(ProcessorContext<String, PlannerOutput> context) {
    this.context = context;
  }

  void publish(String name, NameState state, Function<NameDesire, StatusDecider.Decision> decide, Instant at) {
    publish(name, "", state, decide, at);
  }

  void publish(String name, String zoneName, NameState state, Function<NameDesire, StatusDecider.Decision> decide,
      Instant at) {
    for (NameDesire desire : state.getDesires()) {
      StatusDecider.Decision decision = decide.apply(desire);
      if (decision.summary().equals(desire.getLastStatus())) {
        continue;
      }
      desire.setLastStatus(decision.summary());
      ObjectStatus status = ObjectStatus.newBuilder()
          .setClusterId(desire.getSource().getClusterId())
          .setResource(desire.getResource())
          .setDnsName(name)
          .setState(decision.state())
          .setReason(decision.reason())
          .setRecords(AvroEndpoints.toAvro(decision.records()))
          .setUpdatedAt(at)
          .setZoneName(zoneName)
          .build();
      context.forward(new Record<>(name, new PlannerOutput.Status(key(desire.getSource(), name), status), at.toEpochMilli()));
    }
  }

  void withdrawn(String name, NameDesire desire, Instant at) {
    context.forward(new Record<>(name, new PlannerOutput.Status(key(desire.getSource(), name), null), at.toEpochMilli()));
  }

  private static ObjectStatusKey key(SourceRef source, String name) {
    return new ObjectStatusKey(source.getClusterId(), source.getKind(), source.getNamespace(), source.getName(), name);
  }
}
