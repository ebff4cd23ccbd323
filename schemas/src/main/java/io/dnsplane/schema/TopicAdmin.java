package io.dnsplane.schema;

import io.dnsplane.runtime.KafkaConnection;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates missing topics with their cleanup policy. Existing topics are left as they are. */
public final class TopicAdmin {
  private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

  private TopicAdmin() {}

  /** @param replicationFactor 0 or less: the broker's default.replication.factor */
  public static void ensureTopics(KafkaConnection kafka, Collection<Topic<?, ?>> topics,
      int partitions, short replicationFactor) {
    ensureTopics(kafka, topics, partitions, replicationFactor, auditRetention(topics, -1), DEFAULT_REPLAY_WINDOW);
  }

  /** How long the planner's compacted inputs keep every record unless --replay-window says otherwise. */
  public static final java.time.Duration DEFAULT_REPLAY_WINDOW = java.time.Duration.ofDays(7);

  /** retention.ms of the audit logs among {@code topics} ({@link Topics#isAuditLog}): -1 keeps them for ever. */
  public static Map<String, Long> auditRetention(Collection<Topic<?, ?>> topics, long retentionMs) {
    Map<String, Long> retention = new java.util.TreeMap<>();
    topics.stream().map(Topic::name).filter(Topics::isAuditLog).forEach(t -> retention.put(t, retentionMs));
    return retention;
  }

  /**
   * @param retentionMs retention.ms by topic name, for those that should not keep the broker's default
   * @param replayWindow min.compaction.lag.ms of the planner's compacted inputs ({@link Topics#isPlannerInput})
   */
  public static void ensureTopics(KafkaConnection kafka, Collection<Topic<?, ?>> topics,
      int partitions, short replicationFactor, Map<String, Long> retentionMs, java.time.Duration replayWindow) {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = topics.stream()
          .filter(t -> !existing.contains(t.name()))
          .map(t -> new NewTopic(t.name(), Optional.of(partitions),
              replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty())
              .configs(configOf(t, retentionMs, replayWindow)))
          .toList();
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics on " + kafka.bootstrapServers() + ": " + e.getCause(), e);
    }
  }

  /** The clusters whose own desire topic exists ({@code dnsplane.desired-endpoints.<cluster>}), sorted. */
  public static java.util.List<String> clustersWithOwnTopic(KafkaConnection kafka) {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      return admin.listTopics().names().get().stream().map(Topics::clusterOfDesireTopic)
          .flatMap(java.util.Optional::stream).sorted().toList();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot list topics at " + kafka.bootstrapServers() + ": " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing topics", e);
    }
  }

  static Map<String, String> configOf(Topic<?, ?> topic, Map<String, Long> retentionMs, java.time.Duration replayWindow) {
    Map<String, String> config = new java.util.TreeMap<>();
    config.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanup().kafkaValue());
    if (topic.cleanup() == Topic.Cleanup.COMPACT && Topics.isPlannerInput(topic.name()) && !replayWindow.isZero()) {
      // Compaction keeps the latest record per key; a replay needs every record the planner read.
      config.put(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(replayWindow.toMillis()));
    }
    Long retention = retentionMs.get(topic.name());
    if (retention != null) {
      config.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention));
    }
    return config;
  }
}
