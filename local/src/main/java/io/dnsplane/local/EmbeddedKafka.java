package io.dnsplane.local;

import io.dnsplane.runtime.KafkaConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) inside this JVM, on
 * 127.0.0.1 and free ports. Its storage is formatted with Kafka's own StorageTool and the server is
 * Kafka's own KafkaRaftServer: the same code a Kafka distribution runs, minus the scripts.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

  private final Properties config;
  private final String bootstrapServers;
  private final KafkaConnection connection;
  private KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafka(Properties config, KafkaRaftServer server, String bootstrapServers, KafkaConnection connection) {
    this.config = config;
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.connection = connection;
  }

  /** Formats {@code dataDir} (which must be empty or absent) and starts the broker; returns once it serves. */
  public static EmbeddedKafka start(Path dataDir) {
    return start(dataDir, null);
  }

  /**
   * As {@link #start(Path)}; with {@code security}, the broker's one client listener is SASL_SSL
   * and {@link #connection()} logs in with SCRAM-SHA-512.
   */
  public static EmbeddedKafka start(Path dataDir, KafkaSecurity security) {
    return start(dataDir, security, java.util.Map.of());
  }

  /** As above, with broker settings of the caller's on top (an authorizer, say). */
  public static EmbeddedKafka start(Path dataDir, KafkaSecurity security, java.util.Map<String, String> overrides) {
    try {
      Files.createDirectories(dataDir);
      int brokerPort = freePort();
      int controllerPort = freePort();
      Properties props = new Properties();
      props.put("process.roles", "broker,controller");
      props.put("node.id", "1");
      props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
      props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
      props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
      props.put("controller.listener.names", "CONTROLLER");
      props.put("inter.broker.listener.name", "PLAINTEXT");
      props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
      props.put("log.dirs", dataDir.resolve("logs").toString());
      props.put("offsets.topic.replication.factor", "1");
      props.put("offsets.topic.num.partitions", "3");
      props.put("transaction.state.log.replication.factor", "1");
      props.put("transaction.state.log.min.isr", "1");
      props.put("transaction.state.log.num.partitions", "3");
      props.put("share.coordinator.state.topic.replication.factor", "1");
      props.put("group.initial.rebalance.delay.ms", "0");
      props.put("num.partitions", "1");
      props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
      if (security != null) {
        props.putAll(security.brokerProperties(brokerPort, controllerPort));
      }
      props.putAll(overrides);
      Path propsFile = dataDir.resolve("server.properties");
      try (var out = Files.newOutputStream(propsFile)) {
        props.store(out, "dnsplane embedded broker");
      }
      format(propsFile, security);
      KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      String bootstrap = "127.0.0.1:" + brokerPort;
      KafkaConnection connection = security == null ? KafkaConnection.plaintext(bootstrap)
          : new KafkaConnection(bootstrap, security.clientProperties(KafkaSecurity.SCRAM));
      awaitReady(connection, Duration.ofSeconds(60));
      log.info("embedded Kafka broker ready at {} ({})", bootstrap, connection.securityProtocol());
      return new EmbeddedKafka(props, server, bootstrap, connection);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Kafka broker in " + dataDir, e);
    }
  }

  private static void format(Path propsFile, KafkaSecurity security) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("format", "--cluster-id",
        Uuid.randomUuid().toString(), "--config", propsFile.toString(), "--standalone"));
    if (security != null) {
      args.addAll(java.util.List.of("--add-scram", security.scramCredential()));
    }
    int exit = StorageTool.execute(args.toArray(String[]::new), new PrintStream(output, true, StandardCharsets.UTF_8));
    if (exit != 0) {
      throw new IllegalStateException("kafka-storage format failed: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  private static void awaitReady(KafkaConnection connection, Duration timeout) {
    Properties props = connection.clientProperties();
    Instant deadline = Instant.now().plus(timeout);
    try (Admin admin = Admin.create(props)) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("embedded Kafka broker not ready after " + timeout, e);
          }
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** How clients reach this broker. */
  public KafkaConnection connection() {
    return connection;
  }

  /**
   * Stops the broker as an operator's restart does (a controlled shutdown: logs flushed, clients
   * disconnected), keeps it down for {@code downtime}, then starts it again on the same ports and
   * data; returns once it serves. Kafka's server cannot start twice, so a new one is made.
   */
  public synchronized void restart(Duration downtime) {
    if (closed) {
      throw new IllegalStateException("the broker is closed");
    }
    server.shutdown();
    server.awaitShutdown();
    log.info("embedded Kafka broker stopped for {}", downtime);
    try {
      Thread.sleep(downtime.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the broker was down", e);
    }
    server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
    server.startup();
    awaitReady(connection, Duration.ofSeconds(60));
    log.info("embedded Kafka broker started again at {}", bootstrapServers);
  }

  /** Stops the broker; safe to call twice (Kafka's own close is not). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    log.info("embedded Kafka broker stopped");
  }
}
