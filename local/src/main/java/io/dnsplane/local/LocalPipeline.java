package io.dnsplane.local;

import io.dnsplane.applier.core.Applier;
import io.dnsplane.applier.core.ApplierConfig;
import io.dnsplane.applier.inmemory.InMemoryProvider;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.inmemory.ZoneFiles;
import io.dnsplane.planner.PlannerConfig;
import io.dnsplane.planner.PlannerService;
import io.dnsplane.planner.plan.Policy;
import io.dnsplane.runtime.KafkaConnection;
import io.dnsplane.schema.TopicAdmin;
import io.dnsplane.schema.registry.SchemaRegistryOptions;
import io.dnsplane.schema.Topics;
import io.dnsplane.watcher.Watcher;
import io.dnsplane.watcher.WatcherConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process: an embedded Kafka broker, one mock Kubernetes API server and
 * watcher per example cluster, the planner, and an applier: the in-memory one with its DNS server,
 * or Route53's or Cloudflare's against a local stand-in of their API. Each
 * start begins afresh (the broker's and planner's data of an earlier run are removed), so a start
 * after a crash works. Planner and applier can be restarted alone, as in production.
 */
public final class LocalPipeline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);

  private final LocalConfig config;
  private final Topics topics;
  private final List<AutoCloseable> started = new ArrayList<>();
  private final Map<String, MockCluster> clusters = new LinkedHashMap<>();
  private final Map<String, Watcher> watchers = new LinkedHashMap<>();
  private EmbeddedKafka embedded;
  private KafkaConnection kafka;
  private LocalDns dns;
  private PlannerService planner;
  private Applier applier;
  private StateDirLock stateLock;

  private LocalPipeline(LocalConfig config) {
    this.topics = config.schemaRegistryUrl() == null ? Topics.singleObjectEncoding()
        : SchemaRegistryOptions.confluent(config.schemaRegistryUrl(), Map.of(), Duration.ofSeconds(60), true);
    this.config = config;
  }

  private java.util.function.UnaryOperator<PlannerConfig> plannerSettings = java.util.function.UnaryOperator.identity();

  public static LocalPipeline start(LocalConfig config) {
    return start(config, java.util.function.UnaryOperator.identity());
  }

  /** As above, the planner started with local mode's settings and then {@code plannerSettings}' (a TXT prefix, say). */
  public static LocalPipeline start(LocalConfig config, java.util.function.UnaryOperator<PlannerConfig> plannerSettings) {
    LocalPipeline pipeline = new LocalPipeline(config);
    pipeline.plannerSettings = plannerSettings;
    try {
      pipeline.startAll();
      return pipeline;
    } catch (RuntimeException | IOException e) {
      pipeline.close();
      throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
    }
  }

  private void startAll() throws IOException {
    stateLock = StateDirLock.acquire(config.stateDir());
    deleteRecursively(config.stateDir().resolve("kafka"));
    deleteRecursively(config.stateDir().resolve("planner"));
    if (config.externalKafka() != null) {
      kafka = config.externalKafka();
    } else {
      embedded = EmbeddedKafka.start(config.stateDir().resolve("kafka"), config.kafkaSecurity());
      kafka = embedded.connection();
    }
    // ./dnsplane explain|approve|topics find this broker here while local mode runs (and, when it
    // is secured, the client properties to log in with).
    Files.writeString(bootstrapFile(), kafka.bootstrapServers() + "\n");
    if (config.schemaRegistryUrl() != null) {
      Files.writeString(registryFile(), config.schemaRegistryUrl() + "\n");
    }
    if (config.kafkaSecurity() != null) {
      java.util.Properties client = new java.util.Properties();
      client.putAll(kafka.properties());
      try (var out = Files.newOutputStream(clientPropertiesFile())) {
        client.store(out, "dnsplane local mode: how to reach its SASL_SSL broker (--kafka-config)");
      }
    }
    dns = LocalDns.start(config.provider(), loadZones(config.examples().resolve("zones")),
        route53Listings(config.examples().resolve("zones")), config.dnsPort());
    topics.prepare(List.of(dns.providerName()));
    // Each example cluster's own desire topic exists before the planner subscribes to them.
    TopicAdmin.ensureTopics(kafka, topics.all(List.of(dns.providerName()), clusterIds()),
        config.partitions(), (short) 1);
    startApplier();
    startPlanner();

    for (String clusterId : clusterIds()) {
      MockCluster cluster = MockCluster.start(clusterId);
      clusters.put(clusterId, cluster);
      cluster.seed(config.examples().resolve("clusters").resolve(clusterId));
      cluster.writeKubeconfig(kubeconfigPath(clusterId));
      startWatcher(clusterId);
    }
  }

  private List<String> clusterIds() throws IOException {
    Path dir = config.examples().resolve("clusters");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(dir)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<org.xbill.DNS.Zone> loadZones(Path dir) throws IOException {
    List<org.xbill.DNS.Zone> zones = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".zone")).sorted().toList()) {
          zones.add(ZoneFiles.load(file));
        }
      }
    }
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("no zone files (*.zone) in " + dir);
    }
    return zones;
  }

  /** {@code *.route53.json} beside the zone files: a zone as Route53 lists it, for --provider=aws. */
  private static List<Path> route53Listings(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".route53.json")).sorted().toList();
    }
  }

  public void startWatcher(String clusterId) {
    KubernetesClient client = clusters.get(clusterId).newClient();
    WatcherConfig watcherConfig = new WatcherConfig(clusterId, clusterId, kafka, "",
        config.heartbeatInterval()).withSources(List.of("ingress", "service", "crd", "gateway-httproute", "gateway-grpcroute",
        "gateway-tlsroute", "gateway-tcproute", "gateway-udproute", "node", "openshift-route", "contour-httpproxy",
        "istio-gateway", "istio-virtualservice"));
    watchers.put(clusterId, Watcher.start(watcherConfig, client, topics, Clock.systemUTC()));
  }

  public void stopWatcher(String clusterId) {
    Watcher watcher = watchers.remove(clusterId);
    if (watcher != null) {
      watcher.close();
    }
  }

  public void startPlanner() {
    startPlanner(plannerSettings);
  }

  /** Starts the planner with local mode's settings, then {@code adjust}'s (a test's cluster timeout, say). */
  public void startPlanner(java.util.function.UnaryOperator<PlannerConfig> adjust) {
    // Local mode retries refused changes after 5 s instead of 30 s, so a demo does not keep you waiting.
    // It keeps the planner's --listing-settle, which a replay of its topics assumes.
    PlannerConfig plannerConfig = PlannerConfig.defaults(kafka, config.stateDir().resolve("planner"),
        Policy.SYNC).withRetries(Duration.ofSeconds(5), Duration.ofSeconds(5));
    planner = PlannerService.start(adjust.apply(plannerConfig), topics);
  }

  public void stopPlanner() {
    planner.close();
    planner = null;
  }

  public void startApplier() {
    DnsProvider provider = dns.newProvider();
    applier = Applier.start(provider, ApplierConfig.defaults(kafka, provider.name())
        .withDriftInterval(config.driftInterval()), topics, Clock.systemUTC());
  }

  public void stopApplier() {
    applier.close();
    applier = null;
  }

  public Path kubeconfigPath(String clusterId) {
    return config.stateDir().resolve("kubeconfig-" + clusterId + ".yaml");
  }

  public Map<String, MockCluster> clusters() {
    return clusters;
  }

  /** Restarts the embedded broker under whatever load runs (see {@link EmbeddedKafka#restart}). */
  public void restartKafka(Duration downtime) {
    if (embedded == null) {
      throw new IllegalStateException("local mode runs on an external Kafka: restart it there");
    }
    embedded.restart(downtime);
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public KafkaConnection connection() {
    return kafka;
  }

  /** Where local mode leaves its broker's address for the launcher's other commands. */
  public Path bootstrapFile() {
    return config.stateDir().resolve(BOOTSTRAP_FILE);
  }

  public static final String BOOTSTRAP_FILE = "kafka-bootstrap-servers";

  /** The schema registry local mode frames its topics with, for the launcher's other commands. */
  public Path registryFile() {
    return config.stateDir().resolve("schema-registry-url");
  }

  /** The client properties of a secured local broker, for --kafka-config. */
  public Path clientPropertiesFile() {
    return config.stateDir().resolve("kafka-client.properties");
  }

  public int dnsPort() {
    if (dns instanceof LocalDns.Pdns pdns) {
      return pdns.server.dnsPort();
    }
    return dns instanceof LocalDns.Rfc2136 bind ? bind.server.port() : inMemory().server.port();
  }

  /** The in-memory provider and its DNS server: local mode's own, or the one behind the webhook server. */
  private LocalDns.InMemory inMemory() {
    return dns instanceof LocalDns.Webhook webhook ? webhook.behind : (LocalDns.InMemory) dns;
  }

  /** Lines telling where the records can be seen (DNS, or the local provider API). */
  public List<String> describeDns() {
    return dns.describe();
  }

  public Topics topics() {
    return topics;
  }

  /** A new client of the pipeline's provider, to look at what it holds as the applier would. */
  public DnsProvider newProviderClient() {
    return dns.newProvider();
  }

  /** The in-memory provider, when local mode runs it (--provider inmemory or webhook). */
  public InMemoryProvider provider() {
    return inMemory().provider;
  }

  /** The local Route53, when local mode runs --provider=aws. */
  public io.dnsplane.fakes.route53.Route53Fake route53() {
    return ((LocalDns.Route53) dns).fake;
  }

  @Override
  public void close() {
    watchers.values().forEach(w -> closeQuietly(w));
    watchers.clear();
    if (planner != null) {
      closeQuietly(planner);
    }
    if (applier != null) {
      closeQuietly(applier);
    }
    if (dns != null) {
      closeQuietly(dns);
    }
    clusters.values().forEach(LocalPipeline::closeQuietly);
    if (embedded != null) {
      closeQuietly(embedded);
      try {
        Files.deleteIfExists(bootstrapFile());
        Files.deleteIfExists(clientPropertiesFile());
        Files.deleteIfExists(registryFile());
      } catch (IOException e) {
        log.warn("cannot remove {}: {}", bootstrapFile(), e.toString());
      }
    }
    if (stateLock != null) {
      closeQuietly(stateLock);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("error while stopping {}: {}", c.getClass().getSimpleName(), e.toString());
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
