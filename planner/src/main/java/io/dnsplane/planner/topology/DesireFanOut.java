package io.dnsplane.planner.topology;

import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.Endpoint;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.avro.planner.NameDesire;
import io.dnsplane.avro.planner.NameEvent;
import io.dnsplane.planner.plan.ClusterOrigin;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns one object's desire (keyed by object) into one event per DNS name it touches (keyed by
 * name). Remembers the last value per object so that a name it no longer wants is withdrawn. A
 * record whose origin {@link ClusterOrigin} refuses (a cluster writing as another) is not planned:
 * it goes to the dead-letter topic with the reason.
 */
final class DesireFanOut implements Processor<SourceRef, DesiredEndpoints, String, NameEvent> {
  private final ClusterOrigin origin;
  private ProcessorContext<String, NameEvent> context;
  private KeyValueStore<SourceRef, DesiredEndpoints> lastBySource;

  DesireFanOut(ClusterOrigin origin) {
    this.origin = origin;
  }

  @Override
  public void init(ProcessorContext<String, NameEvent> context) {
    this.context = context;
    this.lastBySource = context.getStateStore(PlannerStores.DESIRED_BY_SOURCE);
  }

  @Override
  public void process(Record<SourceRef, DesiredEndpoints> record) {
    SourceRef source = record.key();
    if (source == null) {
      return;
    }
    DesiredEndpoints current = record.value();
    RefusedOrigin.check(origin, context.recordMetadata(), source.getClusterId() + "/" + source.getKind() + "/"
        + source.getNamespace() + "/" + source.getName(), source.getClusterId(),
        current == null ? null : current.getClusterId(), current == null ? null : current.getOwnerId());
    DesiredEndpoints previous = lastBySource.get(source);
    Map<String, List<Endpoint>> before = byName(previous);
    Map<String, List<Endpoint>> after = byName(current);
    Set<String> names = new LinkedHashSet<>(before.keySet());
    names.addAll(after.keySet());
    DesiredEndpoints identity = current != null ? current : previous;
    io.dnsplane.avro.Cause cause = cause(source, identity, record);
    for (String name : names) {
      List<Endpoint> wanted = after.getOrDefault(name, List.of());
      if (wanted.equals(before.get(name))) {
        continue;
      }
      NameDesire desire = NameDesire.newBuilder()
          .setSource(source)
          .setOwnerId(identity == null ? "" : identity.getOwnerId())
          .setResource(identity == null ? "" : identity.getResource())
          .setEndpoints(new ArrayList<>(wanted))
          .setCause(cause)
          .build();
      context.forward(record.withKey(name).withValue(NameEvent.newBuilder().setDesire(desire).build()));
    }
    if (current == null) {
      lastBySource.delete(source);
    } else {
      lastBySource.put(source, current);
    }
  }

  /** The lineage of this desire: the object's version as the watcher saw it, and where the planner read it. */
  private io.dnsplane.avro.Cause cause(SourceRef source, DesiredEndpoints identity, Record<SourceRef, DesiredEndpoints> record) {
    // A tombstone says nothing of when the object went: the record's time does.
    io.dnsplane.avro.Cause.Builder cause = io.dnsplane.avro.Cause.newBuilder().setSource(source)
        .setSeenAt(record.value() != null ? record.value().getObservedAt() : java.time.Instant.ofEpochMilli(record.timestamp()));
    if (identity != null) {
      cause.setOwnerId(identity.getOwnerId()).setUid(identity.getUid()).setResourceVersion(identity.getResourceVersion())
          .setGeneration(identity.getGeneration());
    }
    context.recordMetadata().ifPresent(m -> cause.setTopic(m.topic()).setPartition(m.partition()).setOffset(m.offset()));
    return cause.build();
  }

  private static Map<String, List<Endpoint>> byName(DesiredEndpoints desired) {
    Map<String, List<Endpoint>> byName = new TreeMap<>();
    if (desired != null) {
      for (Endpoint e : desired.getEndpoints()) {
        byName.computeIfAbsent(io.dnsplane.model.DnsNames.normalize(e.getDnsName()), n -> new ArrayList<>()).add(e);
      }
    }
    return byName;
  }
}
