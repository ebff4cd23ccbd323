package io.dnsplane.local.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dnsplane.applier.ApplierMain;
import io.dnsplane.applier.core.AccountRateBudget;
import io.dnsplane.applier.core.ApplyOnce;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.ProviderFactory;
import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.preview.EndpointJson;
import io.dnsplane.planner.preview.PreviewException;
import io.dnsplane.planner.preview.PreviewReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code dnsplane plan --provider NAME [--once]}: the manifests planned against the zones as the
 * provider lists them, and with {@code --once} applied to it through the applier core's
 * {@link ApplyOnce}: ExternalDNS's {@code --once} (one sync loop, then exit) for a CI job. Every
 * zone the provider manages is planned, or only {@code --zone}; a name goes to the most specific.
 */
final class PlanOnce {
  private final ProviderFactory factory;
  private final List<String> providerArgs;
  private final String onlyZone;
  private final boolean apply;
  private final double maxDeleteFraction;
  private final PrintStream out;

  /**
   * @param planSpec the plan command, parsed: the options it shares with the provider go to both
   * @param unmatched the arguments plan does not know, which are the provider's
   */
  PlanOnce(String provider, CommandLine.Model.CommandSpec planSpec, List<String> unmatched, String onlyZone,
      boolean apply, double maxDeleteFraction, PrintStream out) {
    this.factory = ApplierMain.factories().get(provider);
    if (factory == null) {
      throw new PreviewException("unknown provider '" + provider + "'; have: " + ApplierMain.factories().keySet());
    }
    this.providerArgs = providerArgs(planSpec, unmatched, factory);
    this.onlyZone = onlyZone.isEmpty() ? "" : DnsNames.normalize(onlyZone);
    this.apply = apply;
    this.maxDeleteFraction = maxDeleteFraction;
    this.out = out;
    ApplyOnce.checkFraction(maxDeleteFraction); // before connecting
  }

  /** The provider's arguments: those plan does not know, and those of plan's options the provider declares too. */
  static List<String> providerArgs(CommandLine.Model.CommandSpec planSpec, List<String> unmatched, ProviderFactory factory) {
    CommandLine.Model.CommandSpec providerSpec = new CommandLine(factory.newOptions()).getCommandSpec();
    List<String> args = new ArrayList<>();
    for (OptionSpec option : planSpec.commandLine().getParseResult().matchedOptions()) {
      if (providerSpec.findOption(option.longestName()) == null) {
        continue;
      }
      if (option.arity().max() == 0) {
        args.add(option.longestName());
      } else {
        option.originalStringValues().forEach(v -> args.add(option.longestName() + "=" + v));
      }
    }
    args.addAll(unmatched);
    return args;
  }

  /**
   * Plans (and with --once applies) every zone.
   *
   * @param options the manifest plan's options for a zone as the provider listed it
   * @return the plan command's exit code
   */
  int run(Function<ManifestPlanPreview.ZoneContents, ManifestPlanPreview.Options> options,
      List<ManifestPlanPreview.Cluster> clusters, boolean json) {
    ObjectNode byZone = EndpointJson.JSON.createObjectNode();
    boolean changes = false;
    boolean partly = false;
    try (DnsProvider provider = listed("start provider " + factory.name(),
        () -> factory.create(providerArgs.toArray(String[]::new), AccountRateBudget.of(0)))) {
      ApplyOnce once = new ApplyOnce(provider, maxDeleteFraction);
      List<Zone> all = listed("list the zones", () -> once.read(provider::zones));
      List<Zone> planned = zonesToPlan(all, provider.name());
      ManifestPlanPreview.Desire desire = null;
      for (Zone zone : planned) {
        String zoneName = DnsNames.normalize(zone.name());
        List<Endpoint> records = listed("list zone " + zoneName, () -> once.read(() -> provider.records(zone)));
        Set<String> inner = new TreeSet<>();
        all.stream().map(z -> DnsNames.normalize(z.name()))
            .filter(n -> !n.equals(zoneName) && DnsNames.isInZone(n, zoneName)).forEach(inner::add);
        ManifestPlanPreview.Options zoneOptions = options.apply(
            new ManifestPlanPreview.ZoneContents(zoneName, records, provider.capabilities(), inner));
        desire = desire != null ? desire : ManifestPlanPreview.Desire.of(clusters, zoneOptions);
        ManifestPlanPreview.Planned plan = ManifestPlanPreview.planned(desire, zoneOptions);
        changes |= !plan.result().changes().isEmpty();
        ObjectNode zoneJson = (ObjectNode) parse(PreviewReport.json(plan.result()));
        if (!json) {
          out.print(PreviewReport.table(plan.result()));
        }
        if (apply && !plan.byName().isEmpty()) {
          ApplyOnce.Report report = once.apply(zone, records, plan.byName());
          partly |= !report.complete();
          if (json) {
            zoneJson.set("applied", reportJson(report));
          } else {
            out.print(reportTable(zone, report));
          }
        }
        byZone.set(zoneName, zoneJson);
      }
    }
    if (json) {
      out.println(byZone.toPrettyString());
    }
    if (apply) {
      return partly ? PlanMain.PARTLY_APPLIED : PlanMain.NO_CHANGES;
    }
    return changes ? PlanMain.CHANGES : PlanMain.NO_CHANGES;
  }

  private List<Zone> zonesToPlan(List<Zone> all, String providerName) {
    if (onlyZone.isEmpty()) {
      if (all.isEmpty()) {
        throw new PreviewException("provider " + providerName + " manages no zone (after its filters)");
      }
      return all;
    }
    List<Zone> matching = all.stream().filter(z -> DnsNames.normalize(z.name()).equals(onlyZone)).toList();
    if (matching.isEmpty()) {
      throw new PreviewException("provider " + providerName + " has no zone " + onlyZone + " (after its filters); it has: "
          + all.stream().map(Zone::name).sorted().toList());
    }
    return matching;
  }

  /** A provider call that fails says what was being done: the plan cannot go on without it. */
  private static <T> T listed(String what, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (PreviewException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PreviewException("cannot " + what + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }

  static String reportTable(Zone zone, ApplyOnce.Report report) {
    StringBuilder text = new StringBuilder();
    text.append(String.format("Applied %d change%s to %s in %d call%s.%n", report.applied(),
        report.applied() == 1 ? "" : "s", zone.name(), report.calls(), report.calls() == 1 ? "" : "s"));
    for (RecordFailure f : report.failures()) {
      text.append("! not applied  ").append(f.endpoint().dnsName()).append(' ').append(f.endpoint().recordType())
          .append(": ").append(f.reason()).append('\n');
    }
    report.held().ifPresent(reason -> text.append("! held  ").append(String.join(", ", report.heldNames()))
        .append(": ").append(reason).append('\n'));
    return text.toString();
  }

  private static JsonNode reportJson(ApplyOnce.Report report) {
    ObjectNode node = EndpointJson.JSON.createObjectNode();
    node.put("changes", report.applied()).put("calls", report.calls());
    ArrayNode failures = node.putArray("notApplied");
    report.failures().forEach(f -> failures.addObject().put("dnsName", f.endpoint().dnsName())
        .put("recordType", f.endpoint().recordType()).put("reason", f.reason()).put("retryable", f.retryable()));
    report.held().ifPresent(reason -> {
      node.put("held", reason);
      report.heldNames().forEach(node.putArray("heldNames")::add);
    });
    return node;
  }

  private static JsonNode parse(String json) {
    try {
      return EndpointJson.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
