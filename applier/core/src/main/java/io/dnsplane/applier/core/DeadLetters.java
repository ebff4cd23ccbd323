package io.dnsplane.applier.core;

import io.dnsplane.schema.DeadLetter;
import io.dnsplane.schema.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Unreadable records (change batches, approvals) go to the dead-letter topic, with where they came from and why. */
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
    outbox.add(DeadLetter.of(topic, record, error));
  }
}
