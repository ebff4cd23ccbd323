package io.dnsplane.planner.topology;

import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.planner.plan.ClusterOrigin;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Passes a heartbeat from a cluster's own topic on to the shared cluster-status topic (which only
 * the planner then writes, and its global store mirrors) when {@link ClusterOrigin} accepts it.
 */
final class HeartbeatRelay implements Processor<ClusterKey, ClusterHeartbeat, ClusterKey, ClusterHeartbeat> {
  private final ClusterOrigin origin;
  private ProcessorContext<ClusterKey, ClusterHeartbeat> context;

  HeartbeatRelay(ClusterOrigin origin) {
    this.origin = origin;
  }

  @Override
  public void init(ProcessorContext<ClusterKey, ClusterHeartbeat> context) {
    this.context = context;
  }

  @Override
  public void process(Record<ClusterKey, ClusterHeartbeat> record) {
    if (record.key() == null) {
      return;
    }
    ClusterHeartbeat beat = record.value();
    RefusedOrigin.check(origin, context.recordMetadata(), "a heartbeat of " + record.key().getClusterId(),
        record.key().getClusterId(), beat == null ? null : beat.getClusterId(), beat == null ? null : beat.getOwnerId());
    context.forward(record);
  }
}
