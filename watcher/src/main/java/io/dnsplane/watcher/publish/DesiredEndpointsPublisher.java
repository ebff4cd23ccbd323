package io.dnsplane.watcher.publish;

import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Endpoint;
import io.dnsplane.schema.Topic;
import io.dnsplane.watcher.source.ObjectRef;
import io.dnsplane.watcher.source.SourceEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each object's desired endpoints keyed by (cluster, kind, namespace, name), and a
 * tombstone when it goes. What equals the last published value is not sent again, so resyncs cost
 * nothing downstream. One key always maps to one partition, so an object's events stay in order.
 * An object that loses every target waits out {@link EmptyTargetsGrace} before its empty desire is
 * published ({@link #publishExpired}, called on a timer, publishes those still empty).
 */
public final class DesiredEndpointsPublisher implements Consumer<SourceEvent> {
  private static final Logger log = LoggerFactory.getLogger(DesiredEndpointsPublisher.class);

  private final Producer<SourceRef, DesiredEndpoints> producer;
  private final Topic<SourceRef, DesiredEndpoints> topic;
  private final String clusterId;
  private final String ownerId;
  private final Clock clock;
  private final Map<ObjectRef, List<Endpoint>> lastPublished = new ConcurrentHashMap<>();
  private final EmptyTargetsGrace grace;
  /** Objects without targets waiting out the grace: when they went empty, and the upsert to publish then. */
  private final Map<ObjectRef, Waiting> waiting = new ConcurrentHashMap<>();

  private record Waiting(java.time.Instant since, java.time.Instant until, SourceEvent.Upsert upsert) {}
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  public DesiredEndpointsPublisher(Producer<SourceRef, DesiredEndpoints> producer,
      Topic<SourceRef, DesiredEndpoints> topic, String clusterId, String ownerId, Clock clock) {
    this(producer, topic, clusterId, ownerId, clock, new EmptyTargetsGrace(java.time.Duration.ZERO));
  }

  public DesiredEndpointsPublisher(Producer<SourceRef, DesiredEndpoints> producer,
      Topic<SourceRef, DesiredEndpoints> topic, String clusterId, String ownerId, Clock clock, EmptyTargetsGrace grace) {
    this.grace = grace;
    this.producer = producer;
    this.topic = topic;
    this.clusterId = clusterId;
    this.ownerId = ownerId;
    this.clock = clock;
  }

  @Override
  public synchronized void accept(SourceEvent event) {
    ObjectRef object = event.object();
    SourceRef key = new SourceRef(clusterId, object.kind(), object.namespace(), object.name());
    if (event instanceof SourceEvent.Upsert upsert) {
      EmptyTargetsGrace.Decision decision = grace.decide(lastPublished.getOrDefault(object, List.of()), upsert.endpoints(),
          java.util.Optional.ofNullable(waiting.get(object)).map(Waiting::since), clock.instant());
      if (decision instanceof EmptyTargetsGrace.Wait wait) {
        if (!waiting.containsKey(object)) {
          log.warn("{} has no targets now; keeping its records until {} (--empty-targets-grace)", object, wait.until());
        }
        waiting.put(object, new Waiting(wait.emptySince(), wait.until(), upsert));
        return;
      }
      waiting.remove(object);
      if (upsert.endpoints().equals(lastPublished.get(object))) {
        return;
      }
      DesiredEndpoints value = DesiredEndpoints.newBuilder()
          .setClusterId(clusterId)
          .setOwnerId(ownerId)
          .setResource(object.resourceLabel())
          .setResourceVersion(upsert.resourceVersion())
          .setUid(upsert.uid())
          .setGeneration(upsert.generation())
          .setEndpoints(AvroEndpoints.toAvro(upsert.endpoints()))
          .setObservedAt(clock.instant())
          .build();
      send(key, value);
      lastPublished.put(object, upsert.endpoints());
      log.info("desired {} -> {}", object, upsert.endpoints());
    } else {
      waiting.remove(object);
      send(key, null);
      lastPublished.remove(object);
      log.info("withdrawn {}", object);
    }
  }

  /** Publishes the empty desire of objects still without targets when their grace ran out. */
  public synchronized void publishExpired() {
    java.time.Instant now = clock.instant();
    waiting.values().stream().filter(w -> !now.isBefore(w.until())).map(Waiting::upsert).toList().forEach(this::accept);
  }

  /** Objects now keeping their records through --empty-targets-grace. */
  public int waitingCount() {
    return waiting.size();
  }

  private void send(SourceRef key, DesiredEndpoints value) {
    producer.send(new ProducerRecord<>(topic.name(), key, value), (metadata, error) -> {
      if (error != null) {
        // The idempotent producer already retried; a failure here means the broker is gone for longer
        // than delivery.timeout.ms. Forget what we sent so the next resync publishes it again.
        log.error("cannot publish desired endpoints for {}: {}", key, error.toString());
        errors.incrementAndGet();
        lastPublished.clear();
      }
    });
    published.incrementAndGet();
  }

  /** What was published before a restart: unchanged objects are then not published again. */
  /** The endpoints published now (the last of every object), counted per record type. */
  public java.util.Map<String, Long> endpointsByType() {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    lastPublished.values().forEach(endpoints -> endpoints.forEach(e -> counts.merge(e.recordType(), 1L, Long::sum)));
    return counts;
  }

  public synchronized void seed(Map<ObjectRef, List<Endpoint>> published) {
    lastPublished.putAll(published);
  }

  /**
   * After the initial sync: withdraws every object published earlier that no longer exists (it was
   * deleted while the watcher was down). Returns how many.
   */
  public synchronized int withdrawMissing(java.util.Set<ObjectRef> present) {
    List<ObjectRef> gone = lastPublished.keySet().stream().filter(o -> !present.contains(o)).toList();
    gone.forEach(o -> accept(new SourceEvent.Delete(o)));
    return gone.size();
  }

  public long publishedCount() {
    return published.get();
  }

  public long errorCount() {
    return errors.get();
  }
}
