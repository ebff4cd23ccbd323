package io.dnsplane.runtime;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every flag can come from the environment, as ExternalDNS reads {@code EXTERNAL_DNS_<FLAG>}:
 * {@code --txt-encrypt-aes-key} from {@code DNSPLANE_TXT_ENCRYPT_AES_KEY}, so a chart passes secrets
 * by {@code valueFrom}. The command line wins over the environment, the environment over the
 * built-in default. A repeatable flag with a separator (a comma for most) takes a list.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  public static final String PREFIX = "DNSPLANE_";

  private final Map<String, String> environment;

  public EnvironmentDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** {@code --kafka-bootstrap-servers} is {@code DNSPLANE_KAFKA_BOOTSTRAP_SERVERS}. */
  public static String variableOf(String flag) {
    return PREFIX + flag.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    return environment.get(variableOf(option.longestName()));
  }
}
