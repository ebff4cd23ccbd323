package io.dnsplane.planner;

import io.dnsplane.planner.ownership.TxtRegistryOptions;
import io.dnsplane.planner.plan.ClusterDomains;
import io.dnsplane.planner.plan.ClusterOrigin;
import io.dnsplane.planner.plan.Policy;
import io.dnsplane.runtime.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How the planner decides, in ExternalDNS's flags where it has them: one declaration for
 * {@code dnsplane planner} and {@code dnsplane replay}, so a replay plans exactly as the planner it
 * replays (with the planner's environment it reads the same DNSPLANE_* settings).
 */
public final class PlanningOptions {
  @Mixin
  TxtRegistryOptions txt = new TxtRegistryOptions();

  @Option(names = "--policy", required = true, description = "sync, upsert-only or create-only (ExternalDNS's flag; required, no default).")
  String policy;

  @Option(names = "--dry-run", description = "Plan, publish and audit changes; appliers change nothing.")
  boolean dryRun;

  @Mixin
  ScopeOptions scope = new ScopeOptions();

  @Option(names = "--cluster-timeout", defaultValue = "PT2M", description = "ISO-8601 duration after which a silent cluster is stale (default: ${DEFAULT-VALUE}).")
  Duration clusterTimeout;

  @Option(names = "--stale-cluster-policy", defaultValue = "keep", description = "keep (records stay) or withdraw (a stale cluster's targets leave shared record sets, never the last one). Default: ${DEFAULT-VALUE}.")
  String staleClusterPolicy;

  @Option(names = "--cluster-domains", description = "CLUSTER=DOMAIN[,DOMAIN...]: the only domains that cluster may claim names in (repeatable).")
  List<String> clusterDomains = List.of();

  @Option(names = "--cluster-owner-ids", description = "CLUSTER=OWNER[,OWNER...]: the TXT owner ids a cluster may"
      + " use on its own topics (desire, heartbeats), when not its cluster id (repeatable). A record there claiming"
      + " another is refused, to the dead-letter topic.")
  List<String> clusterOwnerIds = List.of();

  @Option(names = "--deletion-grace", defaultValue = "PT0S", description = "ISO-8601 duration a delete waits, cancelled if the desire comes back (default ${DEFAULT-VALUE}, as ExternalDNS; PT5M is a safe choice).")
  Duration deletionGrace;

  @Option(names = "--listing-settle", defaultValue = "PT10S", description = "ISO-8601 duration the planner waits after an"
      + " applier listed a zone before planning its names, so that the whole listing has arrived (default: ${DEFAULT-VALUE}).")
  Duration listingSettle;

  /** The planner's settings these flags give, on this Kafka and state directory. */
  public PlannerConfig config(KafkaConnection kafka, Path stateDir) {
    return PlannerConfig.defaults(kafka, stateDir, Policy.fromFlag(policy))
        .withDryRun(dryRun)
        .withTxtRegistry(txt.config())
        .withRecordTypes(scope.managedRecordTypes(), scope.excludeRecordTypes())
        .withDomainFilter(scope.domainFilter())
        .withStaleClusters(clusterTimeout, PlannerConfig.StaleClusterPolicy.fromFlag(staleClusterPolicy))
        .withClusterDomains(ClusterDomains.parse(clusterDomains))
        .withClusterOrigin(ClusterOrigin.parse(clusterOwnerIds))
        .withDeletionGrace(deletionGrace)
        .withListingSettle(listingSettle);
  }
}
