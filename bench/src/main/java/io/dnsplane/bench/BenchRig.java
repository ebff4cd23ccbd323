package io.dnsplane.bench;

import io.dnsplane.applier.aws.Route53ProviderFactory;
import io.dnsplane.applier.core.AccountRateBudget;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.fakes.route53.Route53Fake;
import io.dnsplane.local.EmbeddedKafka;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.runtime.KafkaConnection;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.TopicAdmin;
import io.dnsplane.schema.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One benchmark pipeline: the embedded broker, the local Route53 holding AWS's limits (5 requests
 * a second), the planner and the Route53 applier each as its own JVM from its jar, and simulated
 * clusters publishing through the watcher's code. It owns everything it starts and stops it all
 * on {@link #close}.
 */
final class BenchRig implements AutoCloseable {
  static final String ZONE = "bench.example";
  static final String PROVIDER = "aws";
  static final Duration LISTING_SETTLE = Duration.ofSeconds(10);
  static final String PLANNER_APPLICATION_ID = "dnsplane-planner";

  record Settings(Path home, Path workDir, int clusters, int partitions, List<String> serviceJvmOptions, String serviceLogLevel,
      List<String> plannerArgs, List<String> applierArgs) {}

  private final Settings settings;
  private final List<AutoCloseable> started = new ArrayList<>();
  private final Timeline timeline = new Timeline();
  private final ScheduledExecutorService background = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "bench-rig");
    t.setDaemon(true);
    return t;
  });
  private EmbeddedKafka kafka;
  private Route53Fake route53;
  private String zoneId;
  private ServiceProcess planner;
  private ServiceProcess applier;
  private final List<SyntheticCluster> clusters = new ArrayList<>();
  private volatile boolean closing;
  /** Values are IPv4 addresses counted up from 10.0.0.1, so every change wants a value never wanted before. */
  private int nextValue = 1;

  private BenchRig(Settings settings) {
    this.settings = settings;
  }

  static BenchRig start(Settings settings) {
    BenchRig rig = new BenchRig(settings);
    try {
      rig.startAll();
      return rig;
    } catch (RuntimeException | IOException e) {
      rig.close();
      throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
    }
  }

  private void startAll() throws IOException {
    Files.createDirectories(settings.workDir());
    kafka = EmbeddedKafka.start(settings.workDir().resolve("kafka"));
    started.add(kafka);
    route53 = Route53Fake.start();
    started.add(route53);
    route53.rateLimit(Route53Floor.REQUESTS_PER_SECOND);
    zoneId = route53.addZone(ZONE, false, Map.of());
    route53.onApplied(this::applied);

    Topics topics = Topics.singleObjectEncoding();
    List<String> clusterIds = IntStream.range(0, settings.clusters()).mapToObj(i -> "cluster-" + i).toList();
    topics.prepare(List.of(PROVIDER), clusterIds);
    TopicAdmin.ensureTopics(kafka.connection(), topics.all(List.of(PROVIDER), clusterIds), settings.partitions(), (short) 1);

    planner = ServiceProcess.start("planner", settings.home().resolve("planner/target/dnsplane-planner.jar"),
        settings.serviceJvmOptions(), concat(List.of("--kafka-bootstrap-servers=" + kafka.bootstrapServers(), "--policy=sync",
            "--state-dir=" + settings.workDir().resolve("planner-state"), "--log-level=" + settings.serviceLogLevel()),
            settings.plannerArgs()),
        Map.of(), settings.workDir().resolve("planner.log"));
    started.add(planner);
    applier = ServiceProcess.start("applier", settings.home().resolve("applier/aws/target/dnsplane-applier-aws.jar"),
        settings.serviceJvmOptions(), concat(List.of("--provider=aws", "--kafka-bootstrap-servers=" + kafka.bootstrapServers(),
            "--aws-endpoint-url=" + route53.endpoint(), "--provider-rate-limit=" + (int) Route53Floor.REQUESTS_PER_SECOND,
            "--log-level=" + settings.serviceLogLevel()), settings.applierArgs()),
        awsEnvironment(), settings.workDir().resolve("applier.log"));
    started.add(applier);
    planner.awaitReady(Duration.ofMinutes(2));
    applier.awaitReady(Duration.ofMinutes(2));
    // The planner plans a zone's names once the applier's first listing of it has settled
    // (--listing-settle, 10 s): the clusters start once it has, as they would join a running pipeline.
    ServiceProcess.pause(LISTING_SETTLE.plusSeconds(1));

    for (String id : clusterIds) {
      SyntheticCluster cluster = new SyntheticCluster(id, ZONE, kafka.connection(), topics);
      clusters.add(cluster);
      started.add(cluster);
    }
    // The watcher's heartbeat (every 10 s by default) keeps every cluster fresh in the planner.
    background.scheduleAtFixedRate(() -> clusters.forEach(SyntheticCluster::beat), 10, 10, TimeUnit.SECONDS);
    watchChanges(topics.changes(PROVIDER));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  /** Credentials the local Route53 takes (it checks that requests are signed, not by whom). */
  private static Map<String, String> awsEnvironment() {
    return Map.of("AWS_ACCESS_KEY_ID", "AKIABENCH", "AWS_SECRET_ACCESS_KEY", "bench", "AWS_REGION", "us-east-1",
        "AWS_EC2_METADATA_DISABLED", "true");
  }

  /** A read_committed reader of the change batches: when each change's planner transaction committed. */
  private void watchChanges(Topic<ZoneRef, ChangeBatch> topic) {
    Properties props = kafka.connection().clientProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<ZoneRef, ChangeBatch> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
        topic.valueSerde().deserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
        .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Thread reader = new Thread(() -> {
      try (consumer) {
        while (!closing) {
          for (ConsumerRecord<ZoneRef, ChangeBatch> record : consumer.poll(Duration.ofMillis(100))) {
            Instant seen = Instant.now();
            ChangeBatch batch = record.value();
            Stream.concat(batch.getCreate().stream(), batch.getUpdateNew().stream()).map(AvroEndpoints::fromAvro)
                .filter(e -> e.recordType().equals("A") && !e.targets().isEmpty())
                .forEach(e -> timeline.committed(e.dnsName(), e.targets().get(0), seen));
          }
        }
      } catch (org.apache.kafka.common.errors.InterruptException e) {
        // closing
      }
    }, "bench-changes-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void applied(Instant received, List<io.dnsplane.fakes.route53.AppliedChange> changes) {
    Instant now = Instant.now();
    for (io.dnsplane.fakes.route53.AppliedChange c : changes) {
      if (c.type().equals("A") && !c.action().equals("DELETE") && !c.values().isEmpty()) {
        timeline.applied(c.name(), c.values().get(0), received, now);
      }
    }
  }

  Timeline timeline() {
    return timeline;
  }

  Route53Fake route53() {
    return route53;
  }

  String zoneId() {
    return zoneId;
  }

  ServiceProcess planner() {
    return planner;
  }

  ServiceProcess applier() {
    return applier;
  }

  int clusterCount() {
    return clusters.size();
  }

  Path plannerStateDir() {
    return settings.workDir().resolve("planner-state");
  }

  /** A value never wanted before. */
  synchronized String nextValue() {
    int v = nextValue++;
    return "10." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }

  /** Name {@code index} (its cluster: index mod the number of clusters) wants {@code value} now. */
  void change(int index, String value) {
    timeline.changed(SyntheticCluster.host(index, ZONE), value, Instant.now());
    clusters.get(index % clusters.size()).put(index, value);
  }

  void flushClusters() {
    clusters.forEach(SyntheticCluster::flush);
  }

  /** Every cluster says its initial sync is done, watching {@code objects} objects in all. */
  void clustersSynced(int objects) {
    clusters.forEach(c -> c.beat(true, objects / clusters.size()));
    flushClusters();
  }

  /**
   * Until the planner has caught up with its input (what it consumed is what there is, give or
   * take the transaction markers), so that a phase does not measure the last one's backlog.
   */
  boolean awaitPlannerIdle(Duration timeout) {
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kafka.connection().clientProperties())) {
      long[] lastLag = {-1};
      return await(() -> {
        long lag = plannerLag(admin);
        boolean idle = lag >= 0 && lag == lastLag[0] && lag <= markerSlack();
        lastLag[0] = lag;
        return idle;
      }, timeout, Duration.ofSeconds(1));
    }
  }

  /** Each input partition may end in one commit marker the planner has nothing to consume for. */
  private long markerSlack() {
    return 4L * settings.partitions() * (settings.clusters() + 3);
  }

  private static long plannerLag(org.apache.kafka.clients.admin.Admin admin) {
    try {
      Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = admin
          .listConsumerGroupOffsets(PLANNER_APPLICATION_ID).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
      committed.keySet().forEach(p -> latest.put(p, org.apache.kafka.clients.admin.OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
      long lag = 0;
      for (var e : committed.entrySet()) {
        if (e.getValue() != null && ends.containsKey(e.getKey())) {
          lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
        }
      }
      return lag;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Calls the applier's own Route53 code makes for one drift check: the zones, then every record set. */
  int driftCheckCalls() {
    // The same credentials as the applier's, as the SDK's system properties (this JVM's environment is fixed).
    Map<String, String> environment = awsEnvironment();
    System.setProperty("aws.accessKeyId", environment.get("AWS_ACCESS_KEY_ID"));
    System.setProperty("aws.secretAccessKey", environment.get("AWS_SECRET_ACCESS_KEY"));
    System.setProperty("aws.region", environment.get("AWS_REGION"));
    System.setProperty("aws.disableEc2Metadata", environment.get("AWS_EC2_METADATA_DISABLED"));
    int before = total(route53.calls());
    // Counted, not timed: the account's rate is lifted meanwhile, since this listing does not pace
    // itself as the applier's retrying core does.
    route53.rateLimit(0);
    try (DnsProvider provider = new Route53ProviderFactory().create(new String[] {"--aws-endpoint-url=" + route53.endpoint()},
        AccountRateBudget.of(0))) {
      Zone zone = provider.zones().stream().filter(z -> z.id().equals(zoneId)).findFirst().orElseThrow();
      provider.records(zone);
    } finally {
      route53.rateLimit(Route53Floor.REQUESTS_PER_SECOND);
    }
    return total(route53.calls()) - before;
  }

  static int total(Map<String, Integer> calls) {
    return calls.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The planner's state on disk (its RocksDB stores and checkpoints), in bytes. */
  long plannerStateBytes() {
    try (Stream<Path> files = Files.walk(plannerStateDir())) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0; // a file the planner removed meanwhile
        }
      }).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Waits until {@code condition} holds; false when {@code timeout} passes first. */
  static boolean await(BooleanSupplier condition, Duration timeout, Duration every) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      ServiceProcess.pause(every);
    }
    return true;
  }

  @Override
  public void close() {
    closing = true;
    background.shutdownNow();
    // Services before the broker, so they stop cleanly rather than retrying a broker that is gone.
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("bench: stopping " + started.get(i) + " failed: " + e);
      }
    }
  }

}
