package io.dnsplane.applier.core;

import io.dnsplane.schema.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Unreadable change records go to the dead-letter topic, with where they came from and why. */
final class DeadLetters {
  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final Topic<byte[], byte[]> topic;
  private final Outbox outbox;

  DeadLetters(Topic<byte[], byte[]> topic, Outbox outbox) {
    this.topic = topic;
    this.outbox = outbox;
  }

  void send(ConsumerRecord<byte[], byte[]> record, Exception error) {
    log.error("unreadable record at {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
        topic.name(), error.getMessage());
    ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(topic.name(), record.key(), record.value());
    DeadLetterHeaders.describe(dead.headers(), record.topic(), record.partition(), record.offset(), error);
    outbox.add(dead);
  }
}
