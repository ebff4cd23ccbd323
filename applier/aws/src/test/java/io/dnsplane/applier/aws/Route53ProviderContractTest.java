package io.dnsplane.applier.aws;

import io.dnsplane.fakes.route53.Route53Fake;
import io.dnsplane.applier.core.ProviderContractTest;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RequestBudget;
import java.util.Map;

class Route53ProviderContractTest extends ProviderContractTest {
  private Route53Fake fake;

  @Override
  protected DnsProvider newProvider() throws Exception {
    fake = Route53Fake.start();
    String zone = fake.addZone("example.com", false, Map.of());
    fake.putRecord(zone, "legacy.example.com", "A", 300, "198.51.100.1");
    return Route53Testing.provider(fake, RequestBudget.UNLIMITED);
  }

  @Override
  protected void stopProvider() {
    fake.close();
  }
}
