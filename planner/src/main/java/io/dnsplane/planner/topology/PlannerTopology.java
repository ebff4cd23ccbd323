package io.dnsplane.planner.topology;

import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.ObjectStatus;
import io.dnsplane.avro.ObjectStatusKey;
import io.dnsplane.avro.ObservedKey;
import io.dnsplane.avro.ObservedRecordSet;
import io.dnsplane.avro.ProviderZone;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.avro.planner.NameEvent;
import io.dnsplane.avro.planner.NameState;
import io.dnsplane.avro.planner.PendingRetry;
import io.dnsplane.planner.decision.NameDecider;
import io.dnsplane.planner.decision.PlannerOutput;
import io.dnsplane.planner.PlannerConfig;
import io.dnsplane.planner.ownership.TxtNameMapper;
import io.dnsplane.planner.plan.NamePlanner;
import io.dnsplane.planner.plan.Planner;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.Topics;
import io.dnsplane.schema.WireFormat;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The planner's Kafka Streams topology.
 *
 * <pre>
 * desired-endpoints (by object) --desire-fan-out[desired-by-source]--+
 *                                                                    +--> name-events (by DNS name)
 * observed-records (by zone+name) --observed-fan-out-----------------+        |
 *                                                                             v
 *     cluster-status (global) , provider-zones (global) ----> plan-names[name-state, pending-retries]
 *                                                                             |
 *                                                      changes.&lt;provider&gt; (by zone) <-+
 * </pre>
 * Every store, processor and internal topic is named, so upgrades keep their state.
 */
public final class PlannerTopology {
  private PlannerTopology() {}

  public static Topology buildTopology(PlannerConfig config, Topics topics) {
    return buildTopology(config, topics, record -> { });
  }

  /**
   * @param deadLetters where the global stores' unreadable records go (the stream threads' go through
   *     Kafka Streams' own dead-letter handling)
   */
  public static Topology buildTopology(PlannerConfig config, Topics topics,
      java.util.function.Consumer<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> deadLetters) {
    StreamsBuilder builder = new StreamsBuilder();
    Topic<SourceRef, DesiredEndpoints> desiredTopic = topics.desiredEndpoints();
    Topic<ObservedKey, ObservedRecordSet> observedTopic = topics.observedRecords();
    Topic<ClusterKey, ClusterHeartbeat> clusterTopic = topics.clusterStatus();
    Topic<ZoneRef, ProviderZone> zonesTopic = topics.providerZones();
    // The planner's own state and repartition topic keep the embedded framing, whatever the shared topics use.
    WireFormat internal = topics.internalFormat();
    Serde<NameEvent> nameEventSerde = internal.serde(NameEvent.class, false);
    Serde<NameState> nameStateSerde = internal.serde(NameState.class, false);
    Serde<ZoneRef> zoneRefSerde = topics.wireFormat().serde(ZoneRef.class, true);
    Serde<ChangeBatch> changeSerde = topics.wireFormat().serde(ChangeBatch.class, false);
    TxtNameMapper mapper = config.txt().mapper();

    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(PlannerStores.DESIRED_BY_SOURCE), internal.serde(SourceRef.class, true),
        internal.serde(DesiredEndpoints.class, false)));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(PlannerStores.NAME_STATE), Serdes.String(), nameStateSerde));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(PlannerStores.PENDING_RETRIES), Serdes.String(),
        internal.serde(PendingRetry.class, false)));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(PlannerStores.PENDING_NAMES), Serdes.String(), Serdes.String()));
    addGlobalMirror(builder, PlannerStores.CLUSTER_STATUS, clusterTopic, "cluster-status-source", topics, deadLetters);
    // Every cluster's own heartbeats, their origin checked, relayed to the shared topic the global store mirrors.
    builder.stream(Topics.CLUSTER_OWN_STATUS, Consumed.with(clusterTopic.keySerde(), clusterTopic.valueSerde())
            .withName("cluster-own-status-source"))
        .process(() -> new HeartbeatRelay(config.clusterOrigin()), Named.as("heartbeat-relay"))
        .to(clusterTopic.name(), Produced.with(clusterTopic.keySerde(), clusterTopic.valueSerde())
            .withName("cluster-status-sink"));
    addGlobalMirror(builder, PlannerStores.PROVIDER_ZONES, zonesTopic, "provider-zones-source", topics, deadLetters);

    // Every cluster's own topic (its origin checked by ClusterOrigin), and the shared one while watchers move off it.
    KStream<SourceRef, DesiredEndpoints> ownTopics = builder.stream(Topics.CLUSTER_DESIRED_ENDPOINTS,
        Consumed.with(desiredTopic.keySerde(), desiredTopic.valueSerde()).withName("cluster-desired-endpoints-source"));
    KStream<String, NameEvent> desire = builder
        .stream(desiredTopic.name(), Consumed.with(desiredTopic.keySerde(), desiredTopic.valueSerde())
            .withName("desired-endpoints-source"))
        .merge(ownTopics, Named.as("desired-endpoints-merge"))
        .process(() -> new DesireFanOut(config.clusterOrigin()), Named.as("desire-fan-out"), PlannerStores.DESIRED_BY_SOURCE);
    KStream<String, NameEvent> observed = builder
        .stream(observedTopic.name(), Consumed.with(observedTopic.keySerde(), observedTopic.valueSerde())
            .withName("observed-records-source"))
        .flatMap(new ObservedFanOut(mapper), Named.as("observed-fan-out"));

    NameDecider decider = new NameDecider(new NamePlanner(new Planner(config.plannedRecordTypes()), config.policy(),
        config.txt().registry()), NameDecider.Settings.of(config));
    KStream<String, PlannerOutput> outputs = desire.merge(observed, Named.as("name-events-merge"))
        .repartition(Repartitioned.with(Serdes.String(), nameEventSerde).withName(PlannerStores.NAME_EVENTS))
        .process(() -> new NamePlanProcessor(decider, config), Named.as("plan-names"),
            PlannerStores.NAME_STATE, PlannerStores.PENDING_RETRIES, PlannerStores.PENDING_NAMES);
    outputs
        .flatMap((name, out) -> out instanceof PlannerOutput.Batch b ? List.of(KeyValue.pair(b.zone(), b.batch())) : List.of(),
            Named.as("change-batches"))
        .to((zone, batch, recordContext) -> Topics.changesTopicName(zone.getProvider()),
            Produced.with(zoneRefSerde, changeSerde).withName("change-batches-sink"));
    Topic<ObjectStatusKey, ObjectStatus> statusTopic = topics.objectStatus();
    outputs
        .flatMap((name, out) -> out instanceof PlannerOutput.Status s ? List.of(KeyValue.pair(s.key(), s.status())) : List.of(),
            Named.as("object-statuses"))
        .to(statusTopic.name(), Produced.with(statusTopic.keySerde(), statusTopic.valueSerde()).withName("object-status-sink"));
    return builder.build();
  }

  /** A small compacted topic mirrored into an in-memory store every task can read. */
  private static <K, V> void addGlobalMirror(StreamsBuilder builder, String storeName, Topic<K, V> topic, String sourceName,
      Topics topics, java.util.function.Consumer<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> deadLetters) {
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), topic.keySerde(), topic.valueSerde())
            .withLoggingDisabled(),
        topic.name(),
        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(sourceName),
        () -> new GlobalStoreUpdater<K, V>(storeName, topic, topics.deadLetter(), deadLetters));
  }

  /** Kafka Streams settings: exactly-once, named resources enforced, poison records to the dead-letter topic. */
  public static Properties streamsProperties(PlannerConfig config) {
    Properties props = config.kafka().clientProperties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) config.commitInterval().toMillis());
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER);
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // A new cluster's own desire topic is found by the pattern subscription at the next metadata
    // refresh: every 30 s rather than Kafka's 5 min.
    props.put(StreamsConfig.mainConsumerPrefix(org.apache.kafka.clients.consumer.ConsumerConfig.METADATA_MAX_AGE_CONFIG),
        30_000);
    if (!config.replayWindow().isZero()) {
      // The name events stay, in the order they were planned, for --replay-window: a replay reads
      // them (PlannerStores.nameEventsTopic). Purging them once read would lose that order.
      props.put(StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG, Long.MAX_VALUE);
      props.put(StreamsConfig.topicPrefix(org.apache.kafka.common.config.TopicConfig.RETENTION_MS_CONFIG),
          Long.toString(config.replayWindow().toMillis()));
    }
    return props;
  }
}
