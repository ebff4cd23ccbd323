package io.dnsplane.planner.explain;

import io.dnsplane.planner.ownership.TxtRegistryConfig;
import io.dnsplane.schema.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dnsplane explain NAME}: what dnsplane knows and decided about one DNS name. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Prints the planner's view of a DNS name: desire per cluster and object, what the provider holds and"
        + " who owns it, each object's status, and the last change with its causes.")
public final class ExplainMain implements Callable<Integer> {
  @Parameters(index = "0", description = "The DNS name.")
  String name;

  @Option(names = "--kafka-bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--txt-prefix", defaultValue = "", description = "As given to the planner.")
  String txtPrefix;

  @Option(names = "--txt-suffix", defaultValue = "", description = "As given to the planner.")
  String txtSuffix;

  @Option(names = "--txt-wildcard-replacement", defaultValue = "", description = "As given to the planner.")
  String txtWildcardReplacement;

  @Override
  public Integer call() {
    TxtRegistryConfig txt = new TxtRegistryConfig(txtPrefix, txtSuffix, txtWildcardReplacement, false,
        System.getenv().getOrDefault("DNSPLANE_TXT_ENCRYPT_AES_KEY", ""), Map.of());
    new NameExplanation(bootstrapServers, Topics.singleObjectEncoding(), txt).print(name, System.out);
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ExplainMain()).execute(args));
  }
}
