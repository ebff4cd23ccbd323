package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.planner.PlannerConfig;
import io.dnsplane.planner.PlannerMain;
import io.dnsplane.planner.PlannerService;
import io.dnsplane.planner.ownership.TxtRegistryConfig;
import io.dnsplane.planner.plan.Policy;
import io.dnsplane.runtime.Cli;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Secrets (the Kafka SASL password, the Cloudflare API token, the TXT AES key) never appear in
 * what dnsplane produces: every log line of the whole pipeline (dnsplane's own at DEBUG), the
 * effective configuration a service logs and the error it stops with, its metrics, and every
 * record of every topic, internal ones included (statuses, audit log, changelogs, dead letters).
 */
class SecretsNeverLeakIT {
  private static final String AES_KEY = "s3cr3t-aes-key-0123456789abcdefg".substring(0, 32);

  @TempDir
  Path stateDir;

  @Test
  void noSecretAppearsInLogsMetricsOrTopics() throws Exception {
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(logging);
    captured.start();
    Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger ours = logging.getLogger("io.dnsplane");
    Level ourLevel = ours.getLevel();
    root.addAppender(captured);
    ours.setLevel(Level.DEBUG);
    KafkaSecurity security = KafkaSecurity.generate(stateDir.resolve("tls"), "dnsplane");
    List<String> secrets = List.of(security.password(), security.storePassword(), LocalDns.Cloudflare.TOKEN, AES_KEY);
    StringBuilder produced = new StringBuilder();
    try (LocalPipeline pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3,
        Duration.ofSeconds(1), Duration.ofSeconds(5)).withProvider("cloudflare").withKafkaSecurity(security))) {
      // A planner that writes TXT ownership encrypted with the key.
      pipeline.stopPlanner();
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      try (PlannerService planner = PlannerService.start(PlannerConfig.defaults(pipeline.connection(),
          stateDir.resolve("encrypting-planner"), Policy.SYNC).withApplicationId("encrypting-planner")
          .withTxtRegistry(new TxtRegistryConfig("", "", "", true, AES_KEY, Map.of())), pipeline.topics())) {
        var streamsMetrics = planner.bindMetrics(metrics);
        Ingresses.create(pipeline.clusters().get("cluster-a").client(), "vault", "vault.example.com", "192.0.2.91");
        try (var client = pipeline.newProviderClient()) {
          Zone zone = client.zones().get(0);
          await().atMost(Duration.ofSeconds(90)).until(() -> client.records(zone).stream()
              .anyMatch(e -> e.dnsName().equals("a-vault.example.com") && !e.targets().get(0).contains("heritage")));
        }
        produced.append(metrics.scrape());
        streamsMetrics.close();
      }

      // A service given every secret on its command line, stopped by a wrong Kafka password: its
      // effective configuration and its error are logged and printed.
      StringWriter err = new StringWriter();
      var main = Cli.commandLine(new PlannerMain(), Map.of("DNSPLANE_TXT_ENCRYPT_AES_KEY", AES_KEY));
      main.setErr(new PrintWriter(err, true));
      Map<String, String> wrong = security.clientProperties(KafkaSecurity.SCRAM, security.password() + "-not");
      List<String> args = new ArrayList<>(List.of("--policy=sync", "--kafka-bootstrap-servers=" + pipeline.bootstrapServers(),
          "--state-dir=" + stateDir.resolve("wrong"), "--metrics-address=127.0.0.1:0", "--txt-encrypt-enabled"));
      wrong.forEach((k, v) -> args.add("--kafka-property=" + k + "=" + v));
      assertThat(main.execute(args.toArray(String[]::new))).isEqualTo(1);
      produced.append(err);

      produced.append(everyRecordOfEveryTopic(pipeline));
    } finally {
      root.detachAppender(captured);
      ours.setLevel(ourLevel);
    }
    for (ILoggingEvent event : captured.list) {
      produced.append(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap()).append('\n');
      if (event.getThrowableProxy() != null) {
        produced.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
      }
    }
    assertThat(captured.list).as("the pipeline logged").hasSizeGreaterThan(20);
    assertThat(produced.toString()).contains("planner starting with", "refused to authenticate us",
        "--txt-encrypt-aes-key=****", "sasl.jaas.config=****", "dnsplane.apply-results");
    for (String secret : secrets) {
      assertThat(produced.toString()).as("a secret in what dnsplane produced").doesNotContain(secret);
    }
  }

  /** Every record of every topic the broker holds, keys, values and headers, as text. */
  private static String everyRecordOfEveryTopic(LocalPipeline pipeline) throws Exception {
    Properties props = pipeline.connection().clientProperties();
    StringBuilder all = new StringBuilder();
    try (Admin admin = Admin.create(props);
         KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
             new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : admin.listTopics().names().get()) {
        all.append(topic).append('\n');
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plusSeconds(60);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          append(all, r.key());
          append(all, r.value());
          for (Header h : r.headers()) {
            append(all, h.value());
          }
        }
      }
    }
    return all.toString();
  }

  private static void append(StringBuilder all, byte[] bytes) {
    if (bytes != null) {
      all.append(new String(bytes, StandardCharsets.ISO_8859_1)).append('\n');
    }
  }
}
