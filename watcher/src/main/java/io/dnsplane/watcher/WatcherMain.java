package io.dnsplane.watcher;


import io.dnsplane.runtime.RunUntilShutdown;
import io.dnsplane.runtime.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import io.dnsplane.model.DomainFilterOptions;
import io.dnsplane.runtime.Cli;





import io.dnsplane.schema.ServiceOptions;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
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

  @Mixin
  ServiceOptions service = new ServiceOptions();

  @Mixin
  DomainFilterOptions domains = new DomainFilterOptions();

  @Mixin
  SourceOptions sourceOptions = new SourceOptions();

  @Spec
  CommandSpec spec;

  @Option(names = "--kubeconfig", description = "Kubeconfig file. Default: in-cluster config or ~/.kube/config.")
  Path kubeconfig;

  @Option(names = "--namespace", defaultValue = "", description = "Only watch this namespace (ExternalDNS's flag). Default: all.")
  String namespace;

  @Option(names = "--heartbeat-interval", defaultValue = "PT10S", description = "ISO-8601 duration between heartbeats (default: ${DEFAULT-VALUE}).")
  Duration heartbeatInterval;

  @Option(names = "--source", split = ",", defaultValue = "ingress", description = "What to watch (ExternalDNS's names, repeatable): ingress, service, crd (DNSEndpoint), gateway-httproute, gateway-grpcroute, gateway-tlsroute, gateway-tcproute, gateway-udproute, node, openshift-route, contour-httpproxy, istio-gateway, istio-virtualservice. Default: ${DEFAULT-VALUE}.")
  List<String> sources;

  @Option(names = "--record-events", negatable = true, defaultValue = "true", description = "Record what became of each object's DNS as Kubernetes Events on it (default: ${DEFAULT-VALUE}).")
  boolean recordEvents;

  @Option(names = "--max-endpoints-per-object", defaultValue = "1000", description = "An object wanting more endpoints gets none and an Invalid event (default: ${DEFAULT-VALUE}; 0 for no limit).")
  int maxEndpointsPerObject;

  @Option(names = "--empty-targets-grace", defaultValue = "PT2M", description = "ISO-8601 duration an object that still"
      + " exists keeps its records while it has no targets (a load balancer status that flickers); a deleted object"
      + " withdraws at once (default: ${DEFAULT-VALUE}; PT0S as ExternalDNS).")
  Duration emptyTargetsGrace;

  @Option(names = "--cluster-topic", negatable = true, defaultValue = "true", description = "Write this cluster's"
      + " desire to its own topic, dnsplane.desired-endpoints.<cluster-id>, which Kafka ACLs can let this watcher alone"
      + " write; the planner then knows which cluster a desire came from. --no-cluster-topic writes the shared"
      + " dnsplane.desired-endpoints (default: ${DEFAULT-VALUE}).")
  boolean clusterTopic;

  @Override
  public Integer call() throws Exception {
    ServiceOptions.Started started = service.start("watcher", spec, List.of(), clusterTopic ? List.of(clusterId) : List.of());
    WatcherConfig config = new WatcherConfig(clusterId, ownerId, started.kafka(), namespace, heartbeatInterval,
        sources, recordEvents, sourceOptions.extraction(), maxEndpointsPerObject, domains.domainFilter(),
        emptyTargetsGrace, clusterTopic);
    Topics topics = started.topics();
    Config kube = kubeconfig == null
        ? Config.autoConfigure(null)
        : Config.fromKubeconfig(Files.readString(kubeconfig));
    KubernetesClient client = new KubernetesClientBuilder().withConfig(kube).build();
    Watcher watcher = Watcher.start(config, client, topics, Clock.systemUTC());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    io.dnsplane.runtime.ExternalDnsMetrics.registerBuildInfo(registry, WatcherMain.class);
    watcher.bindMetrics(registry);
    OpsServer opsServer = OpsServer.start(service.metricsAddress(), watcher::isReady, registry);
    RunUntilShutdown.closeOnShutdown(() -> {
      opsServer.close();
      watcher.close();
      client.close();
    });
    return 0;
  }

  public static void main(String[] args) {
    System.exit(Cli.run(new WatcherMain(), args));
  }
}
