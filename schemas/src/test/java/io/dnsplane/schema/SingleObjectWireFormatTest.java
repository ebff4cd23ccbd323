package io.dnsplane.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.Endpoint;
import io.dnsplane.avro.SourceRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class SingleObjectWireFormatTest {
  private final Topics topics = Topics.singleObjectEncoding();
  private final Topic<SourceRef, DesiredEndpoints> desired = topics.desiredEndpoints();

  private static DesiredEndpoints value() {
    Endpoint endpoint = Endpoint.newBuilder().setDnsName("app.example.com").setRecordType("A")
        .setTargets(List.of("192.0.2.10")).setLabels(Map.of("resource", "ingress/default/app")).build();
    return DesiredEndpoints.newBuilder().setClusterId("cluster-a").setOwnerId("cluster-a")
        .setResource("ingress/default/app").setResourceVersion("7").setEndpoints(List.of(endpoint))
        .setObservedAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();
  }

  @Test
  void roundTripsKeyAndValue() {
    SourceRef key = new SourceRef("cluster-a", "ingress", "default", "app");
    byte[] keyBytes = desired.keySerde().serializer().serialize(desired.name(), key);
    byte[] valueBytes = desired.valueSerde().serializer().serialize(desired.name(), value());
    assertThat(desired.keySerde().deserializer().deserialize(desired.name(), keyBytes)).isEqualTo(key);
    assertThat(desired.valueSerde().deserializer().deserialize(desired.name(), valueBytes)).isEqualTo(value());
  }

  @Test
  void framesWithTheSingleObjectHeader() {
    byte[] bytes = desired.valueSerde().serializer().serialize(desired.name(), value());
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
  }

  @Test
  void tombstonesStayNull() {
    assertThat(desired.valueSerde().serializer().serialize(desired.name(), null)).isNull();
    assertThat(desired.valueSerde().deserializer().deserialize(desired.name(), null)).isNull();
  }

  @Test
  void bytesThatAreNotOurAvroFailAsSerializationErrors() {
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> desired.valueSerde().deserializer().deserialize(desired.name(), garbage))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("DesiredEndpoints")
        .hasMessageContaining(desired.name());
  }

  @Test
  void anUnknownWriterSchemaFailsAsASerializationError() {
    byte[] bytes = desired.valueSerde().serializer().serialize(desired.name(), value());
    bytes[2] ^= 0x5A; // corrupt the writer fingerprint
    assertThatThrownBy(() -> desired.valueSerde().deserializer().deserialize(desired.name(), bytes))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void aValueOfAnotherTypeIsReadAsGarbageNotSilentlyMisread() {
    Serde<SourceRef> keySerde = desired.keySerde();
    byte[] keyBytes = keySerde.serializer().serialize(desired.name(), new SourceRef("c", "ingress", "ns", "n"));
    assertThatThrownBy(() -> desired.valueSerde().deserializer().deserialize(desired.name(), keyBytes))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void changeTopicNamesRejectProviderNamesThatAreNotTopicSafe() {
    assertThat(Topics.changesTopicName("aws")).isEqualTo("dnsplane.changes.aws");
    assertThatThrownBy(() -> Topics.changesTopicName("AWS prod")).isInstanceOf(IllegalArgumentException.class);
  }
}
