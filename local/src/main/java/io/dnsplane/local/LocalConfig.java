package io.dnsplane.local;

import io.dnsplane.runtime.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The single-process pipeline's settings. {@code examples} holds {@code clusters/<id>/*.yaml} (one
 * mock cluster per folder) and {@code zones/*.zone} (the provider's zones). {@code provider}: inmemory
 * (default), aws or cloudflare. {@code kafkaSecurity}: a SASL_SSL broker instead of PLAINTEXT, when set;
 * {@code schemaRegistryUrl}: Confluent's wire format on that registry, when set; {@code externalKafka}: a
 * broker that runs elsewhere instead of the embedded one, when set.
 */
public record LocalConfig(Path stateDir, Path examples, int dnsPort, int partitions, Duration heartbeatInterval,
    Duration driftInterval, String provider, KafkaSecurity kafkaSecurity, String schemaRegistryUrl,
    KafkaConnection externalKafka) {
  public LocalConfig {
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(examples, "examples");
    if (dnsPort < 0 || dnsPort > 65535) {
      throw new IllegalArgumentException("DNS port out of range: " + dnsPort);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
    }
    heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(5) : heartbeatInterval;
    driftInterval = driftInterval == null ? Duration.ofMinutes(1) : driftInterval;
    provider = provider == null ? "inmemory" : provider;
    if (!LocalDns.PROVIDERS.contains(provider)) {
      throw new IllegalArgumentException("--provider must be one of " + LocalDns.PROVIDERS + ": " + provider);
    }
  }

  public LocalConfig(Path stateDir, Path examples, int dnsPort, int partitions, Duration heartbeatInterval,
      Duration driftInterval) {
    this(stateDir, examples, dnsPort, partitions, heartbeatInterval, driftInterval, null, null, null, null);
  }

  public LocalConfig withProvider(String newProvider) {
    return new LocalConfig(stateDir, examples, dnsPort, partitions, heartbeatInterval, driftInterval, newProvider,
        kafkaSecurity, schemaRegistryUrl, externalKafka);
  }

  /** The embedded broker's client listener becomes SASL_SSL with this certificate and user (null: PLAINTEXT). */
  public LocalConfig withKafkaSecurity(KafkaSecurity security) {
    return new LocalConfig(stateDir, examples, dnsPort, partitions, heartbeatInterval, driftInterval, provider, security,
        schemaRegistryUrl, externalKafka);
  }

  /** Every shared topic in Confluent's wire format on this registry (null: single-object encoding). */
  public LocalConfig withSchemaRegistry(String url) {
    return new LocalConfig(stateDir, examples, dnsPort, partitions, heartbeatInterval, driftInterval, provider,
        kafkaSecurity, url, externalKafka);
  }

  /** A Kafka that runs elsewhere (a container) instead of the embedded broker. */
  public LocalConfig withExternalKafka(KafkaConnection kafka) {
    return new LocalConfig(stateDir, examples, dnsPort, partitions, heartbeatInterval, driftInterval, provider,
        kafkaSecurity, schemaRegistryUrl, kafka);
  }

  public LocalConfig(Path stateDir, Path examples, int dnsPort, int partitions, Duration heartbeatInterval) {
    this(stateDir, examples, dnsPort, partitions, heartbeatInterval, null);
  }
}
