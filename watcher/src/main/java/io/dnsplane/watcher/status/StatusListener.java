package io.dnsplane.watcher.status;

import io.dnsplane.avro.ObjectStatus;
import io.dnsplane.avro.ObjectStatusKey;
import io.dnsplane.schema.Topic;
import java.time.Duration;
import java.util.List;
import io.dnsplane.runtime.KafkaConnection;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the planner's statuses for this cluster's objects and records them as Kubernetes Events.
 * One consumer group per cluster: a restarted watcher resumes where it stopped, so Events are not
 * recorded twice.
 */
public final class StatusListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusListener.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topic<ObjectStatusKey, ObjectStatus> topic;
  private final String clusterId;
  private final StatusEvents events;
  private final Thread thread;
  private volatile boolean running = true;

  public StatusListener(KafkaConnection kafka, Topic<ObjectStatusKey, ObjectStatus> topic, String clusterId,
      StatusEvents events) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "dnsplane-watcher-" + clusterId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.clusterId = clusterId;
    this.events = events;
    this.thread = new Thread(this::run, "watcher-" + clusterId + "-status");
    thread.setDaemon(true);
  }

  public StatusListener start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic.name()));
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          try {
            ObjectStatusKey key = topic.keySerde().deserializer().deserialize(r.topic(), r.key());
            ObjectStatus status = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
            if (key != null && status != null && clusterId.equals(key.getClusterId())) {
              events.record(key, status);
            }
          } catch (RuntimeException e) {
            log.warn("skipping an unreadable status at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
          }
        }
        consumer.commitSync();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("status listener for cluster {} stopped: {}", clusterId, e.toString());
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
