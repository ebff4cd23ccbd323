package io.dnsplane.planner.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.planner.PlannerConfig;
import io.dnsplane.planner.PlanningOptions;
import io.dnsplane.planner.audit.AuditJson;
import io.dnsplane.planner.audit.AuditOptions;
import io.dnsplane.planner.audit.HistoryPrinter;
import io.dnsplane.runtime.Cli;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnsplane replay}: plans the recorded inputs again with a fresh planner and compares its
 * plans with the recorded ones. Given the planner's flags (or its environment), it plans as the
 * planner did; {@code --set} changes one setting, to see what it would have done.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Feeds the recorded desire, heartbeats, zones and observations through a fresh planner (the real"
        + " topology in Kafka Streams' test driver: nothing is written to Kafka) and compares the plans it makes"
        + " between --from and --to with the plans recorded. Give it the planner's flags, or run it with the planner's"
        + " environment. Exit 0: the same plans; 1: they differ (each difference printed); 4: --from is before the"
        + " topics' retention; 6: the replay failed.")
public final class ReplayMain implements Callable<Integer> {
  @Option(names = "--from", converter = AuditOptions.Time.class, description = "Compare the plans made from this"
      + " time (ISO-8601, or PT2H ago); what came before is replayed too, to build the planner's state."
      + " Default: the oldest record kept.")
  Instant from;

  @Option(names = "--to", converter = AuditOptions.Time.class, description = "Until this time. Default: now.")
  Instant to;

  @Option(names = "--set", paramLabel = "FLAG=VALUE", description = "Replay with this planner flag changed, e.g."
      + " --set policy=upsert-only (repeatable).")
  Map<String, String> set = new LinkedHashMap<>();

  @Mixin
  PlanningOptions planning = new PlanningOptions();

  @Mixin
  io.dnsplane.planner.ApplicationIdOption application = new io.dnsplane.planner.ApplicationIdOption();

  @Mixin
  AuditOptions audit = new AuditOptions();

  @Spec
  CommandSpec spec;

  /** A command of the planner's decision flags alone: how --set re-reads them. */
  @Command(name = "replay")
  static final class Planning {
    @Mixin
    PlanningOptions planning = new PlanningOptions();
  }

  @Override
  public Integer call() {
    io.dnsplane.runtime.Logging.forCommandLine();
    io.dnsplane.runtime.Logging.quiet("warn", "io.dnsplane.planner.topology");
    // The test driver's state directory is a temporary one, on purpose: Kafka Streams need not warn of it.
    io.dnsplane.runtime.Logging.quiet("error", "org.apache.kafka.streams");
    Instant until = to == null ? Instant.now() : to;
    if (from != null && from.isAfter(until)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--from " + from + " is after --to " + until);
    }
    PlanningOptions replayed = set.isEmpty() ? planning : withSettings();
    PrintWriter err = spec.commandLine().getErr();
    RecordedRun run;
    try {
      run = RecordedRun.read(audit.connection(), audit.topics(), Replay.readsSourceTopics(set.keySet()) ? null
          : io.dnsplane.planner.topology.PlannerStores.nameEventsTopic(application.id));
    } catch (RuntimeException e) {
      err.println("dnsplane replay: cannot read the recorded topics: " + e.getMessage());
      return AuditOptions.FAILED;
    }
    Optional<String> tooOld = run.tooOld(from);
    if (tooOld.isPresent()) {
      err.println("dnsplane replay: " + tooOld.get());
      return AuditOptions.BEFORE_RETENTION;
    }
    PlannerConfig config = replayed.config(audit.connection(), Path.of("unused"));
    Replay.Outcome outcome;
    try {
      outcome = Replay.run(config, audit.topics(), run, from, until);
    } catch (RuntimeException e) {
      err.println("dnsplane replay: the replay failed: " + e);
      org.slf4j.LoggerFactory.getLogger(ReplayMain.class).debug("replay failed", e);
      return AuditOptions.FAILED;
    }
    List<PlanComparison.Difference> differences = outcome.differences();
    PrintWriter out = spec.commandLine().getOut();
    differences.forEach(d -> out.println(audit.json() ? json(d) : table(d)));
    err.printf("dnsplane replay: %d inputs replayed (%s)%s%s; plans from %s to %s: %d recorded, %d replayed, %s%n",
        outcome.inputs(), run.nameEvents() != null ? "the name events, in the order planned"
            : "the source topics, through the planner's fan-out", set.isEmpty() ? "" : " with " + set,
        outcome.dropped() == 0 ? ""
            : " (" + outcome.dropped() + " observations after recorded batches it did not plan left out)",
        outcome.from().equals(Instant.EPOCH) ? "the first" : outcome.from(), until, outcome.recorded().size(),
        outcome.replayed().size(), differences.isEmpty() ? "the same"
            : differences.size() + (differences.size() == 1 ? " difference" : " differences"));
    return differences.isEmpty() ? 0 : 1;
  }

  /** The planner's flags as given (arguments, then environment), with --set's on top. */
  private PlanningOptions withSettings() {
    Planning changed = new Planning();
    CommandLine cli = Cli.commandLine(changed).setUnmatchedArgumentsAllowed(true).setOverwrittenOptionsAllowed(true);
    List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
    set.forEach((flag, value) -> {
      String option = flag.startsWith("--") ? flag : "--" + flag;
      if (cli.getCommandSpec().findOption(option) == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--set " + flag + ": the planner has no flag "
            + option + " that decides plans");
      }
      args.add(option + "=" + value);
    });
    cli.parseArgs(args.toArray(String[]::new));
    return changed.planning;
  }

  private static String table(PlanComparison.Difference d) {
    ChangeBatch b = d.batch();
    String side = d.only() == PlanComparison.Side.RECORDED ? "- recorded, not replayed" : "+ replayed, not recorded";
    return String.format("%s  %s %s  %s %s (%s)  batch %s%n    %s", side, b.getPlannedAt(), b.getRule(), b.getProvider(),
        b.getZoneName(), b.getZoneId(), b.getBatchId(), changes(b));
  }

  private static String changes(ChangeBatch b) {
    List<String> parts = new ArrayList<>();
    if (!b.getCreate().isEmpty()) {
      parts.add("create " + HistoryPrinter.records(b.getCreate()));
    }
    if (!b.getUpdateNew().isEmpty()) {
      parts.add("update " + HistoryPrinter.records(b.getUpdateOld()) + " -> " + HistoryPrinter.records(b.getUpdateNew()));
    }
    if (!b.getDelete().isEmpty()) {
      parts.add("delete " + HistoryPrinter.records(b.getDelete()));
    }
    return String.join("; ", parts);
  }

  private static String json(PlanComparison.Difference d) {
    ChangeBatch b = d.batch();
    ObjectNode n = AuditJson.MAPPER.createObjectNode()
        .put("only", d.only() == PlanComparison.Side.RECORDED ? "recorded" : "replayed")
        .put("plannedAt", b.getPlannedAt().toString()).put("rule", b.getRule().name()).put("batchId", b.getBatchId())
        .put("provider", b.getProvider()).put("zoneId", b.getZoneId()).put("zoneName", b.getZoneName())
        .put("dryRun", b.getDryRun());
    n.set("create", AuditJson.endpoints(b.getCreate()));
    n.set("updateOld", AuditJson.endpoints(b.getUpdateOld()));
    n.set("updateNew", AuditJson.endpoints(b.getUpdateNew()));
    n.set("delete", AuditJson.endpoints(b.getDelete()));
    return n.toString();
  }

  public static void main(String[] args) {
    System.exit(Cli.run(new ReplayMain(), args));
  }
}
