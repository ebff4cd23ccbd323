package io.dnsplane.planner.audit;

import io.dnsplane.runtime.KafkaOptions;
import io.dnsplane.schema.Topics;
import io.dnsplane.schema.registry.SchemaRegistryOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the audit commands share: where Kafka and the registry are, and how to print. */
public final class AuditOptions {
  /** Exit codes of the audit commands, beside picocli's 0, 1 and 2. */
  public static final int NOT_FOUND = 3;
  public static final int BEFORE_RETENTION = 4;
  public static final int UNKNOWN_ZONE = 5;
  /** The command could not do its work (Kafka unreachable, a topic unreadable): why is on standard error. */
  public static final int FAILED = 6;

  public enum Output { table, json }

  @Mixin
  KafkaOptions kafka = new KafkaOptions();

  @Mixin
  SchemaRegistryOptions schemaRegistry = new SchemaRegistryOptions();

  @Option(names = "--output", defaultValue = "table", description = "table (for people) or json (one object per"
      + " line, for jq and a SIEM) (default: ${DEFAULT-VALUE}).")
  Output output;

  AuditLog read() {
    return AuditLog.read(kafka.connection(), topics());
  }

  public Topics topics() {
    return schemaRegistry.topics();
  }

  public io.dnsplane.runtime.KafkaConnection connection() {
    return kafka.connection();
  }

  public boolean json() {
    return output == Output.json;
  }

  /** A time: ISO-8601 (2026-12-01T10:00:00Z), or a duration before now (PT2H, P1D). */
  public static final class Time implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return value.startsWith("P") || value.startsWith("-P")
            ? Instant.now().minus(Duration.parse(value.startsWith("-") ? value.substring(1) : value))
            : Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("a time is ISO-8601 like 2026-12-01T10:00:00Z, or a duration before now"
            + " like PT2H: " + value);
      }
    }
  }
}
