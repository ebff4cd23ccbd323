package io.dnsplane.planner;


import io.dnsplane.planner.ownership.TxtRegistryOptions;
import io.dnsplane.runtime.Cli;





import io.dnsplane.planner.plan.Policy;
import io.dnsplane.runtime.OpsServer;
import io.dnsplane.runtime.RunUntilShutdown;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import io.dnsplane.schema.ServiceOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dnsplane planner}: the one central planner for every cluster. */
@Command(name = "planner", mixinStandardHelpOptions = true,
    description = "Merges the desire of every cluster with what the providers hold and plans changes per zone.")
public final class PlannerMain implements Callable<Integer> {
  @CommandLine.Mixin
  ServiceOptions service = new ServiceOptions();

  @CommandLine.Mixin
  TxtRegistryOptions txt = new TxtRegistryOptions();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--application-id", defaultValue = "dnsplane-planner", description = "Kafka Streams application id (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--state-dir", defaultValue = "/var/lib/dnsplane/planner", description = "Where the planner keeps its local state (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(names = "--policy", required = true, description = "sync, upsert-only or create-only (ExternalDNS's flag; required, no default).")
  String policy;

  @Option(names = "--dry-run", description = "Plan, publish and audit changes; appliers change nothing.")
  boolean dryRun;

  @CommandLine.Mixin
  io.dnsplane.planner.ScopeOptions scope = new io.dnsplane.planner.ScopeOptions();

  @Option(names = "--cluster-timeout", defaultValue = "PT2M", description = "ISO-8601 duration after which a silent cluster is stale (default: ${DEFAULT-VALUE}).")
  java.time.Duration clusterTimeout;

  @Option(names = "--stale-cluster-policy", defaultValue = "keep", description = "keep (records stay) or withdraw (a stale cluster's targets leave shared record sets, never the last one). Default: ${DEFAULT-VALUE}.")
  String staleClusterPolicy;

  @Option(names = "--cluster-domains", description = "CLUSTER=DOMAIN[,DOMAIN...]: the only domains that cluster may claim names in (repeatable).")
  List<String> clusterDomains = List.of();

  @Option(names = "--cluster-owner-ids", description = "CLUSTER=OWNER[,OWNER...]: the TXT owner ids a cluster may"
      + " use on its own topics (desire, heartbeats), when not its cluster id (repeatable). A record there claiming"
      + " another is refused, to the dead-letter topic.")
  List<String> clusterOwnerIds = List.of();

  @Option(names = "--deletion-grace", defaultValue = "PT0S", description = "ISO-8601 duration a delete waits, cancelled if the desire comes back (default ${DEFAULT-VALUE}, as ExternalDNS; PT5M is a safe choice).")
  java.time.Duration deletionGrace;

  @Override
  public Integer call() throws Exception {
    ServiceOptions.Started started = service.start("planner", spec, List.of());
    PlannerConfig config = PlannerConfig.defaults(started.kafka(), stateDir, Policy.fromFlag(policy))
        .withApplicationId(applicationId)
        .withDryRun(dryRun)
        .withTxtRegistry(txt.config())
        .withRecordTypes(scope.managedRecordTypes(), scope.excludeRecordTypes())
        .withDomainFilter(scope.domainFilter())
        .withStaleClusters(clusterTimeout, PlannerConfig.StaleClusterPolicy.fromFlag(staleClusterPolicy))
        .withClusterDomains(io.dnsplane.planner.plan.ClusterDomains.parse(clusterDomains))
        .withClusterOrigin(io.dnsplane.planner.plan.ClusterOrigin.parse(clusterOwnerIds))
        .withDeletionGrace(deletionGrace);
    PlannerService planner = PlannerService.start(config, started.topics());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var streamsMetrics = planner.bindMetrics(registry);
    OpsServer opsServer = OpsServer.start(service.metricsAddress(), planner::isAlive, planner::isReady, registry);
    RunUntilShutdown.closeOnShutdown(() -> {
      opsServer.close();
      streamsMetrics.close();
      planner.close();
    });
    return 0;
  }

  public static void main(String[] args) {
    System.exit(Cli.run(new PlannerMain(), args));
  }
}
