package io.dnsplane.schema;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * How contract records are framed on Kafka. The one seam between the contract and the bytes:
 * the embedded default is Avro single-object encoding; a schema-registry framing plugs in here.
 */
public interface WireFormat {
  <T extends SpecificRecord> Serde<T> serde(Class<T> type, boolean isKey);

  /**
   * Readies {@code type} for {@code topic} before anything is written (a registry framing registers
   * or looks up its schema, and fails here, at start, if the registry refuses it). Default: nothing.
   */
  default void prepare(String topic, Class<? extends SpecificRecord> type, boolean isKey) {}
}
