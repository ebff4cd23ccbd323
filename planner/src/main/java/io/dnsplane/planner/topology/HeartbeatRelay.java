package io.dnsplane.planner.topology;

import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.planner.plan.ClusterOrigin;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes a heartbeat from a cluster's own topic on to the shared cluster-status topic (which only
 * the planner then writes, and its global store mirrors) when {@link ClusterOrigin} accepts it.
 */
final class HeartbeatRelay implements Processor<ClusterKey, ClusterHeartbeat, ClusterKey, ClusterHeartbeat> {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatRelay.class);

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
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
    ClusterHeartbeat beat = record.value();
    Optional<String> refused = origin.refusal(topic, record.key().getClusterId(),
        beat == null ? null : beat.getClusterId(), beat == null ? null : beat.getOwnerId());
    if (refused.isPresent()) {
      log.warn("refused a heartbeat for {} from {}: {}", record.key().getClusterId(), topic, refused.get());
      throw new RefusedOrigin(refused.get());
    }
    context.forward(record);
  }
}
