package io.dnsplane.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class CliTest {
  @Command(name = "svc")
  static final class Service {
    @Mixin
    KafkaOptions kafka = new KafkaOptions();
    @Mixin
    OpsOptions ops = new OpsOptions();
    @Option(names = "--policy", required = true)
    String policy;
    @Option(names = "--txt-encrypt-aes-key", defaultValue = "")
    String aesKey;
    @Option(names = "--cloudflare-api-token-file")
    Path tokenFile;
    @Option(names = "--domain-filter", split = ",")
    List<String> domains = List.of();
    @Option(names = "--dry-run")
    boolean dryRun;
  }

  private static Service parse(Map<String, String> env, String... args) {
    return Cli.populate(new Service(), env, args);
  }

  @ParameterizedTest
  @CsvSource({
      "--kafka-bootstrap-servers, DNSPLANE_KAFKA_BOOTSTRAP_SERVERS",
      "--txt-encrypt-aes-key, DNSPLANE_TXT_ENCRYPT_AES_KEY",
      "-v, DNSPLANE_V",
      "--aws-zone-type, DNSPLANE_AWS_ZONE_TYPE"})
  void everyFlagHasOneEnvironmentVariable(String flag, String variable) {
    assertThat(EnvironmentDefaults.variableOf(flag)).isEqualTo(variable);
  }

  @Test
  void theEnvironmentFillsWhatTheCommandLineLeavesOut() {
    Service s = parse(Map.of("DNSPLANE_POLICY", "upsert-only", "DNSPLANE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9093",
        "DNSPLANE_DOMAIN_FILTER", "example.com,example.org", "DNSPLANE_DRY_RUN", "true",
        "DNSPLANE_KAFKA_PROPERTY", "security.protocol=SSL"));
    assertThat(s.policy).isEqualTo("upsert-only");
    assertThat(s.kafka.connection().bootstrapServers()).isEqualTo("kafka:9093");
    assertThat(s.kafka.connection().properties()).containsEntry("security.protocol", "SSL");
    assertThat(s.domains).containsExactly("example.com", "example.org");
    assertThat(s.dryRun).isTrue();
  }

  @Test
  void theCommandLineWinsOverTheEnvironment() {
    Service s = parse(Map.of("DNSPLANE_POLICY", "upsert-only"), "--policy", "sync");
    assertThat(s.policy).isEqualTo("sync");
  }

  @Test
  void aRequiredFlagIsStillRequiredWithoutItsVariable() {
    assertThatThrownBy(() -> parse(Map.of())).isInstanceOf(CommandLine.MissingParameterException.class)
        .hasMessageContaining("--policy");
  }

  @Test
  void kafkaPropertiesComeFromAFileAndFlagsWinOverIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, """
        bootstrap.servers=broker-1:9094
        security.protocol=SASL_SSL
        sasl.mechanism=SCRAM-SHA-512
        sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="a" password="p";
        """);
    KafkaConnection fromFile = parse(Map.of(), "--policy", "sync", "--kafka-config", file.toString()).kafka.connection();
    assertThat(fromFile.bootstrapServers()).isEqualTo("broker-1:9094");
    assertThat(fromFile.securityProtocol()).isEqualTo("SASL_SSL");
    assertThat(fromFile.properties()).doesNotContainKey("bootstrap.servers");

    KafkaConnection overridden = parse(Map.of(), "--policy", "sync", "--kafka-config", file.toString(),
        "--kafka-bootstrap-servers", "other:9092", "--kafka-property", "sasl.mechanism=PLAIN").kafka.connection();
    assertThat(overridden.bootstrapServers()).isEqualTo("other:9092");
    assertThat(overridden.properties()).containsEntry("sasl.mechanism", "PLAIN").containsEntry("security.protocol", "SASL_SSL");
    assertThat(overridden.clientProperties()).containsEntry("bootstrap.servers", "other:9092");
  }

  @Test
  void withoutAnyKafkaFlagTheDefaultBrokerIsUsed() {
    assertThat(parse(Map.of(), "--policy", "sync").kafka.connection())
        .isEqualTo(KafkaConnection.plaintext(KafkaOptions.DEFAULT_BOOTSTRAP_SERVERS));
  }

  @Test
  void propertiesDnsplaneSetsItselfAreRefusedWithTheReason() {
    assertThatThrownBy(() -> parse(Map.of(), "--policy", "sync", "--kafka-property", "group.id=mine").kafka.connection())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group.id is set by dnsplane itself");
    assertThatThrownBy(() -> new KafkaConnection("x:1", Map.of("bootstrap.servers", "y:1")))
        .hasMessageContaining("use --kafka-bootstrap-servers");
    // As a client property it is Kafka's own name for the bootstrap servers, so it is taken as such.
    assertThat(parse(Map.of(), "--policy", "sync", "--kafka-property", "bootstrap.servers=x:1").kafka.connection())
        .isEqualTo(KafkaConnection.plaintext("x:1"));
  }

  @Test
  void theEffectiveConfigurationMasksSecretsWherEverTheyCameFrom() {
    Service s = parse(Map.of("DNSPLANE_TXT_ENCRYPT_AES_KEY", "0123456789abcdef0123456789abcdef"),
        "--policy", "sync", "--cloudflare-api-token-file", "/var/run/secrets/token",
        "--kafka-property", "sasl.jaas.config=ScramLoginModule required password=\"hunter2\";",
        "--kafka-property", "ssl.truststore.password=changeit", "--kafka-property", "security.protocol=SASL_SSL");
    List<String> lines = EffectiveConfig.describe(new CommandLine(s).getCommandSpec());
    String all = String.join("\n", lines);
    assertThat(all).doesNotContain("0123456789abcdef", "hunter2", "changeit")
        .contains("--txt-encrypt-aes-key=****", "--policy=sync", "--cloudflare-api-token-file=/var/run/secrets/token",
            "security.protocol=SASL_SSL", "sasl.jaas.config=****", "ssl.truststore.password=****");
    assertThat(s.kafka.connection().toString()).doesNotContain("hunter2", "changeit");
  }

  @Test
  void anEmptySecretIsShownEmptySoAMissingOneIsSeen() {
    Service s = parse(Map.of(), "--policy", "sync");
    assertThat(EffectiveConfig.describe(new CommandLine(s).getCommandSpec())).contains("--txt-encrypt-aes-key=");
  }

  @ParameterizedTest
  @CsvSource({"trace, TRACE", "debug, DEBUG", "info, INFO", "warning, WARN", "warn, WARN", "error, ERROR",
      "fatal, ERROR", "panic, ERROR"})
  void externalDnsLogLevelsMapToLogback(String flag, String level) {
    assertThat(Logging.level(flag).toString()).isEqualTo(level);
  }

  @Test
  void badLogSettingsFailNamingTheFlag() {
    assertThatThrownBy(() -> Logging.level("loud")).hasMessageContaining("--log-level");
    assertThatThrownBy(() -> Logging.format("xml")).hasMessageContaining("--log-format must be text or json");
  }
}
