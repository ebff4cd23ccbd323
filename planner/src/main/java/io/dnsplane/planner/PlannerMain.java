package io.dnsplane.planner;

import io.dnsplane.planner.ownership.TxtRegistryConfig;
import io.dnsplane.planner.plan.Policy;
import io.dnsplane.runtime.OpsServer;
import io.dnsplane.runtime.RunUntilShutdown;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.dnsplane.schema.TopicAdmin;
import io.dnsplane.schema.Topics;
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
  @Option(names = "--kafka-bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--application-id", defaultValue = "dnsplane-planner", description = "Kafka Streams application id (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--state-dir", defaultValue = "/var/lib/dnsplane/planner", description = "Where the planner keeps its local state (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(names = "--policy", required = true, description = "sync, upsert-only or create-only (ExternalDNS's flag; required, no default).")
  String policy;

  @Option(names = "--dry-run", description = "Plan, publish and audit changes; appliers change nothing.")
  boolean dryRun;

  @Option(names = "--txt-prefix", defaultValue = "", description = "Prefix of TXT ownership record names (ExternalDNS's flag).")
  String txtPrefix;

  @Option(names = "--txt-suffix", defaultValue = "", description = "Suffix of TXT ownership record names, exclusive with --txt-prefix (ExternalDNS's flag).")
  String txtSuffix;

  @Option(names = "--txt-wildcard-replacement", defaultValue = "", description = "Stands for a leading '*' in TXT record names (ExternalDNS's flag).")
  String txtWildcardReplacement;

  @Option(names = "--txt-encrypt-enabled", description = "Write TXT ownership values encrypted with --txt-encrypt-aes-key (ExternalDNS's format).")
  boolean txtEncryptEnabled;

  @Option(names = "--txt-encrypt-aes-key", defaultValue = "", description = "AES-256 key: 32 characters, or the base64 of 32 bytes. Prefer the DNSPLANE_TXT_ENCRYPT_AES_KEY environment variable.")
  String txtEncryptAesKey;

  @Option(names = "--migrate-from-txt-owner", description = "OLD=NEW: records whose TXT names owner OLD are taken over by owner NEW (repeatable).")
  List<String> migrateFromTxtOwner = List.of();

  @CommandLine.Mixin
  io.dnsplane.planner.ScopeOptions scope = new io.dnsplane.planner.ScopeOptions();

  @Option(names = "--cluster-timeout", defaultValue = "PT2M", description = "ISO-8601 duration after which a silent cluster is stale (default: ${DEFAULT-VALUE}).")
  java.time.Duration clusterTimeout;

  @Option(names = "--stale-cluster-policy", defaultValue = "keep", description = "keep (records stay) or withdraw (a stale cluster's targets leave shared record sets, never the last one). Default: ${DEFAULT-VALUE}.")
  String staleClusterPolicy;

  @Option(names = "--cluster-domains", description = "CLUSTER=DOMAIN[,DOMAIN...]: the only domains that cluster may claim names in (repeatable).")
  List<String> clusterDomains = List.of();

  @Option(names = "--deletion-grace", defaultValue = "PT0S", description = "ISO-8601 duration a delete waits, cancelled if the desire comes back (default ${DEFAULT-VALUE}, as ExternalDNS; PT5M is a safe choice).")
  java.time.Duration deletionGrace;

  @Option(names = "--metrics-address", defaultValue = ":7979", description = "Where /healthz, /readyz and Prometheus /metrics are served, ExternalDNS's flag (default: ${DEFAULT-VALUE}).")
  String metricsAddress;

  @Option(names = "--create-topics", defaultValue = "false", description = "Create missing shared topics at start.")
  boolean createTopics;

  @Override
  public Integer call() throws Exception {
    if (txtEncryptAesKey.isEmpty() && System.getenv("DNSPLANE_TXT_ENCRYPT_AES_KEY") != null) {
      txtEncryptAesKey = System.getenv("DNSPLANE_TXT_ENCRYPT_AES_KEY");
    }
    PlannerConfig config = PlannerConfig.defaults(bootstrapServers, stateDir, Policy.fromFlag(policy))
        .withApplicationId(applicationId)
        .withDryRun(dryRun)
        .withTxtRegistry(new TxtRegistryConfig(txtPrefix, txtSuffix, txtWildcardReplacement, txtEncryptEnabled,
            txtEncryptAesKey, TxtRegistryConfig.parseMigrations(migrateFromTxtOwner)))
        .withRecordTypes(scope.managedRecordTypes(), scope.excludeRecordTypes())
        .withDomainFilter(scope.domainFilter())
        .withStaleClusters(clusterTimeout, PlannerConfig.StaleClusterPolicy.fromFlag(staleClusterPolicy))
        .withClusterDomains(io.dnsplane.planner.plan.ClusterDomains.parse(clusterDomains))
        .withDeletionGrace(deletionGrace);
    Topics topics = Topics.singleObjectEncoding();
    if (createTopics) {
      TopicAdmin.ensureTopics(bootstrapServers, topics.all(List.of()), 3, (short) 1);
    }
    PlannerService planner = PlannerService.start(config, topics);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var streamsMetrics = planner.bindMetrics(registry);
    OpsServer ops = OpsServer.start(OpsServer.parseAddress(metricsAddress), planner::isAlive, planner::isReady, registry);
    RunUntilShutdown.closeOnShutdown(() -> {
      ops.close();
      streamsMetrics.close();
      planner.close();
    });
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new PlannerMain()).execute(args));
  }
}
