package io.dnsplane.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The Kafka flags of every dnsplane command (a picocli mixin): where Kafka is and any client
 * property, from the command line or from a properties file as Kafka's own tools take
 * {@code --command-config}. Flags win over the file.
 */
public final class KafkaOptions {
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

  @Option(names = "--kafka-bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers of"
      + " --kafka-config, else " + DEFAULT_BOOTSTRAP_SERVERS + ").")
  String bootstrapServers;

  @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", description = "Any Kafka client property, e.g."
      + " security.protocol=SASL_SSL, sasl.mechanism=SCRAM-SHA-512, ssl.truststore.location=... (repeatable).")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(names = "--kafka-config", paramLabel = "FILE", description = "A properties file of Kafka client properties"
      + " (as Kafka's tools take --command-config); --kafka-property and --kafka-bootstrap-servers win over it.")
  Path configFile;

  public KafkaConnection connection() {
    Map<String, String> merged = new LinkedHashMap<>();
    if (configFile != null) {
      Properties file = new Properties();
      try (Reader in = Files.newBufferedReader(configFile)) {
        file.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read --kafka-config " + configFile + ": " + e.getMessage(), e);
      }
      file.stringPropertyNames().forEach(k -> merged.put(k, file.getProperty(k)));
    }
    merged.putAll(properties);
    String fromFile = merged.remove("bootstrap.servers");
    String bootstrap = bootstrapServers != null ? bootstrapServers
        : fromFile != null ? fromFile : DEFAULT_BOOTSTRAP_SERVERS;
    return new KafkaConnection(bootstrap, merged);
  }
}
