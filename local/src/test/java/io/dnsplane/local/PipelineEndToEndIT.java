package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Endpoint;
import io.dnsplane.schema.Topics;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The whole pipeline on a real embedded Kafka broker, started once for the class: mock clusters
 * seeded from examples/, watchers, the planner, the in-memory applier, and DNS queries at the end.
 */
class PipelineEndToEndIT extends PipelineTestBase {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Zone EXAMPLE = new Zone("example.com", "example.com");

  private static KubernetesClient clusterA() {
    return pipeline.clusters().get("cluster-a").client();
  }

  private static Message query(String name, int type) throws IOException {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getByName("127.0.0.1"));
    resolver.setPort(pipeline.dnsPort());
    resolver.setTimeout(Duration.ofSeconds(2));
    return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, 1)));
  }

  private static List<String> resolve(String name, int type) throws IOException {
    return query(name, type).getSection(Section.ANSWER).stream().map(Record::rdataToString).sorted().toList();
  }

  private static void awaitAnswer(String name, int type, String... expected) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(resolve(name, type)).containsExactlyInAnyOrder(expected));
  }

  private static void awaitGone(String name) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(query(name, Type.ANY).getRcode()).isEqualTo(Rcode.NXDOMAIN));
  }

  private static String ownership(String owner, String name) {
    return "\"heritage=external-dns,external-dns/owner=" + owner + ",external-dns/resource=ingress/default/" + name + "\"";
  }

  private static void createIngress(String name, String host, String ip) {
    Ingress ingress = new IngressBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().addNewRule().withHost(host).endRule().endSpec().build();
    clusterA().network().v1().ingresses().inNamespace("default").resource(ingress).create();
    setLoadBalancerIp(name, ip);
  }

  private static void setLoadBalancerIp(String name, String ip) {
    clusterA().network().v1().ingresses().inNamespace("default").withName(name).editStatus(i -> {
      i.setStatus(new IngressStatusBuilder().withNewLoadBalancer()
          .withIngress(new IngressLoadBalancerIngressBuilder().withIp(ip).build()).endLoadBalancer().build());
      return i;
    });
  }

  private static void deleteIngress(String name) {
    clusterA().network().v1().ingresses().inNamespace("default").withName(name).delete();
  }

  @Test
  void theExamplesResolveAndTheUnownedRecordIsUntouched() throws IOException {
    awaitAnswer("api.example.com", Type.A, "192.0.2.30");
    awaitAnswer("a-api.example.com", Type.TXT, ownership("cluster-a", "api"));
    // Two clusters want app.example.com: active-active, the record holds both targets and its TXT
    // one ownership value per cluster.
    awaitAnswer("app.example.com", Type.A, "192.0.2.10", "192.0.2.20");
    awaitAnswer("a-app.example.com", Type.TXT, ownership("cluster-a", "app"), ownership("cluster-b", "app"));
    assertThat(resolve("legacy.example.com", Type.A)).containsExactly("198.51.100.1");
    assertThat(query("a-legacy.example.com", Type.TXT).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    await().atMost(WAIT).untilAsserted(() -> assertThat(latestStatus("cluster-b", "legacy", "legacy.example.com"))
        .startsWith("CONFLICT: legacy.example.com A exists and no TXT record says who owns it"));
    await().atMost(WAIT).untilAsserted(() -> assertThat(latestStatus("cluster-a", "api", "api.example.com"))
        .isEqualTo("READY"));

    // cluster-b leaves app.example.com: cluster-a's target stays, untouched.
    KubernetesClient clusterB = pipeline.clusters().get("cluster-b").client();
    Ingress appB = clusterB.network().v1().ingresses().inNamespace("default").withName("app").get();
    clusterB.network().v1().ingresses().inNamespace("default").withName("app").delete();
    awaitAnswer("app.example.com", Type.A, "192.0.2.10");
    awaitAnswer("a-app.example.com", Type.TXT, ownership("cluster-a", "app"));
    appB.getMetadata().setResourceVersion(null);
    clusterB.network().v1().ingresses().inNamespace("default").resource(appB).create();
    clusterB.network().v1().ingresses().inNamespace("default").resource(appB).updateStatus();
    awaitAnswer("app.example.com", Type.A, "192.0.2.10", "192.0.2.20");
  }

  @Test
  void explainShowsDesireOwnershipStatusAndTheLastChange() {
    awaitAnswer("api.example.com", Type.A, "192.0.2.30");
    await().atMost(WAIT).untilAsserted(() -> {
      java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
      new io.dnsplane.planner.explain.NameExplanation(pipeline.connection(), pipeline.topics(),
          io.dnsplane.planner.ownership.TxtRegistryConfig.DEFAULT)
          .print("api.example.com", new java.io.PrintStream(buffer, true, StandardCharsets.UTF_8));
      String text = buffer.toString(StandardCharsets.UTF_8);
      assertThat(text)
          .contains("cluster-a ingress/default/api (owner cluster-a; synced")
          .contains("api.example.com A 192.0.2.30")
          .contains("-> api.example.com A is owned by {cluster-a=ingress/default/api}")
          .contains("cluster-a ingress/default/api: READY")
          .contains("caused by cluster-a ingress/default/api");
    });
  }

  /** The latest status the planner published for one object at one name, as "STATE: reason". */
  private static String latestStatus(String cluster, String object, String dnsName) {
    var topic = pipeline.topics().objectStatus();
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    String latest = "";
    try (KafkaConsumer<io.dnsplane.avro.ObjectStatusKey, io.dnsplane.avro.ObjectStatus> consumer =
             new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      var partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      var end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          if (r.key().getClusterId().equals(cluster) && r.key().getName().equals(object)
              && r.key().getDnsName().equals(dnsName)) {
            latest = r.value() == null ? "" : r.value().getState() + (r.value().getReason().isEmpty() ? "" : ": " + r.value().getReason());
          }
        }
      }
    }
    return latest;
  }

  @Test
  void aServiceADnsEndpointAndAnHttpRouteResolve() {
    awaitAnswer("grpc.example.com", Type.A, "192.0.2.40");
    awaitAnswer("a-grpc.example.com", Type.TXT,
        "\"heritage=external-dns,external-dns/owner=cluster-a,external-dns/resource=service/default/grpc\"");
    awaitAnswer("static.example.com", Type.A, "192.0.2.60");
    awaitAnswer("web.example.com", Type.A, "192.0.2.50");
    awaitAnswer("a-static.example.com", Type.TXT,
        "\"heritage=external-dns,external-dns/owner=cluster-a,external-dns/resource=crd/default/static\"");
  }

  @Test
  void aRouteItsGatewayRefusesGetsNoDnsAndAWarningSayingWhy() {
    // examples/clusters/cluster-a/web-gateway.yaml: team-b's route "blog" on a listener for default's routes only.
    await().atMost(WAIT).untilAsserted(() -> assertThat(eventsOn(clusterA(), "team-b", "HTTPRoute", "blog"))
        .anySatisfy(e -> assertThat(e).startsWith("Warning Invalid: Gateway default/web-gw: it is not accepted"
            + " (NotAllowedByListeners: listener http allows routes from namespace default only)")));
    awaitAnswer("web.example.com", Type.A, "192.0.2.50");
    assertThat(pipeline.provider().records(new io.dnsplane.applier.spi.Zone("example.com", "example.com")))
        .extracting(io.dnsplane.model.Endpoint::dnsName).doesNotContain("blog.example.com", "a-blog.example.com");
  }

  private static List<String> eventsOn(KubernetesClient cluster, String namespace, String kind, String name) {
    return cluster.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getKind().equals(kind) && e.getInvolvedObject().getName().equals(name))
        .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage()).toList();
  }

  private static List<String> eventsOn(KubernetesClient cluster, String kind, String name) {
    return cluster.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getKind().equals(kind) && e.getInvolvedObject().getName().equals(name))
        .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage()).toList();
  }

  @Test
  void objectsAreToldWhatBecameOfTheirDnsAsKubernetesEvents() {
    KubernetesClient clusterB = pipeline.clusters().get("cluster-b").client();
    await().atMost(WAIT).untilAsserted(() -> assertThat(eventsOn(clusterB, "Ingress", "legacy"))
        .anySatisfy(e -> assertThat(e).startsWith("Warning Conflict: legacy.example.com conflict in zone example.com")));
    await().atMost(WAIT).untilAsserted(() -> assertThat(eventsOn(clusterA(), "Ingress", "api"))
        .anySatisfy(e -> assertThat(e).startsWith("Normal RecordReady: api.example.com ready in zone example.com: api.example.com")));

    // A bad host name beside a good one: a Warning for the bad part, and the good one resolves.
    Ingress mixed = new IngressBuilder().withNewMetadata().withName("mixed").withNamespace("default")
        .addToAnnotations("external-dns.kubernetes.io/hostname", "bad..example.com").endMetadata()
        .withNewSpec().addNewRule().withHost("good.example.com").endRule().endSpec().build();
    clusterA().network().v1().ingresses().inNamespace("default").resource(mixed).create();
    setLoadBalancerIp("mixed", "192.0.2.97");
    awaitAnswer("good.example.com", Type.A, "192.0.2.97");
    await().atMost(WAIT).untilAsserted(() -> assertThat(eventsOn(clusterA(), "Ingress", "mixed"))
        .anySatisfy(e -> assertThat(e).startsWith("Warning Invalid: 'bad..example.com' is not a valid host name")));
  }

  @Test
  void aChangeMadeOutsideDnsplaneIsFoundByTheDriftCheckAndRepaired() {
    createIngress("drift", "drift.example.com", "192.0.2.85");
    awaitAnswer("drift.example.com", Type.A, "192.0.2.85");
    // Someone edits the record behind dnsplane's back, straight at the provider.
    var edit = pipeline.provider().apply(EXAMPLE, new io.dnsplane.model.Changes.Builder()
        .update(Endpoint.of("drift.example.com", "A", 0, "192.0.2.85"), Endpoint.of("drift.example.com", "A", 0, "203.0.113.66"))
        .build());
    assertThat(edit.failures()).as("the out-of-band edit happened").isEmpty();
    // The next drift check (every 2 s here) finds it; the planner puts its record back.
    awaitAnswer("drift.example.com", Type.A, "192.0.2.85");
  }

  @Test
  void anObjectDeletedWhileItsWatcherWasDownIsWithdrawnAfterItsRestart() {
    createIngress("ghost", "ghost.example.com", "192.0.2.95");
    awaitAnswer("ghost.example.com", Type.A, "192.0.2.95");
    pipeline.stopWatcher("cluster-a");
    deleteIngress("ghost");
    pipeline.startWatcher("cluster-a");
    awaitGone("ghost.example.com");
    awaitGone("a-ghost.example.com");
    awaitAnswer("api.example.com", Type.A, "192.0.2.30");
  }

  @Test
  void anIngressIsCreatedUpdatedAndDeletedInDns() throws IOException {
    createIngress("shop", "shop.example.com", "192.0.2.60");
    awaitAnswer("shop.example.com", Type.A, "192.0.2.60");
    awaitAnswer("a-shop.example.com", Type.TXT, ownership("cluster-a", "shop"));

    setLoadBalancerIp("shop", "192.0.2.61");
    awaitAnswer("shop.example.com", Type.A, "192.0.2.61");

    deleteIngress("shop");
    awaitGone("shop.example.com");
    awaitGone("a-shop.example.com");
    assertThat(resolve("legacy.example.com", Type.A)).containsExactly("198.51.100.1");
  }

  @Test
  void aClusterLeavingASharedRecordTakesOnlyItsTarget() {
    KubernetesClient clusterB = pipeline.clusters().get("cluster-b").client();
    createIngress("duo", "duo.example.com", "192.0.2.90");
    Ingress duoB = new IngressBuilder().withNewMetadata().withName("duo").withNamespace("default").endMetadata()
        .withNewSpec().addNewRule().withHost("duo.example.com").endRule().endSpec().build();
    clusterB.network().v1().ingresses().inNamespace("default").resource(duoB).create();
    clusterB.network().v1().ingresses().inNamespace("default").withName("duo").editStatus(i -> {
      i.setStatus(new IngressStatusBuilder().withNewLoadBalancer()
          .withIngress(new IngressLoadBalancerIngressBuilder().withIp("192.0.2.91").build()).endLoadBalancer().build());
      return i;
    });
    awaitAnswer("duo.example.com", Type.A, "192.0.2.90", "192.0.2.91");

    clusterB.network().v1().ingresses().inNamespace("default").withName("duo").delete();
    awaitAnswer("duo.example.com", Type.A, "192.0.2.90");
    awaitAnswer("a-duo.example.com", Type.TXT, ownership("cluster-a", "duo"));

    deleteIngress("duo");
    awaitGone("duo.example.com");
    awaitGone("a-duo.example.com");
  }

  @Test
  void aSecondPipelineOnTheSameStateDirectoryIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalPipeline.start(
            new LocalConfig(stateDir, EXAMPLES, 0, 1, null)))
        .hasMessageContaining("another dnsplane local is running");
  }

  @Test
  void stateSurvivesRestartingPlannerAndApplier() throws IOException {
    createIngress("before", "before.example.com", "192.0.2.70");
    awaitAnswer("before.example.com", Type.A, "192.0.2.70");

    pipeline.stopPlanner();
    pipeline.stopApplier();
    // While both are down the clusters keep changing; Kafka keeps every change.
    createIngress("during", "during.example.com", "192.0.2.71");
    deleteIngress("before");
    pipeline.startApplier();
    pipeline.startPlanner();

    awaitAnswer("during.example.com", Type.A, "192.0.2.71");
    awaitGone("before.example.com");
    awaitGone("a-before.example.com");
    awaitAnswer("a-during.example.com", Type.TXT, ownership("cluster-a", "during"));
    assertThat(resolve("legacy.example.com", Type.A)).containsExactly("198.51.100.1");
    // Nothing was duplicated or left behind by the restart.
    assertThat(pipeline.provider().records(EXAMPLE)).extracting(Endpoint::dnsName)
        .doesNotContain("before.example.com", "a-before.example.com")
        .containsOnlyOnce("during.example.com", "a-during.example.com");
  }

  @Test
  void unreadableRecordsGoToTheDeadLetterTopicAndThePipelineGoesOn() {
    Properties producerProps = new Properties();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
             new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.DESIRED_ENDPOINTS, bytes("poison-key"), bytes("poison-desire")));
      producer.send(new ProducerRecord<>(Topics.changesTopicName("inmemory"), bytes("poison-key"), bytes("poison-batch")));
      producer.send(new ProducerRecord<>(Topics.DELETE_APPROVALS, bytes("poison-key"), bytes("poison-approval")));
      producer.send(new ProducerRecord<>(Topics.OBJECT_STATUS, bytes("poison-key"), bytes("poison-status")));
      // The planner's other inputs, its global stores' topics included, and a record cut short.
      producer.send(new ProducerRecord<>(Topics.OBSERVED_RECORDS, bytes("poison-key"), bytes("poison-observed")));
      producer.send(new ProducerRecord<>(Topics.PROVIDER_ZONES, bytes("poison-key"), bytes("poison-zone")));
      producer.send(new ProducerRecord<>(Topics.CLUSTER_STATUS, bytes("poison-key"), bytes("poison-heartbeat")));
      // A cluster's own desire and heartbeat topics are the planner's inputs too.
      producer.send(new ProducerRecord<>(pipeline.topics().desiredEndpointsOf("cluster-a").name(), bytes("poison-key"),
          bytes("poison-own-desire")));
      producer.send(new ProducerRecord<>(pipeline.topics().clusterStatusOf("cluster-a").name(), bytes("poison-key"),
          bytes("poison-own-heartbeat")));
      byte[] real = pipeline.topics().desiredEndpoints().valueSerde().serializer().serialize(Topics.DESIRED_ENDPOINTS,
          io.dnsplane.avro.DesiredEndpoints.newBuilder().setClusterId("cluster-a").setOwnerId("cluster-a")
              .setResource("ingress/default/cut").setObservedAt(java.time.Instant.EPOCH).build());
      byte[] keyBytes = pipeline.topics().desiredEndpoints().keySerde().serializer().serialize(Topics.DESIRED_ENDPOINTS,
          new io.dnsplane.avro.SourceRef("cluster-a", "ingress", "default", "cut"));
      producer.send(new ProducerRecord<>(Topics.DESIRED_ENDPOINTS, keyBytes, java.util.Arrays.copyOf(real, real.length / 2)));
      producer.flush();
    }
    List<String> deadLetters = new ArrayList<>();
    java.util.Map<String, String> cameFrom = new java.util.HashMap<>();
    Properties consumerProps = new Properties();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers());
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.DEAD_LETTER));
      await().atMost(WAIT).untilAsserted(() -> {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String value = new String(r.value(), StandardCharsets.UTF_8);
          deadLetters.add(value);
          var header = r.headers().lastHeader("dnsplane.dlq.topic");
          if (header != null) {
            cameFrom.put(value, new String(header.value(), StandardCharsets.UTF_8));
          }
        }
        assertThat(deadLetters).contains("poison-desire", "poison-batch", "poison-approval", "poison-status",
            "poison-observed", "poison-zone", "poison-heartbeat", "poison-own-desire", "poison-own-heartbeat");
      });
    }
    // Every reader says where its dead letter came from.
    assertThat(cameFrom).containsEntry("poison-approval", Topics.DELETE_APPROVALS)
        .containsEntry("poison-status", Topics.OBJECT_STATUS).containsEntry("poison-batch", Topics.changesTopicName("inmemory"));
    createIngress("after-poison", "after-poison.example.com", "192.0.2.80");
    awaitAnswer("after-poison.example.com", Type.A, "192.0.2.80");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
