package io.dnsplane.applier.rfc2136;

import io.dnsplane.applier.core.ProviderContractTest;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.fakes.servers.Rfc2136Server;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** The provider contract suite against a real BIND 9 and a real Knot DNS, each started for every test. */
class Rfc2136ProviderContractTests {
  abstract static class AgainstServer extends ProviderContractTest {
    private Rfc2136Server server;
    private Path dir;

    abstract Rfc2136Server.Kind kind();

    @Override
    protected DnsProvider newProvider() throws Exception {
      dir = Files.createTempDirectory("rfc2136-contract");
      server = Rfc2136Server.start(kind(), dir, List.of("example.com"), 0);
      DnsProvider provider = Rfc2136Servers.provider(server);
      // Made by someone else: the contract's legacy record.
      provider.apply(new Zone("example.com", "example.com"), new Changes.Builder()
          .create(Endpoint.of("legacy.example.com", "A", 300, "198.51.100.1")).build());
      return provider;
    }

    @Override
    protected void stopProvider() throws Exception {
      server.close();
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Nested
  class Bind extends AgainstServer {
    @Override
    Rfc2136Server.Kind kind() {
      return Rfc2136Server.Kind.BIND;
    }
  }

  @Nested
  class Knot extends AgainstServer {
    @Override
    Rfc2136Server.Kind kind() {
      return Rfc2136Server.Kind.KNOT;
    }
  }
}
