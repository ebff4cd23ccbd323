package io.dnsplane.applier.core;

import io.dnsplane.applier.spi.Zone;
import io.dnsplane.avro.ObservedKey;
import io.dnsplane.avro.ObservedRecordSet;
import io.dnsplane.avro.ProviderZone;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Endpoint;
import io.dnsplane.schema.Topic;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes (to the outbox) what the provider holds: its zones, and the records at each name (a tombstone when none). */
final class ObservationPublisher {
  private final String provider;
  private final Consumer<ProducerRecord<byte[], byte[]>> producer;
  private final Topic<ZoneRef, ProviderZone> zonesTopic;
  private final Topic<ObservedKey, ObservedRecordSet> observedTopic;
  private final Clock clock;
  /** Per zone id and name: what the provider's AdjustEndpoints made of what was applied there, repeated with every observation. */
  private final java.util.Map<String, List<io.dnsplane.model.Adjustments.Adjustment>> adjustments = new java.util.HashMap<>();

  ObservationPublisher(String provider, Consumer<ProducerRecord<byte[], byte[]>> producer, Topic<ZoneRef, ProviderZone> zonesTopic,
      Topic<ObservedKey, ObservedRecordSet> observedTopic, Clock clock) {
    this.provider = provider;
    this.producer = producer;
    this.zonesTopic = zonesTopic;
    this.observedTopic = observedTopic;
    this.clock = clock;
  }

  void zone(Zone zone, java.util.Set<String> capabilities) {
    ZoneRef key = new ZoneRef(provider, zone.id());
    ProviderZone value = new ProviderZone(provider, zone.id(), zone.name(), clock.instant(),
        new java.util.ArrayList<>(new java.util.TreeSet<>(capabilities)));
    producer.accept(new ProducerRecord<>(zonesTopic.name(),
        zonesTopic.keySerde().serializer().serialize(zonesTopic.name(), key),
        zonesTopic.valueSerde().serializer().serialize(zonesTopic.name(), value)));
  }

  /**
   * Remembers what the provider made of endpoints about to be applied (those it changed), replacing
   * what was remembered for the same record set, so that every later observation of their names
   * tells the planner, a drift check's too.
   */
  void adjusted(Zone zone, List<io.dnsplane.model.Adjustments.Adjustment> made) {
    for (io.dnsplane.model.Adjustments.Adjustment a : made) {
      List<io.dnsplane.model.Adjustments.Adjustment> atName = adjustments.computeIfAbsent(memoKey(zone, a.desired().dnsName()),
          k -> new java.util.ArrayList<>());
      atName.removeIf(old -> sameRecordSet(old.desired(), a.desired()));
      atName.add(a);
    }
  }

  private static boolean sameRecordSet(Endpoint x, Endpoint y) {
    return x.recordType().equals(y.recordType()) && x.setIdentifier().equals(y.setIdentifier());
  }

  private static String memoKey(Zone zone, String dnsName) {
    return zone.id() + " " + dnsName;
  }

  /** What a full listing found at a name. */
  void recordsAt(Zone zone, String dnsName, List<Endpoint> records) {
    recordsAt(zone, dnsName, records, "", "");
  }

  /**
   * What a name holds after a batch; {@code failure}, when not empty, is what the provider said of
   * the records it refused there.
   */
  void recordsAt(Zone zone, String dnsName, List<Endpoint> records, String batchId, String failure) {
    recordsAt(zone, dnsName, records, batchId, failure, "");
  }

  /** What a name holds while the delete breaker holds {@code batchId} (not applied): {@code held} says why. */
  void heldAt(Zone zone, String dnsName, List<Endpoint> records, String batchId, String held) {
    recordsAt(zone, dnsName, records, batchId, "", held);
  }

  private void recordsAt(Zone zone, String dnsName, List<Endpoint> records, String batchId, String failure, String held) {
    ObservedKey key = new ObservedKey(provider, zone.id(), dnsName);
    // A name left empty by a batch still reports the batch, so the planner knows it came back;
    // compaction keeps the latest value per name, which then says "nothing here".
    ObservedRecordSet value = records.isEmpty() && batchId.isEmpty() ? null : ObservedRecordSet.newBuilder()
        .setProvider(provider)
        .setZoneId(zone.id())
        .setZoneName(zone.name())
        .setDnsName(dnsName)
        .setRecords(AvroEndpoints.toAvro(records))
        .setObservedAt(clock.instant())
        .setBatchId(batchId)
        .setBatchFailed(!failure.isEmpty())
        .setFailure(failure)
        .setHeld(held)
        .setAdjustments(io.dnsplane.model.Adjustments.toAvro(adjustments.getOrDefault(memoKey(zone, dnsName), List.of())))
        .build();
    byte[] keyBytes = observedTopic.keySerde().serializer().serialize(observedTopic.name(), key);
    producer.accept(new ProducerRecord<>(observedTopic.name(), keyBytes,
        observedTopic.valueSerde().serializer().serialize(observedTopic.name(), value)));
    if (records.isEmpty() && held.isEmpty()) {
      adjustments.remove(memoKey(zone, dnsName)); // nothing there: nothing of it to remember
    }
    if (records.isEmpty() && value != null && held.isEmpty()) {
      // Then a tombstone, so compaction forgets the name.
      producer.accept(new ProducerRecord<>(observedTopic.name(), keyBytes, null));
    }
  }
}
