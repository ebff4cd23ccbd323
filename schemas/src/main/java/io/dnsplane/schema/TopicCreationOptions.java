package io.dnsplane.schema;

import io.dnsplane.runtime.KafkaConnection;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** Whether a service creates the topics it needs at start, and how (a picocli mixin of the services). */
public final class TopicCreationOptions {
  @Option(names = "--create-topics", description = "Create missing topics at start, each with its cleanup policy"
      + " (in production, create them with your own tooling or the Helm chart's hook).")
  boolean createTopics;

  @Option(names = "--topic-partitions", defaultValue = "6", description = "Partitions of topics --create-topics"
      + " creates: the most replicas of one applier that share work (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--topic-replication-factor", defaultValue = "0", description = "Replication factor of topics"
      + " --create-topics creates; 0 for the broker's default.replication.factor (default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Option(names = "--topic-retention-ms", paramLabel = "TOPIC=MS", description = "retention.ms of a topic"
      + " --create-topics creates, -1 for ever (repeatable; compacted topics keep the latest value per key anyway).")
  Map<String, Long> retentionMs = new LinkedHashMap<>();

  @Option(names = "--audit-retention", defaultValue = "forever", paramLabel = "DURATION", description = "How long the"
      + " audit log (dnsplane.apply-results, dnsplane.dead-letter) and the plans (dnsplane.changes.*) keep what they"
      + " record: an ISO-8601 duration (P365D) or forever (default: ${DEFAULT-VALUE}); --topic-retention-ms for one"
      + " of them wins.")
  String auditRetention;

  @Option(names = "--replay-window", defaultValue = "P7D", paramLabel = "DURATION", description = "How long the"
      + " planner's compacted inputs (desire, heartbeats, zones, observations) keep every record before compaction"
      + " keeps only the latest per key (min.compaction.lag.ms), so ./dnsplane replay sees what the planner saw;"
      + " PT0S: compact at once (default: ${DEFAULT-VALUE}).")
  java.time.Duration replayWindow;

  public void ensure(KafkaConnection kafka, Collection<Topic<?, ?>> topics) {
    if (createTopics) {
      create(kafka, topics);
    }
  }

  /** Creates what is missing of {@code topics}, whatever --create-topics says. */
  public void create(KafkaConnection kafka, Collection<Topic<?, ?>> topics) {
    if (partitions < 1) {
      throw new IllegalArgumentException("--topic-partitions must be at least 1: " + partitions);
    }
    Set<String> names = topics.stream().map(Topic::name).collect(java.util.stream.Collectors.toSet());
    retentionMs.keySet().stream().filter(t -> !names.contains(t)).findFirst().ifPresent(t -> {
      throw new IllegalArgumentException("--topic-retention-ms names " + t + ", not a topic of this pipeline: " + names);
    });
    if (replayWindow.isNegative()) {
      throw new IllegalArgumentException("--replay-window must not be negative: " + replayWindow);
    }
    Map<String, Long> retention = TopicAdmin.auditRetention(topics, auditRetentionMs());
    retention.putAll(retentionMs);
    TopicAdmin.ensureTopics(kafka, topics, partitions, replicationFactor, retention, replayWindow);
  }

  /** --audit-retention as retention.ms: -1 for ever. */
  long auditRetentionMs() {
    if ("forever".equalsIgnoreCase(auditRetention.trim())) {
      return -1;
    }
    try {
      java.time.Duration d = java.time.Duration.parse(auditRetention.trim());
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("--audit-retention must be positive, or forever: " + auditRetention);
      }
      return d.toMillis();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("--audit-retention wants an ISO-8601 duration (P365D) or forever: "
          + auditRetention);
    }
  }
}
