package io.dnsplane.local.deploy;

import io.dnsplane.applier.ApplierMain;
import io.dnsplane.planner.PlannerMain;
import io.dnsplane.watcher.WatcherMain;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The flags each service takes, read from the services' own picocli commands. */
final class ChartFlags {
  private ChartFlags() {}

  static Set<String> watcher() {
    return flagsOf(new WatcherMain());
  }

  static Set<String> planner() {
    return flagsOf(new PlannerMain());
  }

  /** The applier's own flags, whatever its provider. */
  static Set<String> applier() {
    return flagsOf(new ApplierMain());
  }

  /** Each provider's own flags. */
  static Map<String, Set<String>> providers() {
    Map<String, Set<String>> byProvider = new TreeMap<>();
    ApplierMain.factories().forEach((name, f) -> byProvider.put(name, flagsOf(f.newOptions())));
    return byProvider;
  }

  static Set<String> flagsOf(Object command) {
    Set<String> flags = new TreeSet<>();
    for (OptionSpec o : new CommandLine(command).getCommandSpec().options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      for (String name : o.names()) {
        if (name.startsWith("--")) {
          flags.add(name);
          if (o.negatable()) {
            flags.add("--no-" + name.substring(2));
          }
        }
      }
    }
    return flags;
  }

  /** The lines flags.yaml should hold for the three components. */
  static String yaml() {
    StringBuilder out = new StringBuilder();
    for (var entry : List.of(List.of("watcher", watcher()), List.of("planner", planner()), List.of("applier", applier()))) {
      out.append(entry.get(0)).append(":\n");
      ((Set<?>) entry.get(1)).forEach(f -> out.append("  - \"").append(f).append("\"\n"));
    }
    out.append("providers:\n");
    providers().forEach((name, flags) -> {
      out.append("  ").append(name).append(":\n");
      flags.forEach(f -> out.append("    - \"").append(f).append("\"\n"));
    });
    return out.toString();
  }
}
