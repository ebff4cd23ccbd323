package io.dnsplane.planner;

import io.dnsplane.runtime.Cli;
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
  PlanningOptions planning = new PlanningOptions();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  ApplicationIdOption application = new ApplicationIdOption();

  @Option(names = "--state-dir", defaultValue = "/var/lib/dnsplane/planner", description = "Where the planner keeps its local state (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(names = "--commit-interval", defaultValue = "PT0.1S", description = "ISO-8601 duration between the planner's"
      + " exactly-once commits (Kafka Streams' commit.interval.ms). A change becomes readable to the appliers at the commit"
      + " after it is planned, twice over (the name events are repartitioned): shorter is quicker and costs more"
      + " transactions (default: ${DEFAULT-VALUE}).")
  java.time.Duration commitInterval;

  @Override
  public Integer call() throws Exception {
    ServiceOptions.Started started = service.start("planner", spec, List.of());
    PlannerConfig config = planning.config(started.kafka(), stateDir).withApplicationId(application.id)
        .withReplayWindow(service.replayWindow()).withCommitInterval(commitInterval);
    PlannerService planner = PlannerService.start(config, started.topics());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    io.dnsplane.runtime.ExternalDnsMetrics.registerBuildInfo(registry, PlannerMain.class);
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
