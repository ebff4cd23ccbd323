package io.dnsplane.watcher;

import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.Topics;
import io.dnsplane.watcher.informer.IngressInformer;
import io.dnsplane.watcher.publish.DesiredEndpointsPublisher;
import io.dnsplane.watcher.publish.HeartbeatPublisher;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** One cluster's watcher: informers in, desired endpoints and heartbeats out. */
public final class Watcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Watcher.class);
  private static final String VERSION = "0.1.0";

  private final WatcherConfig config;
  private final Producer<SourceRef, DesiredEndpoints> desiredProducer;
  private final Producer<ClusterKey, ClusterHeartbeat> heartbeatProducer;
  private final HeartbeatPublisher heartbeats;
  private final IngressInformer ingresses;
  private final ScheduledExecutorService scheduler;

  private Watcher(WatcherConfig config, KubernetesClient client, Topics topics, Clock clock) {
    this.config = config;
    Topic<SourceRef, DesiredEndpoints> desired = topics.desiredEndpoints();
    Topic<ClusterKey, ClusterHeartbeat> status = topics.clusterStatus();
    this.desiredProducer = producer(config, desired.keySerde(), desired.valueSerde());
    this.heartbeatProducer = producer(config, status.keySerde(), status.valueSerde());
    this.heartbeats = new HeartbeatPublisher(heartbeatProducer, status, config.clusterId(), config.ownerId(), VERSION, clock);
    DesiredEndpointsPublisher publisher =
        new DesiredEndpointsPublisher(desiredProducer, desired, config.clusterId(), config.ownerId(), clock);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "watcher-" + config.clusterId() + "-heartbeat");
      t.setDaemon(true);
      return t;
    });
    this.ingresses = IngressInformer.start(client, config.namespace(), event -> {
      MDC.put("cluster", config.clusterId());
      try {
        publisher.accept(event);
      } finally {
        MDC.remove("cluster");
      }
    });
  }

  /** Starts the informers and the heartbeat; returns at once. */
  public static Watcher start(WatcherConfig config, KubernetesClient client, Topics topics, Clock clock) {
    Watcher watcher = new Watcher(config, client, topics, clock);
    long period = config.heartbeatInterval().toMillis();
    watcher.scheduler.scheduleAtFixedRate(watcher::beat, 0, period, TimeUnit.MILLISECONDS);
    log.info("watcher for cluster {} (owner {}) started", config.clusterId(), config.ownerId());
    return watcher;
  }

  private void beat() {
    try {
      boolean synced = ingresses.hasSynced();
      heartbeats.beat(synced, synced ? ingresses.size() : 0);
    } catch (RuntimeException e) {
      log.warn("heartbeat failed for cluster {}: {}", config.clusterId(), e.toString());
    }
  }

  public boolean hasSynced() {
    return ingresses.hasSynced();
  }

  private static <K, V> Producer<K, V> producer(WatcherConfig config, Serde<K> keySerde, Serde<V> valueSerde) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "dnsplane-watcher-" + config.clusterId());
    return new KafkaProducer<>(props, keySerde.serializer(), valueSerde.serializer());
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    ingresses.close();
    desiredProducer.close();
    heartbeatProducer.close();
    log.info("watcher for cluster {} stopped", config.clusterId());
  }
}
