package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.spi.Zone;
import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.runtime.KafkaConnection;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.TopicAdmin;
import io.dnsplane.schema.TopicSnapshot;
import io.dnsplane.schema.Topics;
import io.dnsplane.schema.WatcherAcls;
import io.dnsplane.watcher.Watcher;
import io.dnsplane.watcher.WatcherConfig;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the planner knows which cluster a desire came from (planner/DESIGN.md), on a real broker with
 * SASL_SSL and Kafka's StandardAuthorizer: a watcher whose principal has exactly {@link WatcherAcls}
 * runs, gets its Ingress into DNS and its heartbeats relayed, and cannot write another cluster's
 * desire topic, the shared one, or the shared heartbeats. What it could still forge on its own topic (another cluster's name, another owner id) the
 * planner refuses; PlannerTopologyTest shows that.
 */
class ClusterTopicAclIT {
  private static final String ADMIN = "dnsplane";
  private static final String WATCHER_USER = "watcher-cluster-c";
  private static final String WATCHER_PASSWORD = "watcher-c-secret-0001";

  @TempDir
  Path stateDir;

  @Test
  void aWatcherConfinedByAclsWritesOnlyItsOwnClustersTopic() throws Exception {
    KafkaSecurity security = KafkaSecurity.generate(stateDir.resolve("tls"), ADMIN);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(stateDir.resolve("acl-kafka"), security, Map.of(
        "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        // The broker itself (SCRAM as the admin) and the controller listener (plaintext on 127.0.0.1).
        "super.users", "User:" + ADMIN + ";User:ANONYMOUS",
        "allow.everyone.if.no.acl.found", "false"))) {
      Topics topics = Topics.singleObjectEncoding();
      TopicAdmin.ensureTopics(kafka.connection(), topics.all(List.of("inmemory"), List.of("cluster-a", "cluster-b",
          "cluster-c")), 3, (short) 1);
      try (Admin admin = Admin.create(kafka.connection().clientProperties())) {
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(WATCHER_USER,
            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), WATCHER_PASSWORD))).all().get(30, TimeUnit.SECONDS);
        admin.createAcls(WatcherAcls.of("cluster-c", "User:" + WATCHER_USER)).all().get(30, TimeUnit.SECONDS);
      }
      KafkaConnection asWatcher = new KafkaConnection(kafka.bootstrapServers(),
          security.clientProperties(KafkaSecurity.SCRAM, WATCHER_USER, WATCHER_PASSWORD));

      // The broker refuses it every topic but its own. Its credential and ACLs reach the broker's
      // authenticator and authorizer through the metadata log: once it may write its own topic, they have.
      SourceRef ref = new SourceRef("cluster-c", "ingress", "default", "probe");
      DesiredEndpoints value = DesiredEndpoints.newBuilder().setClusterId("cluster-c").setOwnerId("cluster-c")
          .setResource("ingress/default/probe").setEndpoints(List.of()).setObservedAt(Instant.EPOCH).build();
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .untilAsserted(() -> send(asWatcher, topics.desiredEndpointsOf("cluster-c"), ref, value));
      for (Topic<SourceRef, DesiredEndpoints> other : List.of(topics.desiredEndpointsOf("cluster-b"), topics.desiredEndpoints())) {
        assertThatThrownBy(() -> send(asWatcher, other, ref, value)).as("writing %s", other.name())
            .hasRootCauseInstanceOf(TopicAuthorizationException.class);
      }
      ClusterHeartbeat beat = new ClusterHeartbeat("cluster-c", "cluster-c", false, 1, Instant.now(), "test");
      assertThatThrownBy(() -> send(asWatcher, topics.clusterStatus(), new ClusterKey("cluster-c"), beat))
          .as("writing the shared heartbeats").hasRootCauseInstanceOf(TopicAuthorizationException.class);

      // The whole pipeline as the admin, and cluster-c's watcher as itself.
      try (LocalPipeline pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3,
          Duration.ofSeconds(1), Duration.ofMinutes(10)).withExternalKafka(kafka.connection()));
          MockCluster clusterC = MockCluster.start("cluster-c");
          Watcher watcher = Watcher.start(new WatcherConfig("cluster-c", "cluster-c", asWatcher, "", Duration.ofSeconds(1)),
              clusterC.newClient(), topics, Clock.systemUTC())) {
        Ingresses.create(clusterC.client(), "shop", "shop.example.com", "192.0.2.99");
        Zone zone = new Zone("example.com", "example.com");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(pipeline.provider().records(zone))
            .anySatisfy(e -> {
              assertThat(e.dnsName()).isEqualTo("shop.example.com");
              assertThat(e.targets()).containsExactly("192.0.2.99");
            }));
        // Its heartbeats went through its own topic and the planner's relay.
        await().atMost(Duration.ofSeconds(60)).until(() -> TopicSnapshot.read(kafka.connection(), topics.clusterStatus(),
            (k, v) -> v != null && k.getClusterId().equals("cluster-c") && v.getInitialSyncComplete()).size() > 0);
        // It read its object's status too (its group and the status topic): the Ingress's Event says so.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(clusterC.client().v1().events()
            .inNamespace("default").list().getItems()).extracting(Event::getReason).contains("RecordReady"));
      }
    }
  }

  private static <K, V> void send(KafkaConnection kafka, Topic<K, V> topic, K key, V value) throws Exception {
    Properties props = kafka.clientProperties();
    props.put("max.block.ms", "15000");
    props.put("delivery.timeout.ms", "15000");
    props.put("request.timeout.ms", "10000");
    try (KafkaProducer<K, V> producer = new KafkaProducer<>(props, topic.keySerde().serializer(),
        topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get(30, TimeUnit.SECONDS);
    }
  }
}
