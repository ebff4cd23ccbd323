package io.dnsplane.schema;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name travelling with its serdes and retention, so no caller pairs them wrongly; the
 * contract classes of its keys and values (null for raw bytes), for preparing a registry.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Cleanup cleanup,
    Class<? extends SpecificRecord> keyType, Class<? extends SpecificRecord> valueType) {
  public enum Cleanup {
    /** Latest value per key is the state (desired, heartbeats, observed, zones). */
    COMPACT,
    /** A log of events (changes, results, dead letters). */
    DELETE;

    public String kafkaValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    Objects.requireNonNull(cleanup, "cleanup");
  }

  public Topic(String name, Serde<K> keySerde, Serde<V> valueSerde, Cleanup cleanup) {
    this(name, keySerde, valueSerde, cleanup, null, null);
  }
}
