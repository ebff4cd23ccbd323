package io.dnsplane.applier.webhook;

import io.dnsplane.applier.aws.Route53ProviderFactory;
import io.dnsplane.applier.cloudflare.CloudflareProviderFactory;
import io.dnsplane.applier.core.ProviderContractTest;
import io.dnsplane.applier.inmemory.InMemoryProvider;
import io.dnsplane.applier.inmemory.ZoneFiles;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.fakes.cloudflare.CloudflareFake;
import io.dnsplane.fakes.route53.Route53Fake;
import io.dnsplane.model.Endpoint;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The provider contract suite through ExternalDNS's webhook API: the webhook client, talking to
 * dnsplane's webhook server, in front of each other provider (in-memory; Route53 and Cloudflare
 * through their local APIs). What holds for the provider directly holds through the API.
 */
class WebhookContractTests {
  /** The client against the server in front of {@code behind}. */
  abstract static class ThroughWebhook extends ProviderContractTest {
    private WebhookServer server;
    private DnsProvider behind;

    abstract DnsProvider behind() throws Exception;

    @Override
    protected DnsProvider newProvider() throws Exception {
      behind = behind();
      server = WebhookServer.start(behind, "127.0.0.1:0");
      return new WebhookProvider(URI.create("http://" + server.address()), Duration.ofSeconds(10), List.of(),
          RequestBudget.UNLIMITED, d -> {});
    }

    @Override
    protected void stopProvider() throws Exception {
      server.close();
      behind.close();
      stopBehind();
    }

    void stopBehind() {}
  }

  /** The folder a real DNS server kept its files in. */
  static void deleteFolder(java.nio.file.Path dir) {
    try (var files = java.nio.file.Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Nested
  class InMemory extends ThroughWebhook {
    @Override
    DnsProvider behind() throws Exception {
      org.xbill.DNS.Zone zone = ZoneFiles.empty("example.com");
      zone.addRecord(new org.xbill.DNS.ARecord(org.xbill.DNS.Name.fromString("legacy.example.com."), org.xbill.DNS.DClass.IN,
          300, java.net.InetAddress.getByName("198.51.100.1")));
      return new InMemoryProvider(List.of(zone));
    }
  }

  @Nested
  class Route53 extends ThroughWebhook {
    private Route53Fake fake;

    @Override
    DnsProvider behind() {
      System.setProperty("aws.accessKeyId", "AKIAWEBHOOK");
      System.setProperty("aws.secretAccessKey", "local");
      System.setProperty("aws.disableEc2Metadata", "true");
      fake = Route53Fake.start();
      String zone = fake.addZone("example.com", false, Map.of());
      fake.putRecord(zone, "legacy.example.com", "A", 300, "198.51.100.1");
      return new Route53ProviderFactory().create(new String[] {"--aws-endpoint-url=" + fake.endpoint()}, RequestBudget.UNLIMITED);
    }

    @Override
    void stopBehind() {
      fake.close();
    }
  }

  @Nested
  class Cloudflare extends ThroughWebhook {
    private CloudflareFake fake;

    @Override
    DnsProvider behind() {
      fake = CloudflareFake.start("test-token");
      String zone = fake.addZone("example.com");
      fake.putRecord(zone, "legacy.example.com", "A", "198.51.100.1", 300);
      return new CloudflareProviderFactory(Map.of("CF_API_TOKEN", "test-token"))
          .create(new String[] {"--cloudflare-api-url=" + fake.apiUrl()}, RequestBudget.UNLIMITED);
    }

    @Override
    protected Endpoint asPlanned(Endpoint e) {
      return new Endpoint(e.dnsName(), e.recordType(), e.targets(), e.ttl(), e.setIdentifier(), e.labels(),
          Map.of(io.dnsplane.model.ProviderProperties.CLOUDFLARE_PROXIED, "false"));
    }

    @Override
    void stopBehind() {
      fake.close();
    }
  }

  @Nested
  class PowerDns extends ThroughWebhook {
    private io.dnsplane.fakes.servers.PowerDns server;
    private java.nio.file.Path dir;

    @Override
    DnsProvider behind() throws Exception {
      dir = java.nio.file.Files.createTempDirectory("pdns-webhook");
      server = io.dnsplane.fakes.servers.PowerDns.start(dir, "webhook-key");
      server.createZone("example.com");
      server.request("PATCH", "/api/v1/servers/localhost/zones/example.com.", """
          {"rrsets":[{"name":"legacy.example.com.","type":"A","ttl":300,"changetype":"REPLACE",
            "records":[{"content":"198.51.100.1","disabled":false}]}]}""");
      return new io.dnsplane.applier.pdns.PdnsProviderFactory(Map.of()).create(new String[] {
          "--pdns-server=" + server.apiUrl(), "--pdns-api-key=webhook-key"}, RequestBudget.UNLIMITED);
    }

    @Override
    void stopBehind() {
      server.close();
      deleteFolder(dir);
    }
  }

  @Nested
  class Bind extends ThroughWebhook {
    private io.dnsplane.fakes.servers.Rfc2136Server server;
    private java.nio.file.Path dir;

    @Override
    DnsProvider behind() throws Exception {
      dir = java.nio.file.Files.createTempDirectory("bind-webhook");
      server = io.dnsplane.fakes.servers.Rfc2136Server.start(io.dnsplane.fakes.servers.Rfc2136Server.Kind.BIND, dir,
          List.of("example.com"), 0);
      DnsProvider rfc2136 = new io.dnsplane.applier.rfc2136.Rfc2136ProviderFactory(Map.of()).create(new String[] {
          "--rfc2136-host=127.0.0.1", "--rfc2136-port=" + server.port(), "--rfc2136-zone=example.com",
          "--rfc2136-tsig-keyname=" + io.dnsplane.fakes.servers.Rfc2136Server.KEY_NAME,
          "--rfc2136-tsig-secret=" + server.secret(), "--rfc2136-axfr"}, RequestBudget.UNLIMITED);
      rfc2136.apply(new io.dnsplane.applier.spi.Zone("example.com", "example.com"), new io.dnsplane.model.Changes.Builder()
          .create(Endpoint.of("legacy.example.com", "A", 300, "198.51.100.1")).build());
      return rfc2136;
    }

    @Override
    void stopBehind() {
      server.close();
      deleteFolder(dir);
    }
  }
}
