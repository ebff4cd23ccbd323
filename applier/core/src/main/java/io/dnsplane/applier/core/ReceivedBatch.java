package io.dnsplane.applier.core;

import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Changes;
import io.dnsplane.schema.Topic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/** A change batch as consumed, with its changes and the names they touch, read once. */
record ReceivedBatch(ConsumerRecord<byte[], byte[]> record, ChangeBatch batch, Changes changes, Set<String> names) {

  static ReceivedBatch of(ConsumerRecord<byte[], byte[]> record, ChangeBatch batch) {
    Changes changes = new Changes(AvroEndpoints.fromAvro(batch.getCreate()), AvroEndpoints.fromAvro(batch.getUpdateOld()),
        AvroEndpoints.fromAvro(batch.getUpdateNew()), AvroEndpoints.fromAvro(batch.getDelete()));
    Set<String> names = new TreeSet<>();
    changes.all().forEach(e -> names.add(e.dnsName()));
    return new ReceivedBatch(record, batch, changes, names);
  }

  /** A poll's batches by zone, each zone's in order; what cannot be read goes to the dead letters. */
  static Map<String, List<ReceivedBatch>> byZone(List<ConsumerRecord<byte[], byte[]>> records,
      Topic<ZoneRef, ChangeBatch> topic, DeadLetters deadLetters) {
    Map<String, List<ReceivedBatch>> byZone = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      ChangeBatch batch;
      try {
        batch = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
      } catch (SerializationException e) {
        deadLetters.send(record, e);
        continue;
      }
      if (batch != null) {
        byZone.computeIfAbsent(batch.getZoneId(), z -> new ArrayList<>()).add(of(record, batch));
      }
    }
    return byZone;
  }

  /** The TXT ownership records it deletes: one per record it deletes, what the delete breaker counts. */
  int ownershipDeletes() {
    return ownershipDeletes(changes);
  }

  static int ownershipDeletes(Changes changes) {
    return (int) changes.delete().stream().filter(e -> e.recordType().equals("TXT")).count();
  }
}
