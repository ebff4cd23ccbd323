package io.dnsplane.applier.inmemory;

import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.ProviderFactory;
import io.dnsplane.applier.spi.RequestBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.dnsplane.runtime.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code --provider=inmemory}: zones in memory, answered over real DNS. */
public final class InMemoryProviderFactory implements ProviderFactory {
  @Command(name = "inmemory")
  static final class Options {
    @Option(names = "--zone", description = "An empty zone to serve (repeatable).")
    List<String> zones = new ArrayList<>();

    @Option(names = "--zone-file", description = "A zone in RFC 1035 master format to load (repeatable).")
    List<Path> zoneFiles = new ArrayList<>();

    @Option(names = "--dns-address", defaultValue = "127.0.0.1", description = "Address the DNS server binds (default: ${DEFAULT-VALUE}).")
    String dnsAddress;

    @Option(names = "--dns-port", defaultValue = "1053", description = "UDP and TCP port of the DNS server; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int dnsPort;
  }

  @Override
  public String name() {
    return InMemoryProvider.NAME;
  }

  @Override
  public DnsProvider create(String[] providerArgs, RequestBudget budget) {
    // No API behind it: the request budget is not spent.
    Options options = Cli.populate(new Options(), providerArgs);
    try {
      List<org.xbill.DNS.Zone> zones = new ArrayList<>();
      for (Path file : options.zoneFiles) {
        zones.add(ZoneFiles.load(file));
      }
      for (String zone : options.zones) {
        zones.add(ZoneFiles.empty(zone));
      }
      if (zones.isEmpty()) {
        throw new IllegalArgumentException("the in-memory provider needs at least one --zone or --zone-file");
      }
      return new ServedInMemoryProvider(new InMemoryProvider(zones),
          InetAddress.getByName(options.dnsAddress), options.dnsPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Object newOptions() {
    return new Options();
  }
}
