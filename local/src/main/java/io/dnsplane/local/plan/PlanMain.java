package io.dnsplane.local.plan;

import io.dnsplane.planner.preview.EndpointJson;
import io.dnsplane.planner.preview.EndpointPlanPreview;
import io.dnsplane.planner.preview.PreviewException;
import io.dnsplane.planner.preview.PreviewReport;
import io.dnsplane.planner.ownership.TxtRegistryConfig;
import io.dnsplane.planner.ownership.TxtRegistryOptions;
import io.dnsplane.planner.plan.Policy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dnsplane plan}: what the planner would change, offline, either from Kubernetes manifests
 * (one folder per cluster) and a zone file or Route53's listing, or from endpoints in ExternalDNS's JSON shape. Exit 0
 * when nothing would change, 2 when changes are planned, 1 on bad input: usable as a CI drift check.
 * With {@code --provider}, the zones are read from the provider itself, and with {@code --once}
 * the plan is applied ({@link PlanOnce}).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Previews what dnsplane would change, from desired and current endpoints in ExternalDNS's JSON shape.")
public final class PlanMain implements Callable<Integer> {
  public static final int NO_CHANGES = 0;
  public static final int CHANGES = 2;
  public static final int ERROR = 1;
  /** --once: some changes were refused, given up on, or held by the delete breaker; the others were applied. */
  public static final int PARTLY_APPLIED = 3;

  @Option(names = "--desired", description = "Endpoint mode: JSON array of desired endpoints.")
  Path desired;

  @Option(names = "--current", description = "Endpoint mode: JSON array of current endpoints, ownership in labels (owner, resource).")
  Path current;

  @Option(names = "--manifests", description = "Manifest mode: a folder of one cluster's manifests; its name is the cluster id (repeatable).")
  List<Path> manifests = List.of();

  @Option(names = "--cluster", description = "Manifest mode: NAME=DIR, a cluster's manifests under another name (repeatable).")
  List<String> namedClusters = List.of();

  @Option(names = "--cluster-owner", description = "Manifest mode: NAME=OWNER, a cluster's TXT owner id (default: its name, or --txt-owner-id for a single cluster).")
  List<String> clusterOwners = List.of();

  @Option(names = "--source", split = ",", defaultValue = "ingress,service,crd,gateway-httproute,gateway-grpcroute,gateway-tlsroute,gateway-tcproute,gateway-udproute,openshift-route,contour-httpproxy,istio-gateway,istio-virtualservice",
      description = "Manifest mode: the kinds the watchers watch (the watcher's --source; node too when given). Default: ${DEFAULT-VALUE}.")
  Set<String> manifestSources;

  @Option(names = "--zone-file", description = "Manifest mode: the zone in RFC 1035 master format, as dig AXFR prints it.")
  Path zoneFile;

  @Option(names = "--route53-records", description = "Manifest mode: the zone as aws route53 list-resource-record-sets --output json prints it (aliases and weighted records included), instead of --zone-file.")
  Path route53Records;

  @Option(names = "--zone", defaultValue = "", description = "Manifest mode: the zone --zone-file or --route53-records must hold.")
  String zone;

  @Option(names = "--provider", description = "Manifest mode: read the zones from this DNS provider (its flags follow,"
      + " as the applier takes them; flags both declare, such as --domain-filter, go to both) instead of a file.")
  String provider;

  @Option(names = "--once", description = "With --provider: apply the plan to the provider and exit (ExternalDNS's"
      + " --once), for a CI job. Bypasses the pipeline: the changes are not in the audit topics. Exit 0 when every"
      + " change is applied, 3 when some were refused or held.")
  boolean once;

  @CommandLine.Mixin
  io.dnsplane.applier.MaxDeleteFraction maxDeleteFraction = new io.dnsplane.applier.MaxDeleteFraction();

  @CommandLine.Unmatched
  List<String> providerArgs = new java.util.ArrayList<>();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--txt-owner-id", defaultValue = "default", description = "The owner id the desire belongs to; empty for no owner filtering (default: ${DEFAULT-VALUE}).")
  String ownerId;

  @Option(names = "--policy", defaultValue = "sync", description = "sync, upsert-only or create-only (default: ${DEFAULT-VALUE}).")
  String policy;

  @CommandLine.Mixin
  TxtRegistryOptions txt = new TxtRegistryOptions();

  @CommandLine.Mixin
  io.dnsplane.planner.ScopeOptions scope = new io.dnsplane.planner.ScopeOptions();

  /** Manifest mode: the watcher's source flags, so the manifests become what the watcher would send. */
  @CommandLine.Mixin
  io.dnsplane.watcher.SourceOptions sources = new io.dnsplane.watcher.SourceOptions();

  @Option(names = "--with-ownership-records", description = "Add the TXT ownership changes.")
  boolean withOwnershipRecords;

  @Option(names = "--output", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  String output;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    try {
      if (!output.equals("table") && !output.equals("json")) {
        throw new PreviewException("--output must be table or json: " + output);
      }
      Set<String> types = scope.plannedRecordTypes();
      EndpointPlanPreview.Result result;
      boolean manifestMode = !manifests.isEmpty() || !namedClusters.isEmpty();
      if (provider == null && !providerArgs.isEmpty()) {
        throw new PreviewException("unknown option: " + String.join(" ", providerArgs));
      }
      if (once && provider == null) {
        throw new PreviewException("--once applies the plan through a provider: give --provider NAME and its flags");
      }
      if (provider != null) {
        if (!manifestMode) {
          throw new PreviewException("--provider plans from manifests: give --manifests DIR (or --cluster NAME=DIR)");
        }
        if (zoneFile != null || route53Records != null) {
          throw new PreviewException("--provider reads the zones from the provider: drop --zone-file and --route53-records");
        }
        PlanOnce plan = new PlanOnce(provider, spec, providerArgs, zone, once,
            maxDeleteFraction.value, out);
        return plan.run(zoneContents -> manifestOptions(zoneContents, types), clusters(), output.equals("json"));
      }
      if (manifestMode) {
        if ((zoneFile == null) == (route53Records == null)) {
          throw new PreviewException("--manifests needs the zone: --zone-file FILE, --route53-records FILE or --provider NAME");
        }
        result = ManifestPlanPreview.plan(clusters(), manifestOptions(null, types));
      } else {
        if (desired == null || current == null) {
          throw new PreviewException("give --manifests DIR with --zone-file FILE, or --desired FILE with --current FILE");
        }
        EndpointPlanPreview.Options options = new EndpointPlanPreview.Options(ownerId, migratingToOwner(),
            Policy.fromFlag(policy), types, scope.domainFilter(), withOwnershipRecords, txt.mapper());
        result = EndpointPlanPreview.plan(EndpointJson.read(desired), EndpointJson.read(current), options);
      }
      out.print(output.equals("json") ? PreviewReport.json(result) : PreviewReport.table(result));
      return result.changes().isEmpty() ? NO_CHANGES : CHANGES;
    } catch (PreviewException | IllegalArgumentException e) {
      err.println("dnsplane plan: " + e.getMessage());
      return ERROR;
    }
  }

  /** @param liveZone the zone as the provider listed it, or null when a file gives it */
  private ManifestPlanPreview.Options manifestOptions(ManifestPlanPreview.ZoneContents liveZone, Set<String> types) {
    TxtRegistryConfig registry = txt.hasBareMigrations() ? txt.config(singleOwner()) : txt.config();
    return new ManifestPlanPreview.Options(zoneFile, route53Records, liveZone, liveZone == null ? zone : "",
        Policy.fromFlag(policy), types, scope.domainFilter(), registry, sources.extraction(), manifestSources);
  }

  private List<ManifestPlanPreview.Cluster> clusters() {
    java.util.Map<String, Path> dirs = new java.util.LinkedHashMap<>();
    manifests.forEach(d -> dirs.put(d.toAbsolutePath().normalize().getFileName().toString(), d));
    for (String named : namedClusters) {
      String[] kv = named.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new PreviewException("--cluster wants NAME=DIR: " + named);
      }
      dirs.put(kv[0], Path.of(kv[1]));
    }
    java.util.Map<String, String> owners = new java.util.HashMap<>();
    for (String o : clusterOwners) {
      String[] kv = o.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new PreviewException("--cluster-owner wants NAME=OWNER: " + o);
      }
      owners.put(kv[0], kv[1]);
    }
    List<ManifestPlanPreview.Cluster> clusters = new java.util.ArrayList<>();
    dirs.forEach((name, dir) -> clusters.add(new ManifestPlanPreview.Cluster(name,
        owners.getOrDefault(name, dirs.size() == 1 ? ownerId : name), dir)));
    return clusters;
  }

  /** Endpoint mode plans one owner, --txt-owner-id: the old owners whose records it takes over. */
  private Set<String> migratingToOwner() {
    Set<String> from = new java.util.TreeSet<>();
    txt.config(ownerId).migrateFromOwner().forEach((old, to) -> {
      if (!to.equals(ownerId)) {
        throw new PreviewException("--migrate-from-txt-owner " + old + "=" + to + ": the endpoints planned are owner '"
            + ownerId + "' (--txt-owner-id); give " + old + " or " + old + "=" + ownerId);
      }
      from.add(old);
    });
    return from;
  }

  /** A bare --migrate-from-txt-owner names the one owner that takes over: the single cluster's. */
  private String singleOwner() {
    List<ManifestPlanPreview.Cluster> clusters = clusters();
    if (clusters.size() != 1) {
      throw new PreviewException("--migrate-from-txt-owner OLD works with one cluster at a time; give OLD=NEW");
    }
    return clusters.get(0).ownerId();
  }

  public static void main(String[] args) {
    CommandLine cli = io.dnsplane.runtime.Cli.commandLine(new PlanMain());
    cli.setParameterExceptionHandler((ex, a) -> {
      cli.getErr().println("dnsplane plan: " + ex.getMessage());
      return ERROR;
    });
    System.exit(cli.execute(args));
  }
}
