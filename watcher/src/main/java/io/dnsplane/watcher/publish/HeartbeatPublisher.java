package io.dnsplane.watcher.publish;

import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.schema.Topic;
import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cluster's sign of life on the compacted cluster-status topic. */
public final class HeartbeatPublisher {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

  private final Producer<ClusterKey, ClusterHeartbeat> producer;
  private final Topic<ClusterKey, ClusterHeartbeat> topic;
  private final String clusterId;
  private final String ownerId;
  private final String version;
  private final Clock clock;

  public HeartbeatPublisher(Producer<ClusterKey, ClusterHeartbeat> producer, Topic<ClusterKey, ClusterHeartbeat> topic,
      String clusterId, String ownerId, String version, Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.clusterId = clusterId;
    this.ownerId = ownerId;
    this.version = version;
    this.clock = clock;
  }

  private volatile long lastSentMillis;

  /** When the last heartbeat was handed to the producer, epoch millis; 0 before the first. */
  public long lastSentMillis() {
    return lastSentMillis;
  }

  public void beat(boolean initialSyncComplete, int objectsWatched) {
    ClusterHeartbeat heartbeat = ClusterHeartbeat.newBuilder()
        .setClusterId(clusterId)
        .setOwnerId(ownerId)
        .setInitialSyncComplete(initialSyncComplete)
        .setObjectsWatched(objectsWatched)
        .setSentAt(clock.instant())
        .setWatcherVersion(version)
        .build();
    lastSentMillis = heartbeat.getSentAt().toEpochMilli();
    producer.send(new ProducerRecord<>(topic.name(), new ClusterKey(clusterId), heartbeat), (m, error) -> {
      if (error != null) {
        log.warn("heartbeat for cluster {} not sent: {}", clusterId, error.toString());
      }
    });
  }
}
