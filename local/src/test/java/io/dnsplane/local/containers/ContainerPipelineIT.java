package io.dnsplane.local.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.spi.Zone;
import io.dnsplane.local.LocalConfig;
import io.dnsplane.local.LocalPipeline;
import io.dnsplane.model.Endpoint;
import io.dnsplane.runtime.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The pipeline scenarios against a real Kafka broker and schema registry in containers, as on a
 * developer's machine with Docker: watchers, planner and applier (in this JVM) reach the containers
 * through their mapped ports. Without a Docker engine JUnit reports this class skipped, with
 * Testcontainers' reason ("No Docker environment is available"); the same scenarios run on the
 * in-process broker and Apicurio in PipelineEndToEndIT and SchemaRegistryIT.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPipelineIT {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @Container
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

  @Container
  static final GenericContainer<?> REGISTRY = new GenericContainer<>("apicurio/apicurio-registry-mem:2.6.13.Final")
      .withExposedPorts(8080)
      .waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects").forStatusCode(200));

  @TempDir
  Path stateDir;

  @Test
  void theExamplesConvergeOnContainerKafkaWithTheRegistry() {
    String registry = "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8080) + "/apis/ccompat/v7";
    try (LocalPipeline pipeline = LocalPipeline.start(new LocalConfig(stateDir, EXAMPLES, 0, 3, Duration.ofSeconds(1),
        Duration.ofSeconds(30)).withExternalKafka(KafkaConnection.plaintext(KAFKA.getBootstrapServers()))
        .withSchemaRegistry(registry))) {
      Zone zone = new Zone("example.com", "example.com");
      await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(pipeline.provider().records(zone))
          .filteredOn(e -> e.recordType().equals("A"))
          .extracting(e -> e.dnsName() + " " + e.targets())
          .contains("app.example.com " + List.of("192.0.2.10", "192.0.2.20"), "api.example.com [192.0.2.30]",
              "legacy.example.com [198.51.100.1]"));
      assertThat(pipeline.provider().records(zone)).extracting(Endpoint::dnsName).doesNotContain("a-legacy.example.com");
    }
  }
}
