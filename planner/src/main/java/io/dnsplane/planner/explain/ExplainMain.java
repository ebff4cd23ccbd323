package io.dnsplane.planner.explain;

import io.dnsplane.schema.registry.SchemaRegistryOptions;
import io.dnsplane.planner.ownership.TxtRegistryOptions;
import io.dnsplane.runtime.Cli;
import io.dnsplane.runtime.KafkaOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dnsplane explain NAME}: what dnsplane knows and decided about one DNS name. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Prints the planner's view of a DNS name: desire per cluster and object, what the provider holds and"
        + " who owns it, each object's status, and the last change with its causes. Give the TXT flags the planner has.")
public final class ExplainMain implements Callable<Integer> {
  @Parameters(index = "0", description = "The DNS name.")
  String name;

  @Mixin
  KafkaOptions kafka = new KafkaOptions();

  @Mixin
  SchemaRegistryOptions schemaRegistry = new SchemaRegistryOptions();

  @Mixin
  TxtRegistryOptions txt = new TxtRegistryOptions();

  @Override
  public Integer call() {
    io.dnsplane.runtime.Logging.forCommandLine();
    new NameExplanation(kafka.connection(), schemaRegistry.topics(), txt.config()).print(name, System.out);
    return 0;
  }

  public static void main(String[] args) {
    System.exit(Cli.run(new ExplainMain(), args));
  }
}
