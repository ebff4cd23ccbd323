package io.dnsplane.applier.inmemory;

import io.dnsplane.applier.core.ProviderContractTest;
import io.dnsplane.applier.spi.DnsProvider;
import java.util.List;

class InMemoryProviderContractTest extends ProviderContractTest {
  @Override
  protected DnsProvider newProvider() throws Exception {
    org.xbill.DNS.Zone zone = ZoneFiles.empty("example.com");
    zone.addRecord(new org.xbill.DNS.ARecord(org.xbill.DNS.Name.fromString("legacy.example.com."), org.xbill.DNS.DClass.IN,
        300, java.net.InetAddress.getByName("198.51.100.1")));
    return new InMemoryProvider(List.of(zone));
  }
}
