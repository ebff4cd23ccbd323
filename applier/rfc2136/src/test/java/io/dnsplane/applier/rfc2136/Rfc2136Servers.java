package io.dnsplane.applier.rfc2136;

import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.fakes.servers.Rfc2136Server;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The RFC2136 provider, built by its factory as the applier builds it, pointed at a real server. */
final class Rfc2136Servers {
  private Rfc2136Servers() {}

  static DnsProvider provider(Rfc2136Server server, String... more) {
    List<String> args = new ArrayList<>(List.of("--rfc2136-host=127.0.0.1", "--rfc2136-port=" + server.port(),
        "--rfc2136-zone=example.com", "--rfc2136-tsig-keyname=" + Rfc2136Server.KEY_NAME,
        "--rfc2136-tsig-secret=" + server.secret(), "--rfc2136-tsig-secret-alg=hmac-sha256", "--rfc2136-axfr"));
    args.addAll(List.of(more));
    return new Rfc2136ProviderFactory(Map.of()).create(args.toArray(String[]::new), RequestBudget.UNLIMITED);
  }
}
