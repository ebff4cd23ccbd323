package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.PlannerMain;
import io.dnsplane.runtime.Cli;
import io.dnsplane.runtime.KafkaConnection;
import io.dnsplane.runtime.KafkaPreflight;
import io.dnsplane.runtime.KafkaPreflight.KafkaUnavailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The pipeline on a Kafka that needs TLS and SASL, as MSK, Confluent Cloud and Strimzi do: the
 * embedded broker's only client listener is SASL_SSL, its certificate made by this test, and every
 * service reaches it through standard client properties.
 */
class SecureKafkaIT {
  @TempDir
  static Path stateDir;

  static LocalPipeline pipeline;
  static KafkaSecurity security;

  @BeforeAll
  static void start() {
    security = KafkaSecurity.generate(stateDir.resolve("tls"), "dnsplane");
    pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3, Duration.ofSeconds(1),
        Duration.ofSeconds(2)).withKafkaSecurity(security));
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void thePipelineConvergesOverSaslSsl() {
    assertThat(pipeline.connection().securityProtocol()).isEqualTo("SASL_SSL");
    Zone zone = new Zone("example.com", "example.com");
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(pipeline.provider().records(zone))
        .filteredOn(e -> e.dnsName().equals("app.example.com") && e.recordType().equals("A"))
        .extracting(Endpoint::targets).containsExactly(List.of("192.0.2.10", "192.0.2.20")));
  }

  @Test
  void theListenerReallyWantsTlsAndSasl() {
    String bootstrap = pipeline.bootstrapServers();
    assertThatThrownBy(() -> KafkaPreflight.check(KafkaConnection.plaintext(bootstrap), Duration.ofSeconds(5)))
        .isInstanceOf(KafkaUnavailableException.class).hasMessageContaining("Kafka at " + bootstrap + " (PLAINTEXT)");
    Map<String, String> untrusted = new TreeMap<>(security.clientProperties(KafkaSecurity.SCRAM));
    untrusted.keySet().removeIf(k -> k.startsWith("ssl.truststore"));
    assertThatThrownBy(() -> KafkaPreflight.check(new KafkaConnection(bootstrap, untrusted), Duration.ofSeconds(10)))
        .isInstanceOf(KafkaUnavailableException.class)
        .hasMessageContaining("Kafka at " + bootstrap + " (SASL_SSL, SCRAM-SHA-512) refused to authenticate us");
  }

  @Test
  void scramAndPlainBothLogIn() {
    for (String mechanism : List.of(KafkaSecurity.SCRAM, KafkaSecurity.PLAIN)) {
      KafkaPreflight.check(new KafkaConnection(pipeline.bootstrapServers(), security.clientProperties(mechanism)),
          Duration.ofSeconds(20));
    }
  }

  @Test
  void aWrongPasswordStopsAServiceAtStartNamingTheListener() throws Exception {
    Properties client = new Properties();
    client.putAll(security.clientProperties(KafkaSecurity.SCRAM, "not-the-password"));
    Path file = stateDir.resolve("wrong.properties");
    try (var out = Files.newOutputStream(file)) {
      client.store(out, null);
    }
    StringWriter err = new StringWriter();
    CommandLine planner = Cli.commandLine(new PlannerMain());
    planner.setErr(new PrintWriter(err, true));
    int exit = planner.execute("--policy=sync", "--kafka-bootstrap-servers=" + pipeline.bootstrapServers(),
        "--kafka-config=" + file, "--state-dir=" + stateDir.resolve("wrong-planner"), "--metrics-address=127.0.0.1:0");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("dnsplane planner: Kafka at " + pipeline.bootstrapServers() + " (SASL_SSL, SCRAM-SHA-512)"
            + " refused to authenticate us")
        .contains("invalid credentials")
        .doesNotContain("not-the-password");
  }
}
