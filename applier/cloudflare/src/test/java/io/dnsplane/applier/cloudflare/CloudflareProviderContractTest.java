package io.dnsplane.applier.cloudflare;

import io.dnsplane.fakes.cloudflare.CloudflareFake;
import io.dnsplane.applier.core.ProviderContractTest;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RequestBudget;
import java.util.Map;

class CloudflareProviderContractTest extends ProviderContractTest {
  private CloudflareFake fake;

  @Override
  protected DnsProvider newProvider() throws Exception {
    fake = CloudflareFake.start("test-token");
    String zone = fake.addZone("example.com");
    fake.putRecord(zone, "legacy.example.com", "A", "198.51.100.1", 300);
    return new CloudflareProviderFactory(Map.of("CF_API_TOKEN", "test-token"))
        .create(new String[] {"--cloudflare-api-url=" + fake.apiUrl()}, RequestBudget.UNLIMITED);
  }

  @Override
  protected io.dnsplane.model.Endpoint asPlanned(io.dnsplane.model.Endpoint e) {
    return new io.dnsplane.model.Endpoint(e.dnsName(), e.recordType(), e.targets(), e.ttl(), e.setIdentifier(), e.labels(),
        Map.of(CloudflareRecords.PROXIED, "false"));
  }

  @Override
  protected void stopProvider() {
    fake.close();
  }
}
