package io.dnsplane.runtime;

import java.util.Map;
import picocli.CommandLine;

/** How every dnsplane command line is made: flags from the arguments, else the environment. */
public final class Cli {
  private Cli() {}

  public static CommandLine commandLine(Object command) {
    return commandLine(command, System.getenv());
  }

  public static CommandLine commandLine(Object command, Map<String, String> environment) {
    CommandLine cli = new CommandLine(command);
    cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
    // A service that cannot start says why in one line, not a stack trace.
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("dnsplane " + commandLine.getCommandName() + ": "
          + (e.getMessage() == null ? e.toString() : e.getMessage()));
      org.slf4j.LoggerFactory.getLogger(Cli.class).debug("start-up failed", e);
      return 1;
    });
    cli.getCommandSpec().usageMessage().footer("%nEvery flag can also come from the environment: --kafka-bootstrap-servers"
        + " from " + EnvironmentDefaults.variableOf("--kafka-bootstrap-servers") + ", and so on; the command line wins.");
    return cli;
  }

  /** Parses {@code args} into {@code options} (a provider's own flags), the environment filling the gaps. */
  public static <T> T populate(T options, String... args) {
    return populate(options, System.getenv(), args);
  }

  public static <T> T populate(T options, Map<String, String> environment, String... args) {
    CommandLine cli = commandLine(options, environment);
    cli.parseArgs(args);
    EffectiveConfig.log(cli.getCommandName(), cli.getCommandSpec());
    return options;
  }

  /** Runs a service's main: exit code of {@code command}. */
  public static int run(Object command, String... args) {
    return commandLine(command).execute(args);
  }
}
