package io.dnsplane.schema.registry;

import io.dnsplane.schema.ContractSchemas;
import io.dnsplane.schema.WireFormat;
import io.dnsplane.schema.registry.SchemaRegistryClient.RegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Confluent's wire format: a magic byte 0, the writer schema's 4-byte registry id (big-endian), then
 * plain Avro binary. Subjects follow Confluent's TopicNameStrategy ({@code <topic>-key},
 * {@code <topic>-value}). A writer registers its schema on first use ({@code autoRegister}) or only
 * looks it up; a reader fetches the writer's schema by id (cached) and resolves it to its own. Where
 * no id can be had, nothing is written: the serializer throws, it never falls back to another framing.
 */
public final class ConfluentWireFormat implements WireFormat {
  static final byte MAGIC = 0;
  static final int HEADER = 5;

  private final SchemaRegistryClient registry;
  private final boolean autoRegister;
  private final Map<String, Integer> idBySubject = new ConcurrentHashMap<>();

  /** Thrown at start when the registry refuses dnsplane's schema; says the subject, the rule and why. */
  public static final class SchemaRefusedException extends RuntimeException {
    SchemaRefusedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public ConfluentWireFormat(SchemaRegistryClient registry, boolean autoRegister) {
    this.registry = registry;
    this.autoRegister = autoRegister;
  }

  public static String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }

  /** The registry id of {@code schema} under the subject of {@code topic}: registered or looked up, then kept. */
  public int idOf(String topic, boolean isKey, Schema schema) {
    String subject = subject(topic, isKey);
    return idBySubject.computeIfAbsent(subject + "#" + org.apache.avro.SchemaNormalization.parsingFingerprint64(schema), k -> resolve(subject, schema));
  }

  private int resolve(String subject, Schema schema) {
    if (autoRegister) {
      try {
        return registry.register(subject, schema);
      } catch (RegistryException e) {
        if (e.status() == 409 || e.status() == 422) {
          throw refused(subject, e);
        }
        throw e;
      }
    }
    return registry.lookup(subject, schema).orElseThrow(() -> new SchemaRefusedException("subject " + subject
        + " of the schema registry at " + registry.url() + " does not hold dnsplane's schema, and auto-registration is"
        + " off (--no-auto-register): register it first" + (registry.isCompatible(subject, schema) ? ""
        : "; the subject's rule (" + registry.compatibility(subject) + ") would refuse it"), null));
  }

  private SchemaRefusedException refused(String subject, RegistryException e) {
    return new SchemaRefusedException("the schema registry at " + registry.url() + " refuses dnsplane's schema for subject "
        + subject + ": its compatibility rule (" + registry.compatibility(subject) + ") rejects it; " + e.getMessage(), e);
  }

  @Override
  public void prepare(String topic, Class<? extends SpecificRecord> type, boolean isKey) {
    idOf(topic, isKey, ContractSchemas.schemaOf(type));
  }

  @Override
  public <T extends SpecificRecord> Serde<T> serde(Class<T> type, boolean isKey) {
    Schema schema = ContractSchemas.schemaOf(type);
    SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(schema, SpecificData.get());
    Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
    Serializer<T> serializer = (topic, value) -> {
      if (value == null) {
        return null;
      }
      int id;
      try {
        id = idOf(topic, isKey, schema);
      } catch (RuntimeException e) {
        throw new SerializationException("no schema registry id for " + subject(topic, isKey) + ": " + e.getMessage(), e);
      }
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(MAGIC);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
      } catch (IOException | AvroRuntimeException e) {
        throw new SerializationException("cannot encode " + type.getSimpleName() + " for " + topic, e);
      }
    };
    Deserializer<T> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length < HEADER || bytes[0] != MAGIC) {
        throw new SerializationException("not Confluent's wire format (magic byte 0, schema id, Avro) on " + topic);
      }
      int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
      try {
        SpecificDatumReader<T> reader = readers.computeIfAbsent(id,
            i -> new SpecificDatumReader<>(registry.schemaById(i), schema, SpecificData.get()));
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null);
        return reader.read(null, decoder);
      } catch (IOException | RuntimeException e) {
        throw new SerializationException("cannot decode " + type.getSimpleName() + " (schema id " + id + ") on " + topic
            + ": " + e.getMessage(), e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
