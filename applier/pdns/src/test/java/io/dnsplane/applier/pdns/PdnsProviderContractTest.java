package io.dnsplane.applier.pdns;

import io.dnsplane.applier.core.ProviderContractTest;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.fakes.servers.PowerDns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The provider contract suite against a real pdns_server (sqlite3 backend) started for each test. */
class PdnsProviderContractTest extends ProviderContractTest {
  private PowerDns server;
  private Path dir;

  @Override
  protected DnsProvider newProvider() throws Exception {
    dir = Files.createTempDirectory("pdns-contract");
    server = PowerDns.start(dir, "contract-key");
    server.createZone("example.com");
    server.request("PATCH", "/api/v1/servers/localhost/zones/example.com.", """
        {"rrsets":[{"name":"legacy.example.com.","type":"A","ttl":300,"changetype":"REPLACE",
          "records":[{"content":"198.51.100.1","disabled":false}]}]}""");
    return new PdnsProviderFactory(Map.of()).create(new String[] {"--pdns-server=" + server.apiUrl(),
        "--pdns-api-key=" + server.apiKey()}, RequestBudget.UNLIMITED);
  }

  @Override
  protected void stopProvider() throws Exception {
    server.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
