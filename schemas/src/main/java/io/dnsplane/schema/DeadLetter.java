package io.dnsplane.schema;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A record nobody could read, for the dead-letter topic: its key and value as they came, and
 * headers that say where it came from and why, the same from every reader of every topic.
 */
public final class DeadLetter {
  private DeadLetter() {}

  public static ProducerRecord<byte[], byte[]> of(Topic<byte[], byte[]> deadLetters, ConsumerRecord<byte[], byte[]> source,
      Exception error) {
    ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(deadLetters.name(), source.key(), source.value());
    dead.headers().add("dnsplane.dlq.topic", source.topic().getBytes(StandardCharsets.UTF_8));
    dead.headers().add("dnsplane.dlq.partition", Integer.toString(source.partition()).getBytes(StandardCharsets.UTF_8));
    dead.headers().add("dnsplane.dlq.offset", Long.toString(source.offset()).getBytes(StandardCharsets.UTF_8));
    dead.headers().add("dnsplane.dlq.error", String.valueOf(error.getMessage()).getBytes(StandardCharsets.UTF_8));
    return dead;
  }
}
