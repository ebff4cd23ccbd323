package io.dnsplane.applier.inmemory;

import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/** The in-memory provider together with the DNS server that answers for it; closing stops both. */
public final class ServedInMemoryProvider implements DnsProvider {
  private final InMemoryProvider provider;
  private final DnsServer server;

  public ServedInMemoryProvider(InMemoryProvider provider, InetAddress address, int port) throws IOException {
    this.provider = provider;
    this.server = DnsServer.start(provider, address, port);
  }

  public int dnsPort() {
    return server.port();
  }

  @Override
  public String name() {
    return provider.name();
  }

  @Override
  public List<Zone> zones() {
    return provider.zones();
  }

  @Override
  public List<Endpoint> records(Zone zone) {
    return provider.records(zone);
  }

  @Override
  public ApplyOutcome apply(Zone zone, Changes changes) {
    return provider.apply(zone, changes);
  }

  @Override
  public void close() {
    server.close();
  }
}
