package io.dnsplane.watcher;

import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.Topics;
import io.dnsplane.watcher.informer.SourceInformer;
import io.dnsplane.watcher.publish.DesiredEndpointsPublisher;
import io.dnsplane.watcher.publish.HeartbeatPublisher;
import io.dnsplane.watcher.publish.PublishedDesire;
import io.dnsplane.watcher.source.ObjectRef;
import io.dnsplane.watcher.status.StatusEvents;
import io.dnsplane.watcher.status.StatusListener;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One cluster's watcher: informers in, desired endpoints and heartbeats out. At start it reads back
 * what it published before; once every informer has listed its kind, it withdraws what was deleted
 * meanwhile, and only then reports its initial sync (which lets the planner plan withdrawals).
 */
public final class Watcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Watcher.class);
  private static final String VERSION = "0.1.0";

  private final WatcherConfig config;
  private final Producer<SourceRef, DesiredEndpoints> desiredProducer;
  private final Producer<ClusterKey, ClusterHeartbeat> heartbeatProducer;
  private final HeartbeatPublisher heartbeats;
  private final DesiredEndpointsPublisher publisher;
  private final List<SourceInformer<?>> informers;
  private final ScheduledExecutorService scheduler;
  private final StatusListener statusListener;
  private volatile boolean reconciled;
  private io.dnsplane.watcher.ops.WatcherMetrics metrics;

  private Watcher(WatcherConfig config, KubernetesClient client, Topics topics, Clock clock) {
    this.config = config;
    // Its own topic, which Kafka ACLs can give this watcher alone (planner/DESIGN.md), or the shared one.
    Topic<SourceRef, DesiredEndpoints> desired = config.clusterTopic()
        ? topics.desiredEndpointsOf(config.clusterId()) : topics.desiredEndpoints();
    Topic<ClusterKey, ClusterHeartbeat> status = config.clusterTopic()
        ? topics.clusterStatusOf(config.clusterId()) : topics.clusterStatus();
    this.desiredProducer = producer(config, desired.keySerde(), desired.valueSerde());
    this.heartbeatProducer = producer(config, status.keySerde(), status.valueSerde());
    this.heartbeats = new HeartbeatPublisher(heartbeatProducer, status, config.clusterId(), config.ownerId(), VERSION, clock);
    this.publisher = new DesiredEndpointsPublisher(desiredProducer, desired, config.clusterId(), config.ownerId(), clock,
        new io.dnsplane.watcher.publish.EmptyTargetsGrace(config.emptyTargetsGrace()));
    // What it published before, on the shared topic too (a watcher moving to its own topic still
    // withdraws what it published there).
    java.util.Map<io.dnsplane.watcher.source.ObjectRef, java.util.List<io.dnsplane.model.Endpoint>> published =
        new java.util.HashMap<>();
    if (config.clusterTopic()) {
      try {
        published.putAll(PublishedDesire.read(config.kafka(), topics.desiredEndpoints(), config.clusterId()));
      } catch (org.apache.kafka.common.errors.TopicAuthorizationException e) {
        // ACLs confine this watcher to its own topic (WatcherAcls): it has nothing on the shared one to withdraw.
        log.info("the shared desire topic is not readable by this watcher; only its own topic is read");
      }
    }
    published.putAll(PublishedDesire.read(config.kafka(), desired, config.clusterId()));
    publisher.seed(published);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "watcher-" + config.clusterId() + "-heartbeat");
      t.setDaemon(true);
      return t;
    });
    StatusEvents events = new StatusEvents(client, clock, Duration.ofMinutes(10), 25);
    Consumer<io.dnsplane.watcher.source.SourceEvent> sink = event -> {
      MDC.put("cluster", config.clusterId());
      try {
        publisher.accept(withinDomains(event, config.domainFilter()));
        if (config.recordEvents() && event instanceof io.dnsplane.watcher.source.SourceEvent.Upsert upsert
            && !upsert.problems().isEmpty()) {
          ObjectRef o = upsert.object();
          events.invalid(o.kind(), o.namespace(), o.name(), upsert.problems());
        }
      } finally {
        MDC.remove("cluster");
      }
    };
    this.informers = Sources.informers(config, client, sink);
    this.statusListener = config.recordEvents()
        ? new StatusListener(config.kafka(), topics.objectStatus(), topics.deadLetter(), config.clusterId(), events)
        : null;
  }

  /** --domain-filter in the watcher: names outside it are dropped early (the planner enforces it too). */
  static io.dnsplane.watcher.source.SourceEvent withinDomains(io.dnsplane.watcher.source.SourceEvent event,
      io.dnsplane.model.DomainFilter filter) {
    if (event instanceof io.dnsplane.watcher.source.SourceEvent.Upsert u && filter != io.dnsplane.model.DomainFilter.ALL) {
      return new io.dnsplane.watcher.source.SourceEvent.Upsert(u.object(), u.resourceVersion(), u.uid(), u.generation(),
          u.endpoints().stream().filter(e -> filter.matches(e.dnsName())).toList(), u.problems());
    }
    return event;
  }

  /** Starts the informers and the heartbeat; returns at once. */
  public static Watcher start(WatcherConfig config, KubernetesClient client, Topics topics, Clock clock) {
    Watcher watcher = new Watcher(config, client, topics, clock);
    watcher.informers.forEach(SourceInformer::start);
    if (watcher.statusListener != null) {
      watcher.statusListener.start();
    }
    watcher.scheduler.scheduleWithFixedDelay(watcher::reconcileWhenSynced, 0, 200, TimeUnit.MILLISECONDS);
    watcher.scheduler.scheduleAtFixedRate(watcher::beat, 0, config.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
    watcher.scheduler.scheduleWithFixedDelay(watcher.publisher::publishExpired, 1, 1, TimeUnit.SECONDS);
    log.info("watcher for cluster {} (owner {}) started: sources {}", config.clusterId(), config.ownerId(),
        watcher.informers.stream().map(SourceInformer::kind).toList());
    return watcher;
  }

  /** Once every informer has listed its kind: withdraw what was deleted meanwhile, then report the sync. */
  private void reconcileWhenSynced() {
    if (reconciled || !hasSynced()) {
      return;
    }
    try {
      Set<ObjectRef> present = new HashSet<>();
      informers.forEach(i -> present.addAll(i.objects()));
      int withdrawn = publisher.withdrawMissing(present);
      desiredProducer.flush();
      reconciled = true;
      log.info("cluster {}: initial sync complete ({} objects; {} deleted while the watcher was down withdrawn)",
          config.clusterId(), present.size(), withdrawn);
      beat();
    } catch (RuntimeException e) {
      log.warn("initial sync of cluster {} not finished: {}", config.clusterId(), e.toString());
    }
  }

  private void beat() {
    try {
      heartbeats.beat(reconciled, informers.stream().mapToInt(i -> i.objects().size()).sum());
    } catch (RuntimeException e) {
      log.warn("heartbeat failed for cluster {}: {}", config.clusterId(), e.toString());
    }
  }

  /** Publishes the watcher's metrics to {@code registry}. */
  public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    this.metrics = io.dnsplane.watcher.ops.WatcherMetrics.register(registry, config.clusterId(),
        () -> informers.stream().mapToLong(i -> i.objects().size()).sum(),
        publisher::publishedCount, publisher::errorCount, heartbeats::lastSentMillis, publisher::endpointsByType);
  }

  /** True once every informer listed its kind. */
  public boolean hasSynced() {
    return informers.stream().allMatch(SourceInformer::hasSynced);
  }

  /** True once the initial sync is complete and what was deleted meanwhile was withdrawn. */
  public boolean isReady() {
    return reconciled;
  }

  private static <K, V> Producer<K, V> producer(WatcherConfig config, Serde<K> keySerde, Serde<V> valueSerde) {
    Properties props = config.kafka().clientProperties();
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "dnsplane-watcher-" + config.clusterId());
    return new KafkaProducer<>(props, keySerde.serializer(), valueSerde.serializer());
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    if (statusListener != null) {
      statusListener.close();
    }
    informers.forEach(SourceInformer::close);
    desiredProducer.close();
    heartbeatProducer.close();
    log.info("watcher for cluster {} stopped", config.clusterId());
  }
}
