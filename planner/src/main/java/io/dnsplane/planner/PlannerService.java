package io.dnsplane.planner;

import io.dnsplane.planner.topology.PlannerTopology;
import io.dnsplane.schema.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running planner: its topology on a KafkaStreams instance. */
public final class PlannerService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PlannerService.class);
  private final KafkaStreams streams;
  private final KafkaProducer<byte[], byte[]> deadLetters;

  private PlannerService(KafkaStreams streams, KafkaProducer<byte[], byte[]> deadLetters) {
    this.streams = streams;
    this.deadLetters = deadLetters;
  }

  public static PlannerService start(PlannerConfig config, Topics topics) {
    config = keepNameEvents(config);
    Properties props = config.kafka().clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-dead-letters");
    KafkaProducer<byte[], byte[]> deadLetters = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    PlannerConfig planner = config;
    KafkaStreams streams = new KafkaStreams(PlannerTopology.buildTopology(planner, topics, record ->
        deadLetters.send(record, (m, e) -> {
          if (e != null) {
            log.error("cannot send a dead letter to {}: {}", record.topic(), e.toString());
          }
        })), PlannerTopology.streamsProperties(planner));
    recordStateChanges(streams, config, topics, deadLetters);
    streams.setUncaughtExceptionHandler(e -> {
      log.error("planner stream thread failed; replacing it", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.start();
    log.info("planner {} started", config.applicationId());
    return new PlannerService(streams, deadLetters);
  }

  /**
   * The name events are kept for --replay-window. Kafka Streams creates the repartition topic with
   * that retention, but leaves an existing one (created by an earlier version, kept for ever and
   * purged once read) as it is: its retention is set here. Where it cannot be (no ALTER_CONFIGS
   * right), the planner purges as before, so the topic never grows without bound; replay then reads
   * the source topics.
   */
  private static PlannerConfig keepNameEvents(PlannerConfig config) {
    if (config.replayWindow().isZero()) {
      return config;
    }
    String topic = io.dnsplane.planner.topology.PlannerStores.nameEventsTopic(config.applicationId());
    org.apache.kafka.common.config.ConfigResource resource = new org.apache.kafka.common.config.ConfigResource(
        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
    String retention = Long.toString(config.replayWindow().toMillis());
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
        config.kafka().clientProperties())) {
      if (!admin.listTopics().names().get().contains(topic)) {
        return config;
      }
      var current = admin.describeConfigs(java.util.List.of(resource)).all().get().get(resource)
          .get(org.apache.kafka.common.config.TopicConfig.RETENTION_MS_CONFIG);
      if (current == null || !retention.equals(current.value())) {
        admin.incrementalAlterConfigs(java.util.Map.of(resource, java.util.List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
            new org.apache.kafka.clients.admin.ConfigEntry(org.apache.kafka.common.config.TopicConfig.RETENTION_MS_CONFIG,
                retention), org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get();
        log.info("{} keeps its name events for {} (--replay-window)", topic, config.replayWindow());
      }
      return config;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return config.withReplayWindow(Duration.ZERO);
    } catch (java.util.concurrent.ExecutionException e) {
      log.error("cannot keep {} for --replay-window ({}); it is purged once read, and replay reads the source topics",
          topic, e.getCause().toString());
      return config.withReplayWindow(Duration.ZERO);
    }
  }

  /**
   * Records each state change of this instance on {@link Topics#PLANNER_EVENTS}: when it began
   * processing, paused for a rebalance, stopped. Records that waited meanwhile were planned when it
   * ran again, which a replay must know to plan them as it did.
   */
  private static void recordStateChanges(KafkaStreams streams, PlannerConfig config, Topics topics,
      KafkaProducer<byte[], byte[]> producer) {
    var topic = topics.plannerEvents();
    io.dnsplane.avro.PlannerKey key = new io.dnsplane.avro.PlannerKey(config.applicationId(),
        java.util.UUID.randomUUID().toString());
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    String host = System.getenv().getOrDefault("HOSTNAME", "");
    streams.setStateListener((now, before) -> {
      io.dnsplane.avro.PlannerEvent event = new io.dnsplane.avro.PlannerEvent(now.name(), before.name(),
          java.time.Instant.now(), host);
      producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic.name(), keyBytes,
          topic.valueSerde().serializer().serialize(topic.name(), event)), (m, e) -> {
            if (e != null) {
              log.warn("cannot record the planner's state {} on {}: {}", now, topic.name(), e.toString());
            }
          });
    });
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Its stream threads run or are being rebalanced (/healthz). */
  public boolean isAlive() {
    KafkaStreams.State state = streams.state();
    return state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED;
  }

  /** Processing: every task restored and running (/readyz). */
  public boolean isReady() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  /** Kafka Streams' own metrics (records processed, lag, state store latencies...) into the registry. */
  public io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics bindMetrics(
      io.micrometer.core.instrument.MeterRegistry registry) {
    var metrics = new io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics(streams);
    metrics.bindTo(registry);
    return metrics;
  }

  @Override
  public void close() {
    // Leave the group: without static membership a closed member would keep its tasks until the
    // session times out (45 s), and a restarted or standby planner would wait that long (SoakIT).
    streams.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
        org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
    deadLetters.close(Duration.ofSeconds(5));
    log.info("planner stopped");
  }
}
