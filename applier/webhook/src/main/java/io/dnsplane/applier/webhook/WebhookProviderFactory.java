package io.dnsplane.applier.webhook;

import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.ProviderFactory;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.runtime.Cli;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code --provider=webhook}: any provider that speaks ExternalDNS's webhook API, with ExternalDNS's flags. */
public final class WebhookProviderFactory implements ProviderFactory {
  @Command(name = "webhook")
  static final class Options {
    @Option(names = "--webhook-provider-url", defaultValue = "http://localhost:8888",
        description = "The webhook provider's URL (ExternalDNS's flag; default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--webhook-provider-read-timeout", defaultValue = "5s", converter = io.dnsplane.runtime.GoDuration.class,
        description = "Read timeout, as Go (5s, 1m) or ISO-8601 (PT5S) durations (default: ${DEFAULT-VALUE}).")
    Duration readTimeout;

    @Option(names = "--webhook-provider-write-timeout", defaultValue = "10s", converter = io.dnsplane.runtime.GoDuration.class,
        description = "Write timeout (default: ${DEFAULT-VALUE}); a request may take read plus write timeout, as in ExternalDNS.")
    Duration writeTimeout;

    @Option(names = "--webhook-zone", description = "A zone the webhook provider serves (repeatable), when its"
        + " domain filter does not list them (a regex or empty filter); default: the filter's domains.")
    List<String> zones = new ArrayList<>();
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public DnsProvider create(String[] providerArgs, RequestBudget budget) {
    Options options = Cli.populate(new Options(), providerArgs);
    return new WebhookProvider(options.url, options.readTimeout.plus(options.writeTimeout), options.zones, budget,
        delay -> Thread.sleep(delay.toMillis()));
  }

  @Override
  public Object newOptions() {
    return new Options();
  }
}
