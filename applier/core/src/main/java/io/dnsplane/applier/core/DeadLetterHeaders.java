package io.dnsplane.applier.core;

import java.nio.charset.StandardCharsets;

/** Headers that say where a dead letter came from and why. */
final class DeadLetterHeaders {
  private DeadLetterHeaders() {}

  static void describe(org.apache.kafka.common.header.Headers headers, String topic, int partition, long offset,
      Exception error) {
    headers.add("dnsplane.dlq.topic", topic.getBytes(StandardCharsets.UTF_8));
    headers.add("dnsplane.dlq.partition", Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
    headers.add("dnsplane.dlq.offset", Long.toString(offset).getBytes(StandardCharsets.UTF_8));
    headers.add("dnsplane.dlq.error", String.valueOf(error.getMessage()).getBytes(StandardCharsets.UTF_8));
  }
}
