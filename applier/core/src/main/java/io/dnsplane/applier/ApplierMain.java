package io.dnsplane.applier;


import io.dnsplane.applier.core.AccountRateBudget;
import io.dnsplane.applier.core.Applier;
import io.dnsplane.applier.core.ApplierMetrics;
import io.dnsplane.runtime.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.dnsplane.applier.core.ApplierConfig;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.InstanceNamedProvider;
import io.dnsplane.applier.spi.ProviderFactory;
import io.dnsplane.runtime.RunUntilShutdown;

import io.dnsplane.runtime.Cli;

import io.dnsplane.runtime.KafkaConnection;



import io.dnsplane.schema.ServiceOptions;
import io.dnsplane.schema.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code dnsplane applier --provider=NAME [provider options]}: one deployment per DNS provider. */
@Command(name = "applier", mixinStandardHelpOptions = true,
    description = "Applies the planner's change batches to one DNS provider and reports what it holds.")
public final class ApplierMain implements Callable<Integer> {
  @Option(names = "--provider", required = true, description = "The DNS provider (ExternalDNS's flag): one of ${COMPLETION-CANDIDATES}.",
      completionCandidates = ProviderNames.class)
  String provider;

  @Option(names = "--applier-name", description = "This applier's instance name (default: the provider's): its change"
      + " topic, consumer group and the zones it announces. Give each account of one provider its own, e.g."
      + " route53-prod and route53-shared; replicas of one account share theirs.")
  String applierName;

  @Mixin
  ServiceOptions service = new ServiceOptions();

  @Spec
  CommandSpec spec;

  @Mixin
  MaxDeleteFraction maxDeleteFraction = new MaxDeleteFraction();

  @Option(names = "--delete-window", defaultValue = "PT10M", description = "ISO-8601 duration applied deletes count against the breaker (default: ${DEFAULT-VALUE}).")
  java.time.Duration deleteWindow;

  @Option(names = "--drift-interval", defaultValue = "PT1H", description = "ISO-8601 duration between full listings that find changes made outside dnsplane (default: ${DEFAULT-VALUE}).")
  java.time.Duration driftInterval;

  @Option(names = "--kafka-session-timeout", defaultValue = "PT45S", description = "ISO-8601 duration after which a replica that stopped answering loses its zones to the others (default: ${DEFAULT-VALUE}; the broker allows 6 s to 30 min).")
  java.time.Duration sessionTimeout;

  @Option(names = "--provider-rate-limit", defaultValue = "0", description = "Requests per second for the whole provider account, shared by all replicas of this provider by the share of partitions each owns; 0 means no limit (default: ${DEFAULT-VALUE}). Route53 allows 5 per account.")
  double providerRateLimit;

  @Option(names = "--webhook-server", description = "Serve the provider over ExternalDNS's webhook API instead of"
      + " applying batches from Kafka, so a stock ExternalDNS (--provider=webhook) uses it.")
  boolean webhookServer;

  @Option(names = "--webhook-server-address", defaultValue = io.dnsplane.applier.webhook.WebhookApi.DEFAULT_ADDRESS,
      description = "With --webhook-server: HOST:PORT to listen on (default: ${DEFAULT-VALUE}, ExternalDNS's"
      + " --webhook-provider-url default).")
  String webhookServerAddress;

  @Unmatched
  List<String> providerArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    ProviderFactory factory = factories().get(provider);
    if (factory == null) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "unknown provider '" + provider + "'; this applier has: " + factories().keySet());
    }
    String instance = applierName == null ? provider : applierName;
    Topics.changesTopicName(instance); // a bad name fails here, naming the rule
    if (webhookServer) {
      return serveWebhook(factory, instance);
    }
    ServiceOptions.Started started = service.start("applier", spec, List.of(instance));
    KafkaConnection connection = started.kafka();
    Topics topics = started.topics();
    AccountRateBudget budget = budget();
    DnsProvider dns = provider(factory, instance, budget);
    ApplierConfig config = ApplierConfig.defaults(connection, instance).withDeleteBreaker(maxDeleteFraction.value, 10, deleteWindow)
        .withDriftInterval(driftInterval).withSessionTimeout(sessionTimeout);
    PrometheusMeterRegistry registry = registry();
    Applier applier = Applier.start(dns, budget, config, topics, Clock.systemUTC(), ApplierMetrics.of(registry, instance));
    OpsServer opsServer = OpsServer.start(service.metricsAddress(), applier::isAlive, applier::isReady, registry);
    // A loop that died on its own leaves nothing running: exit, so the orchestrator restarts us.
    applier.stopped().exceptionally(e -> {
      System.err.println("dnsplane applier stopped: " + e);
      Runtime.getRuntime().halt(1);
      return null;
    });
    RunUntilShutdown.closeOnShutdown(() -> {
      applier.close();
      opsServer.close();
    });
    return 0;
  }

  private DnsProvider provider(ProviderFactory factory, String instance, AccountRateBudget budget) {
    return InstanceNamedProvider.of(factory.create(providerArgs.toArray(String[]::new), budget), instance);
  }

  private static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    io.dnsplane.runtime.ExternalDnsMetrics.registerBuildInfo(registry, ApplierMain.class);
    return registry;
  }

  private AccountRateBudget budget() {
    try {
      return AccountRateBudget.of(providerRateLimit);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
  }

  /** The provider behind ExternalDNS's webhook API, with /healthz, /readyz and /metrics on --metrics-address. */
  private int serveWebhook(ProviderFactory factory, String instance) throws Exception {
    service.startWithoutKafka("applier", spec);
    DnsProvider dns = provider(factory, instance, budget());
    io.dnsplane.applier.webhook.WebhookServer server = io.dnsplane.applier.webhook.WebhookServer.start(dns, webhookServerAddress);
    OpsServer opsServer = OpsServer.start(service.metricsAddress(), () -> true, () -> true, registry());
    RunUntilShutdown.closeOnShutdown(() -> {
      server.close();
      opsServer.close();
      dns.close();
    });
    return 0;
  }

  /**
   * Parses the applier's flags and its provider's as {@link #main} does, starting nothing: for
   * deployment checks (the Helm chart test). Unknown flags and bad values throw.
   */
  public static void parse(Map<String, String> environment, String... args) {
    ApplierMain main = new ApplierMain();
    CommandLine cli = Cli.commandLine(main, environment);
    cli.setUnmatchedArgumentsAllowed(true);
    cli.parseArgs(args);
    ProviderFactory factory = factories().get(main.provider);
    if (factory == null) {
      throw new CommandLine.ParameterException(cli, "unknown provider '" + main.provider + "'; have: " + factories().keySet());
    }
    Cli.populate(factory.newOptions(), environment, main.providerArgs.toArray(String[]::new));
  }

  public static Map<String, ProviderFactory> factories() {
    Map<String, ProviderFactory> byName = new TreeMap<>();
    ServiceLoader.load(ProviderFactory.class).forEach(f -> byName.put(f.name(), f));
    return byName;
  }

  static final class ProviderNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return factories().keySet().iterator();
    }
  }

  public static void main(String[] args) {
    CommandLine cli = Cli.commandLine(new ApplierMain());
    cli.setUnmatchedArgumentsAllowed(true);
    List<String> footer = new ArrayList<>(List.of(cli.getCommandSpec().usageMessage().footer()));
    factories().values().forEach(f -> footer.add("%nProvider " + f.name() + ":%n" + f.usage().replace("%", "%%")));
    cli.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
    System.exit(cli.execute(args));
  }
}
