package io.dnsplane.watcher;

import io.dnsplane.runtime.RunUntilShutdown;
import io.dnsplane.runtime.OpsServer;
import io.dnsplane.watcher.source.ObjectFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.dnsplane.schema.TopicAdmin;
import io.dnsplane.schema.Topics;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dnsplane watcher}: runs in one cluster, holds no DNS credentials. */
@Command(name = "watcher", mixinStandardHelpOptions = true,
    description = "Watches one Kubernetes cluster and publishes the DNS endpoints its objects want.")
public final class WatcherMain implements Callable<Integer> {
  @Option(names = "--cluster-id", required = true, description = "This cluster's id, unique across the fleet.")
  String clusterId;

  @Option(names = "--txt-owner-id", description = "TXT owner id of this cluster's records (ExternalDNS's flag). Default: the cluster id.")
  String ownerId;

  @Option(names = "--kafka-bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--kubeconfig", description = "Kubeconfig file. Default: in-cluster config or ~/.kube/config.")
  Path kubeconfig;

  @Option(names = "--namespace", defaultValue = "", description = "Only watch this namespace (ExternalDNS's flag). Default: all.")
  String namespace;

  @Option(names = "--heartbeat-interval", defaultValue = "PT10S", description = "ISO-8601 duration between heartbeats (default: ${DEFAULT-VALUE}).")
  Duration heartbeatInterval;

  @Option(names = "--source", split = ",", defaultValue = "ingress", description = "What to watch (ExternalDNS's names, repeatable): ingress, service, crd (DNSEndpoint), gateway-httproute, gateway-grpcroute. Default: ${DEFAULT-VALUE}.")
  List<String> sources;

  @Option(names = "--service-type-filter", split = ",", description = "Only Services of these types (ExternalDNS's flag).")
  java.util.Set<String> serviceTypeFilter = java.util.Set.of();

  @Option(names = "--record-events", negatable = true, defaultValue = "true", description = "Record what became of each object's DNS as Kubernetes Events on it (default: ${DEFAULT-VALUE}).")
  boolean recordEvents;

  @Option(names = "--metrics-address", defaultValue = ":7979", description = "Where /healthz, /readyz and /metrics are served (ExternalDNS's flag; default: ${DEFAULT-VALUE}).")
  String metricsAddress;

  @Option(names = "--annotation-filter", defaultValue = "", description = "Only objects whose annotations match this label selector (ExternalDNS's flag).")
  String annotationFilter;

  @Option(names = "--label-filter", defaultValue = "", description = "Only objects whose labels match this label selector (ExternalDNS's flag).")
  String labelFilter;

  @Option(names = "--ingress-class", description = "Only Ingresses of these classes (ExternalDNS's flag, repeatable).")
  java.util.Set<String> ingressClasses = java.util.Set.of();

  @Option(names = "--max-endpoints-per-object", defaultValue = "1000", description = "An object wanting more endpoints gets none and an Invalid event (default: ${DEFAULT-VALUE}; 0 for no limit).")
  int maxEndpointsPerObject;

  @Option(names = "--domain-filter", split = ",", description = "Only names in these domains (ExternalDNS's flag, repeatable).")
  List<String> domainFilter = List.of();

  @Option(names = "--exclude-domains", split = ",", description = "Never names in these domains (ExternalDNS's flag, repeatable).")
  List<String> excludeDomains = List.of();

  @Option(names = "--publish-internal-services", description = "Publish ClusterIP Services' hostname annotation with their cluster IPs (ExternalDNS's flag).")
  boolean publishInternalServices;

  @Option(names = "--fqdn-template", defaultValue = "", description = "Names for Services without a hostname annotation, e.g. {{.Name}}.{{.Namespace}}.example.com (ExternalDNS's flag).")
  String fqdnTemplate;

  @Option(names = "--create-topics", defaultValue = "false", description = "Create missing topics at start.")
  boolean createTopics;

  @Override
  public Integer call() throws Exception {
    WatcherConfig config = new WatcherConfig(clusterId, ownerId, bootstrapServers, namespace, heartbeatInterval,
        sources, serviceTypeFilter, recordEvents, ObjectFilter.of(annotationFilter, labelFilter), ingressClasses,
        maxEndpointsPerObject, io.dnsplane.model.DomainFilter.of(domainFilter, excludeDomains, null, null),
        publishInternalServices, fqdnTemplate);
    Topics topics = Topics.singleObjectEncoding();
    if (createTopics) {
      TopicAdmin.ensureTopics(bootstrapServers, topics.all(List.of()), 3, (short) 1);
    }
    Config kube = kubeconfig == null
        ? Config.autoConfigure(null)
        : Config.fromKubeconfig(Files.readString(kubeconfig));
    KubernetesClient client = new KubernetesClientBuilder().withConfig(kube).build();
    Watcher watcher = Watcher.start(config, client, topics, Clock.systemUTC());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    watcher.bindMetrics(registry);
    OpsServer ops = OpsServer.start(OpsServer.parseAddress(metricsAddress), watcher::isReady, registry);
    RunUntilShutdown.closeOnShutdown(() -> {
      ops.close();
      watcher.close();
      client.close();
    });
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new WatcherMain()).execute(args));
  }
}
