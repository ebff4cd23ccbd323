package io.dnsplane.bench;

import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.runtime.KafkaConnection;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.Topics;
import io.dnsplane.watcher.publish.DesiredEndpointsPublisher;
import io.dnsplane.watcher.publish.HeartbeatPublisher;
import io.dnsplane.watcher.source.IngressSource;
import io.dnsplane.watcher.source.SourceEvent;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One simulated cluster: Ingress objects made in memory go through the watcher's own extraction
 * ({@link IngressSource}) and publisher ({@link DesiredEndpointsPublisher}, {@link HeartbeatPublisher})
 * to the cluster's own topics, with the producer settings the watcher uses. What it leaves out of
 * a real watcher: the Kubernetes API server and the informer's watch (the change is handed to the
 * publisher at the moment the benchmark stamps it).
 */
final class SyntheticCluster implements AutoCloseable {
  private final String clusterId;
  private final String zone;
  private final IngressSource source = new IngressSource();
  private final KafkaProducer<SourceRef, DesiredEndpoints> desiredProducer;
  private final KafkaProducer<ClusterKey, ClusterHeartbeat> statusProducer;
  private final DesiredEndpointsPublisher publisher;
  private final HeartbeatPublisher heartbeats;
  private final AtomicLong versions = new AtomicLong();
  private volatile int objects;

  SyntheticCluster(String clusterId, String zone, KafkaConnection kafka, Topics topics) {
    this.clusterId = clusterId;
    this.zone = zone;
    Topic<SourceRef, DesiredEndpoints> desired = topics.desiredEndpointsOf(clusterId);
    Topic<ClusterKey, ClusterHeartbeat> status = topics.clusterStatusOf(clusterId);
    desiredProducer = producer(kafka, clusterId, desired.keySerde(), desired.valueSerde());
    statusProducer = producer(kafka, clusterId + "-status", status.keySerde(), status.valueSerde());
    publisher = new DesiredEndpointsPublisher(desiredProducer, desired, clusterId, clusterId, Clock.systemUTC());
    heartbeats = new HeartbeatPublisher(statusProducer, status, clusterId, clusterId, "bench", Clock.systemUTC());
  }

  static String host(int index, String zone) {
    return "host" + index + "." + zone;
  }

  /** Creates or changes the Ingress {@code host<index>} so that it wants its name at {@code ip}. */
  void put(int index, String ip) {
    long version = versions.incrementAndGet();
    Ingress ingress = new IngressBuilder()
        .withNewMetadata().withNamespace("default").withName("host" + index).withUid(clusterId + "-" + index)
        .withResourceVersion(Long.toString(version)).withGeneration(1L).endMetadata()
        .withNewSpec().addNewRule().withHost(host(index, zone)).endRule().endSpec()
        .withNewStatus().withNewLoadBalancer().addNewIngress().withIp(ip).endIngress().endLoadBalancer().endStatus()
        .build();
    publisher.accept(new SourceEvent.Upsert(source.refOf(ingress), Long.toString(version), clusterId + "-" + index, 1,
        source.endpoints(ingress), java.util.List.of()));
  }

  /** The cluster's heartbeat, its initial sync complete once it has published its objects. */
  void beat(boolean initialSyncComplete, int objectsWatched) {
    objects = objectsWatched;
    heartbeats.beat(initialSyncComplete, objectsWatched);
  }

  void beat() {
    heartbeats.beat(true, objects);
  }

  void flush() {
    desiredProducer.flush();
    statusProducer.flush();
  }

  /** The watcher's producer settings (Watcher.producer): idempotent, acks=all, 5 ms linger. */
  private static <K, V> KafkaProducer<K, V> producer(KafkaConnection kafka, String clientId, Serde<K> keySerde,
      Serde<V> valueSerde) {
    Properties props = kafka.clientProperties();
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "dnsplane-bench-watcher-" + clientId);
    return new KafkaProducer<>(props, keySerde.serializer(), valueSerde.serializer());
  }

  @Override
  public void close() {
    desiredProducer.close();
    statusProducer.close();
  }
}
