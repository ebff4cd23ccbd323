package io.dnsplane.planner.audit;

import io.dnsplane.avro.SourceRef;
import io.dnsplane.runtime.Cli;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dnsplane history NAME}: every change to a record, or everything one object caused, from the audit log. */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Prints every change dnsplane made (or refused, or held) to a record, oldest first, with who caused"
        + " it (cluster, object and its version, the event), the planner's rule, the provider's change id and the"
        + " outcome. Exit 3: nothing known; 4: the time asked is before the audit log's retention.")
public final class HistoryMain implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", description = "The DNS name (or use --object).")
  String name;

  @Option(names = "--type", description = "Only this record type (A, AAAA, CNAME, TXT, ...).")
  String type;

  @Option(names = "--since", converter = AuditOptions.Time.class, description = "From this time (ISO-8601, or PT2H ago).")
  Instant since;

  @Option(names = "--until", converter = AuditOptions.Time.class, description = "Until this time (ISO-8601, or PT2H ago).")
  Instant until;

  @Option(names = "--object", description = "Everything this object caused: CLUSTER/KIND/NAMESPACE/NAME, e.g."
      + " cluster-a/ingress/default/app.")
  String object;

  @Mixin
  AuditOptions audit = new AuditOptions();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    io.dnsplane.runtime.Logging.forCommandLine();
    if (name == null && object == null) {
      throw new IllegalArgumentException("give a DNS name or --object CLUSTER/KIND/NAMESPACE/NAME");
    }
    AuditLog log = audit.read();
    java.io.PrintWriter out = spec.commandLine().getOut();
    java.util.Optional<String> tooOld = since == null ? java.util.Optional.empty() : log.tooOld(since);
    if (tooOld.isPresent()) {
      spec.commandLine().getErr().println("dnsplane history: " + tooOld.get());
      return AuditOptions.BEFORE_RETENTION;
    }
    List<RecordHistory.Entry> entries = RecordHistory.of(log.results(),
        new RecordHistory.Filter(name, type, since, until, object == null ? null : parseObject(object)));
    if (entries.isEmpty()) {
      spec.commandLine().getErr().printf("dnsplane history: no change to %s in the audit log (%d results read)%n",
          name != null ? name + (type == null ? "" : " " + type) : object, log.results().size());
      return AuditOptions.NOT_FOUND;
    }
    HistoryPrinter printer = new HistoryPrinter(out);
    entries.forEach(audit.output == AuditOptions.Output.json ? printer::json : printer::table);
    return 0;
  }

  static SourceRef parseObject(String value) {
    String[] parts = value.split("/", -1);
    if (parts.length != 4 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("--object wants CLUSTER/KIND/NAMESPACE/NAME (ingress, service, httproute,"
          + " dnsendpoint ...): " + value);
    }
    return new SourceRef(parts[0], parts[1].toLowerCase(java.util.Locale.ROOT), parts[2], parts[3]);
  }

  public static void main(String[] args) {
    System.exit(Cli.run(new HistoryMain(), args));
  }
}
