package io.dnsplane.schema;

import io.dnsplane.runtime.EffectiveConfig;
import io.dnsplane.runtime.KafkaConnection;
import io.dnsplane.runtime.KafkaOptions;
import io.dnsplane.runtime.KafkaPreflight;
import io.dnsplane.runtime.OpsOptions;
import io.dnsplane.schema.registry.SchemaRegistryOptions;
import java.net.InetSocketAddress;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The flags every long-running service takes (Kafka, operations, schema registry, topic creation),
 * one mixin, and the start-up they drive, the same in the watcher, the planner and every applier.
 */
public final class ServiceOptions {
  @Mixin
  KafkaOptions kafka = new KafkaOptions();

  @Mixin
  OpsOptions ops = new OpsOptions();

  @Mixin
  SchemaRegistryOptions schemaRegistry = new SchemaRegistryOptions();

  @Mixin
  TopicCreationOptions topicCreation = new TopicCreationOptions();

  /** What a service runs on once started. */
  public record Started(KafkaConnection kafka, Topics topics) {}

  /** --replay-window: how long what the planner reads is kept whole, for ./dnsplane replay. */
  public java.time.Duration replayWindow() {
    return topicCreation.replayWindow;
  }

  /**
   * Logging as asked, the effective configuration logged once, Kafka reached with these credentials,
   * every schema the pipeline writes prepared, missing topics created when asked. Each step stops
   * the service with a message naming what failed.
   *
   * @param appliers the applier instances whose change topics this service needs
   */
  public Started start(String service, CommandSpec spec, List<String> appliers) {
    return start(service, spec, appliers, List.of());
  }

  /** As above; {@code clusters} are the clusters whose own desire topics this service writes. */
  public Started start(String service, CommandSpec spec, List<String> appliers, List<String> clusters) {
    ops.configureLogging();
    EffectiveConfig.log(service, spec);
    KafkaConnection connection = kafka.connection();
    KafkaPreflight.check(connection);
    Topics topics = schemaRegistry.preparedTopics(appliers, clusters);
    topicCreation.ensure(connection, topics.all(appliers, clusters));
    return new Started(connection, topics);
  }

  /** A service that talks to no Kafka (the applier as a webhook server): logging and its effective configuration only. */
  public void startWithoutKafka(String service, CommandSpec spec) {
    ops.configureLogging();
    EffectiveConfig.log(service, spec);
  }

  public InetSocketAddress metricsAddress() {
    return ops.metricsAddress();
  }
}
