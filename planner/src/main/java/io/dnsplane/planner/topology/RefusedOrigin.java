package io.dnsplane.planner.topology;

import io.dnsplane.planner.plan.ClusterOrigin;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thrown for a record {@link ClusterOrigin} refuses: Kafka Streams' processing-exception handler
 * writes it, as it came and with this message, to the dead-letter topic, the one place records the
 * planner will not use go.
 */
final class RefusedOrigin extends RuntimeException {
  private static final Logger log = LoggerFactory.getLogger(RefusedOrigin.class);

  RefusedOrigin(String reason) {
    super(reason);
  }

  /**
   * Throws when the record, read from where {@code metadata} says, may not have come from there.
   *
   * @param what the record, for the log: an object, a cluster's heartbeat
   */
  static void check(ClusterOrigin origin, Optional<RecordMetadata> metadata, String what, String keyCluster,
      String valueCluster, String ownerId) {
    String topic = metadata.map(RecordMetadata::topic).orElse(null);
    Optional<String> refused = origin.refusal(topic, keyCluster, valueCluster, ownerId);
    if (refused.isPresent()) {
      log.warn("refused {} from {}: {}", what, topic, refused.get());
      throw new RefusedOrigin(refused.get());
    }
  }
}
