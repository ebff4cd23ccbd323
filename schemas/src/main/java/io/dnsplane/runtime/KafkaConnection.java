package io.dnsplane.runtime;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How every dnsplane client reaches Kafka: the bootstrap servers and any standard client property
 * (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.truststore.location, ...). Each
 * producer, consumer, admin client and Streams app starts from {@link #clientProperties()} and adds
 * only what its own job needs, so a secured cluster (TLS, SASL SCRAM or PLAIN: MSK, Confluent
 * Cloud, Strimzi) is reached the same way by all of them.
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> properties) {
  /**
   * Properties dnsplane sets itself per client (serdes, groups, transactions, Streams' ids): a user
   * setting one would silently break exactly-once or ordering, so it is refused at start.
   */
  static final Set<String> OWNED_BY_DNSPLANE = Set.of(
      "bootstrap.servers", "key.serializer", "value.serializer", "key.deserializer", "value.deserializer",
      "group.id", "group.instance.id", "transactional.id", "enable.idempotence", "isolation.level",
      "enable.auto.commit", "auto.offset.reset", "application.id", "processing.guarantee",
      "default.key.serde", "default.value.serde", "state.dir", "partition.assignment.strategy");

  /** Property names whose values are secrets: never logged. */
  private static final Pattern SECRET_PROPERTY = Pattern.compile(
      ".*(password|secret|jaas\\.config|user\\.info|credentials|token).*");

  public KafkaConnection {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("--kafka-bootstrap-servers must not be empty");
    }
    Map<String, String> copy = new TreeMap<>();
    (properties == null ? Map.<String, String>of() : properties).forEach((k, v) -> {
      String key = k.trim();
      if (OWNED_BY_DNSPLANE.contains(key)) {
        throw new IllegalArgumentException("Kafka property " + key + " is set by dnsplane itself"
            + (key.equals("bootstrap.servers") ? "; use --kafka-bootstrap-servers" : " and cannot be overridden"));
      }
      copy.put(key, v);
    });
    properties = Map.copyOf(copy);
  }

  /** A cluster reached without security settings (local mode, tests). */
  public static KafkaConnection plaintext(String bootstrapServers) {
    return new KafkaConnection(bootstrapServers, Map.of());
  }

  /** A fresh Properties for one client: the bootstrap servers and every user property. */
  public Properties clientProperties() {
    Properties props = new Properties();
    props.putAll(properties);
    props.put("bootstrap.servers", bootstrapServers);
    return props;
  }

  /** The listener's security protocol, as Kafka's clients default it. */
  public String securityProtocol() {
    return properties.getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
  }

  public static boolean isSecret(String propertyName) {
    return SECRET_PROPERTY.matcher(propertyName.toLowerCase(Locale.ROOT)).matches();
  }

  /** The properties with secret values masked, for logs. */
  public Map<String, String> masked() {
    Map<String, String> shown = new TreeMap<>();
    properties.forEach((k, v) -> shown.put(k, isSecret(k) ? EffectiveConfig.MASK : v));
    return shown;
  }

  @Override
  public String toString() {
    return "KafkaConnection[bootstrapServers=" + bootstrapServers + ", properties=" + masked() + "]";
  }
}
