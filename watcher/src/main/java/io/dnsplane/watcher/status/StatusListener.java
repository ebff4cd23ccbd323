package io.dnsplane.watcher.status;

import io.dnsplane.avro.ObjectStatus;
import io.dnsplane.avro.ObjectStatusKey;
import io.dnsplane.schema.Topic;
import java.time.Duration;
import java.util.List;
import io.dnsplane.runtime.KafkaConnection;
import io.dnsplane.schema.DeadLetter;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
  private final KafkaConnection kafka;
  private final Topic<byte[], byte[]> deadLetters;
  private KafkaProducer<byte[], byte[]> deadLetterProducer;
  private volatile boolean running = true;

  /** Unreadable statuses go to {@code deadLetters}, with where they came from and why. */
  public StatusListener(KafkaConnection kafka, Topic<ObjectStatusKey, ObjectStatus> topic, Topic<byte[], byte[]> deadLetters,
      String clusterId, StatusEvents events) {
    this.kafka = kafka;
    this.deadLetters = deadLetters;
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, io.dnsplane.schema.WatcherAcls.groupOf(clusterId));
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
            if (key != null && clusterId.equals(key.getClusterId())) {
              if (status != null) {
                events.record(key, status);
              } else {
                events.deleted(key);
              }
            }
          } catch (SerializationException e) {
            log.error("unreadable status at {}-{}@{} sent to {}: {}", r.topic(), r.partition(), r.offset(),
                deadLetters.name(), e.getMessage());
            // Sent before the offset is committed: a crash in between sends it again, it is never lost.
            deadLetterProducer().send(DeadLetter.of(deadLetters, r, e)).get();
          } catch (RuntimeException e) {
            log.warn("could not record the status at {}-{}@{} as an Event: {}", r.topic(), r.partition(), r.offset(),
                e.getMessage());
          }
        }
        consumer.commitSync();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException | ExecutionException e) {
      log.error("status listener for cluster {} stopped: {}", clusterId, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close();
      if (deadLetterProducer != null) {
        deadLetterProducer.close();
      }
    }
  }

  /** Made on the first unreadable status: most watchers never need it. */
  private KafkaProducer<byte[], byte[]> deadLetterProducer() {
    if (deadLetterProducer == null) {
      Properties props = kafka.clientProperties();
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      deadLetterProducer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
    return deadLetterProducer;
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
