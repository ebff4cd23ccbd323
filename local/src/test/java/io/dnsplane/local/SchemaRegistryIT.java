package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.spi.Zone;
import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.PlannerMain;
import io.dnsplane.runtime.Cli;
import io.dnsplane.schema.ContractSchemas;
import io.dnsplane.schema.Topics;
import io.dnsplane.schema.registry.ConfluentWireFormat;
import io.dnsplane.schema.registry.ConfluentWireFormat.SchemaRefusedException;
import io.dnsplane.schema.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Confluent's wire format against a real schema registry (Apicurio Registry's Confluent API): the
 * pipeline converges with every shared topic framed by registry ids, the bytes after the 5-byte
 * header are plain Avro, an evolved schema is accepted, an incompatible one refused with the rule's
 * name, and a registry that does not answer is retried, then stops a service at start.
 */
class SchemaRegistryIT {
  @TempDir
  static Path stateDir;

  static ApicurioRegistry registry;
  static LocalPipeline pipeline;

  @BeforeAll
  static void start() throws Exception {
    registry = ApicurioRegistry.start(stateDir.resolve("logs"));
    pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3, Duration.ofSeconds(1),
        Duration.ofSeconds(2)).withSchemaRegistry(registry.url()));
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private static SchemaRegistryClient client(Duration timeout) {
    return new SchemaRegistryClient(registry.url(), Map.of(), timeout);
  }

  @Test
  void thePipelineConvergesWithConfluentFraming() {
    Zone zone = new Zone("example.com", "example.com");
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(pipeline.provider().records(zone))
        .filteredOn(e -> e.dnsName().equals("app.example.com") && e.recordType().equals("A"))
        .extracting(Endpoint::targets).containsExactly(List.of("192.0.2.10", "192.0.2.20")));
  }

  @Test
  void everyValueIsARegistryIdAndPlainAvro() throws Exception {
    // Each watcher writes its own cluster's desire topic, each with its registry subject.
    List<ConsumerRecord<byte[], byte[]>> values = new ArrayList<>();
    Properties props = pipeline.connection().clientProperties();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String cluster : List.of("cluster-a", "cluster-b")) {
        consumer.partitionsFor(pipeline.topics().desiredEndpointsOf(cluster).name())
            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Instant deadline = Instant.now().plusSeconds(60);
      while (values.size() < 3 && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.value() != null) {
            values.add(r);
          }
        }
      }
    }
    assertThat(values).hasSizeGreaterThanOrEqualTo(3);
    for (ConsumerRecord<byte[], byte[]> record : values) {
      byte[] value = record.value();
      int registered = client(Duration.ofSeconds(10)).lookup(ConfluentWireFormat.subject(record.topic(), false),
          ContractSchemas.schemaOf(DesiredEndpoints.class)).orElseThrow();
      assertThat(value[0]).isZero();
      int id = ByteBuffer.wrap(value, 1, 4).getInt();
      assertThat(id).isEqualTo(registered);
      // Plain Avro after the header, with the writer schema the registry gives for the id.
      Schema writer = new Schema.Parser().parse(new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(registry.call("GET", "/schemas/ids/" + id, null).body()).path("schema").asText());
      GenericRecord decoded = new GenericDatumReader<GenericRecord>(writer)
          .read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
      assertThat(decoded.get("clusterId").toString()).isIn("cluster-a", "cluster-b");
    }
  }

  @Test
  void anEvolvedSchemaIsAcceptedAndReadByTodaysCode() throws Exception {
    String topic = "evolve-test";
    String subject = ConfluentWireFormat.subject(topic, false);
    Schema current = ContractSchemas.schemaOf(DesiredEndpoints.class);
    SchemaRegistryClient client = client(Duration.ofSeconds(10));
    client.register(subject, current);
    assertThat(registry.call("PUT", "/config/" + subject, "{\"compatibility\":\"FULL\"}").statusCode()).isEqualTo(200);
    // A later version adds an optional field with a default: compatible both ways.
    Schema evolved = addField(current, SchemaBuilder.builder().nullable().stringType(), "region");
    int evolvedId = client.register(subject, evolved);

    // The builder fills every field this test does not name with its default.
    GenericRecord record = new org.apache.avro.generic.GenericRecordBuilder(evolved)
        .set("clusterId", "cluster-z")
        .set("ownerId", "cluster-z")
        .set("resource", "ingress/default/x")
        .set("resourceVersion", "1")
        .set("endpoints", List.of())
        .set("observedAt", 0L)
        .set("region", "eu-west-1")
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(evolvedId).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(evolved).write(record, encoder);
    encoder.flush();

    DesiredEndpoints read = new ConfluentWireFormat(client, true).serde(DesiredEndpoints.class, false)
        .deserializer().deserialize(topic, out.toByteArray());
    assertThat(read.getClusterId()).isEqualTo("cluster-z");
  }

  @Test
  void anIncompatibleSchemaIsRefusedNamingTheSubjectAndTheRule() throws Exception {
    String topic = "refuse-test";
    String subject = ConfluentWireFormat.subject(topic, false);
    Schema current = ContractSchemas.schemaOf(DesiredEndpoints.class);
    SchemaRegistryClient client = client(Duration.ofSeconds(10));
    client.register(subject, current);
    registry.call("PUT", "/config/" + subject, "{\"compatibility\":\"FULL\"}");
    // A required field with no default cannot be read from old data: FULL refuses it.
    Schema incompatible = addField(current, SchemaBuilder.builder().stringType(), "mandatory");
    assertThatThrownBy(() -> new ConfluentWireFormat(client, true).idOf(topic, false, incompatible))
        .isInstanceOf(SchemaRefusedException.class)
        .hasMessageContaining("refuses dnsplane's schema for subject refuse-test-value")
        .hasMessageContaining("compatibility rule (FULL)");
    // Without auto-registration, a subject that lacks our schema is said to, with what its rule would do.
    assertThatThrownBy(() -> new ConfluentWireFormat(client, false).idOf(topic, false, incompatible))
        .isInstanceOf(SchemaRefusedException.class)
        .hasMessageContaining("does not hold dnsplane's schema, and auto-registration is off")
        .hasMessageContaining("the subject's rule (FULL) would refuse it");
  }

  @Test
  void aRegistryThatDoesNotAnswerIsRetriedThenStopsAServiceAtStart() throws Exception {
    int port = EmbeddedKafka.freePort();
    String url = "http://127.0.0.1:" + port + "/apis/ccompat/v7";

    // Nobody answers: the planner stops at start, saying so, and has written nothing.
    StringWriter err = new StringWriter();
    CommandLine planner = Cli.commandLine(new PlannerMain());
    planner.setErr(new PrintWriter(err, true));
    int exit = planner.execute("--policy=sync", "--kafka-bootstrap-servers=" + pipeline.bootstrapServers(),
        "--schema-registry-url=" + url, "--schema-registry-timeout=PT2S", "--application-id=registry-down",
        "--state-dir=" + stateDir.resolve("down-planner"), "--metrics-address=127.0.0.1:0");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("dnsplane planner: the schema registry at " + url + "/ did not answer within PT2S");

    // A serializer with no id writes nothing: it throws, it never falls back to another framing.
    SchemaRegistryClient down = new SchemaRegistryClient(url, Map.of(), Duration.ofSeconds(1));
    assertThatThrownBy(() -> new ConfluentWireFormat(down, true).serde(DesiredEndpoints.class, false).serializer()
        .serialize("any-topic", DesiredEndpoints.newBuilder().setClusterId("c").setOwnerId("c").setResource("r")
            .setObservedAt(Instant.EPOCH).build()))
        .isInstanceOf(SerializationException.class).hasMessageContaining("no schema registry id for any-topic-value");

    // Retried: a registry that comes up while a service waits is used.
    SchemaRegistryClient patient = new SchemaRegistryClient(url, Map.of(), Duration.ofSeconds(90));
    CompletableFuture<Integer> id = CompletableFuture.supplyAsync(() -> new ConfluentWireFormat(patient, true)
        .idOf("late-test", false, ContractSchemas.schemaOf(DesiredEndpoints.class)));
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !id.isDone());
    try (ApicurioRegistry late = ApicurioRegistry.start(stateDir.resolve("logs"), port)) {
      assertThat(id.get(90, TimeUnit.SECONDS)).isPositive();
    }
  }

  private static Schema addField(Schema schema, Schema type, String name) {
    List<Schema.Field> fields = new ArrayList<>();
    schema.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    fields.add(type.isNullable() ? new Schema.Field(name, type, null, Schema.Field.NULL_DEFAULT_VALUE)
        : new Schema.Field(name, type, null, (Object) null));
    return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }
}
