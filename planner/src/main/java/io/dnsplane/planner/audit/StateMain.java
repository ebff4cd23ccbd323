package io.dnsplane.planner.audit;

import io.dnsplane.avro.Endpoint;
import io.dnsplane.runtime.Cli;
import io.dnsplane.schema.TopicSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dnsplane state ZONE --at TIME}: the zone's records as dnsplane had applied them then. */
@Command(name = "state", mixinStandardHelpOptions = true,
    description = "Rebuilds a zone's records, as dnsplane had applied them at a time, from the audit log (names"
        + " dnsplane never touched are the provider's and not shown); --diff shows what changed between two times."
        + " Exit 4: the time is before the audit log's retention; 5: no applier announced the zone.")
public final class StateMain implements Callable<Integer> {
  @Parameters(index = "0", description = "The zone: its name (example.com) or its provider's id.")
  String zone;

  @Option(names = "--at", converter = AuditOptions.Time.class, description = "The time (ISO-8601, or PT2H ago)."
      + " Default: now.")
  Instant at;

  @Option(names = "--diff", converter = AuditOptions.Time.class, description = "A second time: print what changed"
      + " between --at and it.")
  Instant diff;

  @Mixin
  AuditOptions audit = new AuditOptions();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    io.dnsplane.runtime.Logging.forCommandLine();
    Instant when = at == null ? Instant.now() : at;
    AuditLog log = audit.read();
    boolean announced = TopicSnapshot.read(audit.kafka.connection(), audit.topics().providerZones(), (k, v) -> v != null
        && (v.getZoneId().equals(zone) || io.dnsplane.model.DnsNames.normalize(v.getZoneName())
            .equals(io.dnsplane.model.DnsNames.normalize(zone)))).size() > 0;
    if (!announced && log.results().stream().noneMatch(r -> ZoneState.inZone(r, zone))) {
      spec.commandLine().getErr().printf("dnsplane state: no applier announced a zone %s, and the audit log has nothing of it%n", zone);
      return AuditOptions.UNKNOWN_ZONE;
    }
    for (Instant t : diff == null ? List.of(when) : List.of(when, diff)) {
      java.util.Optional<String> tooOld = log.tooOld(t);
      if (tooOld.isPresent()) {
        spec.commandLine().getErr().println("dnsplane state: " + tooOld.get());
        return AuditOptions.BEFORE_RETENTION;
      }
    }
    Map<String, Endpoint> then = ZoneState.at(log.results(), zone, when);
    if (diff == null) {
      print(then);
      return 0;
    }
    List<ZoneState.Difference> changes = ZoneState.diff(then, ZoneState.at(log.results(), zone, diff));
    if (audit.output == AuditOptions.Output.json) {
      changes.forEach(d -> spec.commandLine().getOut().println(differenceJson(d)));
    } else {
      changes.forEach(d -> spec.commandLine().getOut().printf("%s  %s  ->  %s%n", d.key(), d.then() == null ? "(none)"
          : HistoryPrinter.records(List.of(d.then())), d.now() == null ? "(none)" : HistoryPrinter.records(List.of(d.now()))));
    }
    return 0;
  }

  private void print(Map<String, Endpoint> records) {
    for (Endpoint e : records.values()) {
      if (audit.output == AuditOptions.Output.json) {
        spec.commandLine().getOut().println(AuditJson.endpoint(e));
      } else {
        spec.commandLine().getOut().printf("%-40s %-6s %6d  %s%n", e.getDnsName(), e.getRecordType(), e.getRecordTTL(),
            String.join(",", e.getTargets()));
      }
    }
  }

  private static String differenceJson(ZoneState.Difference d) {
    com.fasterxml.jackson.databind.node.ObjectNode n = AuditJson.MAPPER.createObjectNode().put("record", d.key());
    n.set("then", d.then() == null ? null : AuditJson.endpoint(d.then()));
    n.set("now", d.now() == null ? null : AuditJson.endpoint(d.now()));
    return n.toString();
  }

  public static void main(String[] args) {
    System.exit(Cli.run(new StateMain(), args));
  }
}
