package io.dnsplane.planner.topology;

import io.dnsplane.schema.DeadLetter;
import io.dnsplane.schema.Topic;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors a compacted topic into a global store: latest value per key, tombstones delete. It reads
 * raw bytes and decodes them itself, so an unreadable record goes to the dead-letter topic and the
 * mirror goes on: Kafka Streams' own handlers cannot send a global thread's poison anywhere (in
 * 4.3 its dead-letter path fails there and takes the whole planner down).
 */
final class GlobalStoreUpdater<K, V> implements Processor<byte[], byte[], Void, Void> {
  private static final Logger log = LoggerFactory.getLogger(GlobalStoreUpdater.class);

  private final String storeName;
  private final Topic<K, V> topic;
  private final Topic<byte[], byte[]> deadLetterTopic;
  private final Consumer<ProducerRecord<byte[], byte[]>> deadLetters;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<K, V> store;

  GlobalStoreUpdater(String storeName, Topic<K, V> topic, Topic<byte[], byte[]> deadLetterTopic,
      Consumer<ProducerRecord<byte[], byte[]>> deadLetters) {
    this.storeName = storeName;
    this.topic = topic;
    this.deadLetterTopic = deadLetterTopic;
    this.deadLetters = deadLetters;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    K key;
    V value;
    try {
      key = topic.keySerde().deserializer().deserialize(topic.name(), record.key());
      value = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
    } catch (RuntimeException e) {
      RecordMetadata at = context.recordMetadata().orElse(null);
      ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>(topic.name(), at == null ? -1 : at.partition(),
          at == null ? -1 : at.offset(), record.key(), record.value());
      log.error("unreadable record at {}-{}@{} sent to {}: {}", source.topic(), source.partition(), source.offset(),
          deadLetterTopic.name(), e.getMessage());
      deadLetters.accept(DeadLetter.of(deadLetterTopic, source, e));
      return;
    }
    if (key == null) {
      return;
    }
    if (value == null) {
      store.delete(key);
    } else {
      store.put(key, value);
    }
  }
}
