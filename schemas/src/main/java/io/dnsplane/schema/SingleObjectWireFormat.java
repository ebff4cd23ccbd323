package io.dnsplane.schema;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding (0xC3 0x01, the writer schema's 64-bit fingerprint, Avro binary).
 * Writer schemas resolve against the schemas shipped in this jar: the current ones and every
 * released version, so a reader decodes what an older writer wrote.
 */
public final class SingleObjectWireFormat implements WireFormat {
  private final SchemaStore.Cache knownWriters = new SchemaStore.Cache();

  public SingleObjectWireFormat() {
    ContractSchemas.ensureTrusted();
    ContractSchemas.TOP_LEVEL.forEach(type -> knownWriters.addSchema(ContractSchemas.schemaOf(type)));
    ContractSchemas.allReleased().forEach(knownWriters::addSchema);
  }

  @Override
  public <T extends SpecificRecord> Serde<T> serde(Class<T> type, boolean isKey) {
    Schema schema = ContractSchemas.schemaOf(type);
    BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(SpecificData.get(), schema);
    BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(SpecificData.get(), schema, knownWriters);
    Serializer<T> serializer = (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        ByteBuffer buffer = encoder.encode(value);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
      } catch (IOException | AvroRuntimeException e) {
        throw new SerializationException("cannot encode " + type.getSimpleName() + " for " + topic, e);
      }
    };
    Deserializer<T> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return decoder.decode(bytes);
      } catch (IOException | AvroRuntimeException e) {
        throw new SerializationException(
            "not a " + type.getSimpleName() + " in Avro single-object encoding on " + topic + ": " + e.getMessage(), e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
