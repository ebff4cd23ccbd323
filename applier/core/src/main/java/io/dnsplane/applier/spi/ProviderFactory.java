package io.dnsplane.applier.spi;

/**
 * Creates a provider from its own command-line options. Found with {@link java.util.ServiceLoader}:
 * each provider module registers one, so the applier jar of a provider carries only that provider.
 */
public interface ProviderFactory {
  /** ExternalDNS's --provider value: aws, cloudflare, inmemory, ... */
  String name();

  /**
   * Parses the provider's own options and connects. Bad options throw IllegalArgumentException.
   *
   * @param budget acquired before every API request the provider sends
   */
  DnsProvider create(String[] providerArgs, RequestBudget budget);

  /** A fresh instance of the provider's own options (a picocli command), for --help and deployment checks. */
  Object newOptions();

  /** The provider's options, for --help. */
  default String usage() {
    return new picocli.CommandLine(newOptions()).getUsageMessage();
  }
}
