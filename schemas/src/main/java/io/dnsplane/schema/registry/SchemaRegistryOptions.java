package io.dnsplane.schema.registry;

import io.dnsplane.schema.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a service's topics take their framing from (a picocli mixin of every command): with
 * {@code --schema-registry-url}, Confluent's wire format and subjects on a Confluent-compatible
 * registry; without it, Avro single-object encoding with the schemas in the jar.
 */
public final class SchemaRegistryOptions {
  @Option(names = "--schema-registry-url", description = "A Confluent-compatible schema registry (Confluent's own,"
      + " Apicurio's /apis/ccompat/v7, ...): topics then carry Confluent's wire format. Default: none, Avro"
      + " single-object encoding.")
  String url;

  @Option(names = "--schema-registry-property", paramLabel = "KEY=VALUE", description = "A registry client setting as"
      + " Confluent's clients name it: basic.auth.credentials.source=USER_INFO, basic.auth.user.info=USER:PASSWORD,"
      + " schema.registry.ssl.truststore.location, ...truststore.password, ...keystore.location (repeatable).")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(names = "--auto-register", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Register dnsplane's schemas on first use; --no-auto-register only looks them up (default: ${DEFAULT-VALUE}).")
  boolean autoRegister;

  @Option(names = "--schema-registry-timeout", defaultValue = "PT60S", description = "ISO-8601 duration a registry that"
      + " does not answer is retried for, at start and later (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  public boolean enabled() {
    return url != null && !url.isBlank();
  }

  /** The topics, framed as configured; no registry call yet. */
  public Topics topics() {
    return enabled() ? confluent(url, properties, timeout, autoRegister) : Topics.singleObjectEncoding();
  }

  /** Topics in Confluent's wire format on the registry at {@code url} (Confluent's client settings). */
  public static Topics confluent(String url, Map<String, String> properties, Duration timeout, boolean autoRegister) {
    return new Topics(new ConfluentWireFormat(new SchemaRegistryClient(url, properties, timeout), autoRegister));
  }

  /**
   * The topics, with every schema a pipeline serving {@code providers} writes registered or looked up
   * now: a refused schema or a registry that does not answer stops the service here, at start.
   */
  public Topics preparedTopics(List<String> providers) {
    return preparedTopics(providers, List.of());
  }

  /** As above, with these clusters' own desire topics. */
  public Topics preparedTopics(List<String> providers, List<String> clusters) {
    Topics topics = topics();
    topics.prepare(providers, clusters);
    return topics;
  }
}
