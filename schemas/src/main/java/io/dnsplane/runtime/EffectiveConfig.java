package io.dnsplane.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A service's effective configuration, one flag a line, logged once at start (what it runs with,
 * wherever each value came from: argument, environment or default), with secrets masked: flags
 * named for keys, tokens, passwords and secrets, and Kafka properties of that kind.
 */
public final class EffectiveConfig {
  public static final String MASK = "****";
  private static final Logger log = LoggerFactory.getLogger(EffectiveConfig.class);
  /** Flags whose value is a secret; a {@code -file} flag names where a secret is, which is not one. */
  private static final Pattern SECRET_FLAG = Pattern.compile("--.*(key|token|password|secret|user-info)(-[a-z]+)?");

  private EffectiveConfig() {}

  static boolean isSecretFlag(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return !n.endsWith("-file") && SECRET_FLAG.matcher(n).matches();
  }

  /** {@code --flag=value} for every option of {@code spec} and its mixins, sorted, secrets masked. */
  public static List<String> describe(CommandSpec spec) {
    Map<String, String> lines = new TreeMap<>();
    for (OptionSpec option : spec.options()) {
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      String name = option.longestName();
      Object value = option.getValue();
      lines.put(name, shown(name, value));
    }
    List<String> out = new ArrayList<>();
    lines.forEach((name, value) -> out.add(name + "=" + value));
    return out;
  }

  private static String shown(String name, Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, String> masked = new TreeMap<>();
      map.forEach((k, v) -> masked.put(String.valueOf(k), isSecretFlag(name) || KafkaConnection.isSecret(String.valueOf(k))
          ? MASK : String.valueOf(v)));
      return masked.toString();
    }
    String text = String.valueOf(value);
    return isSecretFlag(name) && !text.isEmpty() && !text.equals("[]") ? MASK : text;
  }

  /** Logs the effective configuration of {@code spec} once. */
  public static void log(String service, CommandSpec spec) {
    log.info("{} starting with {}", service, String.join(" ", describe(spec)));
  }
}
