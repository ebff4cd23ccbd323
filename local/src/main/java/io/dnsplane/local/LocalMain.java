package io.dnsplane.local;

import ch.qos.logback.classic.Level;
import io.dnsplane.runtime.RunUntilShutdown;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dnsplane local}: the whole pipeline in one process, on an embedded Kafka broker. */
@Command(name = "local", mixinStandardHelpOptions = true,
    description = "Runs Kafka, mock Kubernetes clusters, watchers, the planner and an applier in one process.")
public final class LocalMain implements Callable<Integer> {
  @Option(names = "--state-dir", defaultValue = ".dnsplane/local", description = "Where kubeconfigs and Kafka data go (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(names = "--examples", defaultValue = "examples", description = "Example clusters and zones (default: ${DEFAULT-VALUE}).")
  Path examples;

  @Option(names = "--dns-port", defaultValue = "1053", description = "Port of the in-memory DNS server on 127.0.0.1, UDP and TCP (default: ${DEFAULT-VALUE}).")
  int dnsPort;

  @Option(names = "--partitions", defaultValue = "3", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--provider", defaultValue = "inmemory", description = "Where records go: inmemory (answers DNS), aws (Route53 provider against a local Route53), cloudflare, webhook (the in-memory provider behind ExternalDNS's webhook API), pdns (a local PowerDNS server) or rfc2136 (a local BIND 9), when installed (default: ${DEFAULT-VALUE}).")
  String provider;

  @Option(names = "--kafka-sasl-ssl", description = "Run the broker with a SASL_SSL listener (TLS, SCRAM-SHA-512 or"
      + " PLAIN), its certificate made at start, as a secured production Kafka would be.")
  boolean kafkaSaslSsl;

  @Option(names = "--schema-registry-url", description = "A Confluent-compatible schema registry: every topic then"
      + " carries Confluent's wire format, the schemas registered there.")
  String schemaRegistryUrl;

  @Option(names = {"-v", "--verbose"}, description = "Log what every service does.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    quietLogging(verbose);
    PrintStream out = System.out;
    out.println("Starting dnsplane locally (state in " + stateDir.toAbsolutePath() + ") ...");
    LocalConfig config = new LocalConfig(stateDir.toAbsolutePath(), examples.toAbsolutePath(), dnsPort, partitions,
        Duration.ofSeconds(5)).withProvider(provider).withSchemaRegistry(schemaRegistryUrl);
    if (kafkaSaslSsl) {
      config = config.withKafkaSecurity(KafkaSecurity.generate(stateDir.toAbsolutePath().resolve("kafka-tls"), "dnsplane"));
    }
    LocalPipeline pipeline;
    try {
      pipeline = LocalPipeline.start(config);
    } catch (IllegalStateException e) {
      // A DNS server local mode starts is not installed, or would not start: say which, and how to get it.
      System.err.println("dnsplane local: " + e.getMessage());
      return 1;
    }
    out.println();
    out.println("Kafka:       " + pipeline.bootstrapServers() + " (" + pipeline.connection().securityProtocol()
        + (kafkaSaslSsl ? "; client properties in " + pipeline.clientPropertiesFile() : "") + ")");
    pipeline.describeDns().stream().filter(l -> !l.startsWith("Try:")).forEach(out::println);
    pipeline.clusters().values().forEach(c -> out.println("Cluster " + c.name() + ": " + c.url()
        + "  kubeconfig " + pipeline.kubeconfigPath(c.name())));
    out.println();
    pipeline.describeDns().stream().filter(l -> l.startsWith("Try:")).forEach(out::println);
    out.println("      kubectl --kubeconfig " + pipeline.kubeconfigPath("cluster-a") + " get --raw /apis/networking.k8s.io/v1/namespaces/default/ingresses");
    out.println("Ctrl-C stops everything. Record changes as they are applied:");
    out.println();
    LiveSummary summary = new LiveSummary(pipeline.connection(), pipeline.topics().applyResults(), out);
    RunUntilShutdown.closeOnShutdown(() -> {
      out.println("Stopping ...");
      summary.close();
      pipeline.close();
    });
    return 0;
  }

  /** Local mode keeps the console for the live summary: services log warnings only, unless verbose. */
  private static void quietLogging(boolean verbose) {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.dnsplane")).setLevel(verbose ? Level.INFO : Level.WARN);
    for (String noisy : new String[] {"org.apache.kafka", "kafka", "state.change.logger", "io.fabric8"}) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(noisy)).setLevel(Level.ERROR);
    }
    // The fabric8 mock server logs every request through java.util.logging.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
  }

  public static void main(String[] args) {
    System.exit(io.dnsplane.runtime.Cli.run(new LocalMain(), args));
  }
}
