package io.dnsplane.local;

import io.dnsplane.applier.aws.Route53ProviderFactory;
import io.dnsplane.applier.cloudflare.CloudflareProviderFactory;
import io.dnsplane.applier.inmemory.DnsServer;
import io.dnsplane.applier.inmemory.InMemoryProvider;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.fakes.cloudflare.CloudflareFake;
import io.dnsplane.fakes.route53.Route53Fake;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Where local mode's records go: the in-memory provider answering real DNS queries (the default),
 * or the real Route53 or Cloudflare provider talking to a local stand-in of that API, seeded with
 * the example zones, or the webhook provider talking to dnsplane's webhook server in front of the
 * in-memory provider. A new provider client is made for every applier start, as a restarted
 * applier process would.
 */
abstract sealed class LocalDns implements AutoCloseable {
  static final List<String> PROVIDERS = List.of("inmemory", "aws", "cloudflare", "webhook", "pdns", "rfc2136");

  abstract String providerName();

  abstract DnsProvider newProvider();

  /** Lines telling the user where the records can be seen. */
  abstract List<String> describe();

  static LocalDns start(String provider, List<org.xbill.DNS.Zone> zones, int dnsPort) throws IOException {
    return start(provider, zones, List.of(), dnsPort);
  }

  /**
   * @param route53Listings zones as Route53 lists them ({@code *.route53.json} beside the zone files:
   *     aliases and weighted sets a zone file cannot hold), for --provider=aws only
   */
  static LocalDns start(String provider, List<org.xbill.DNS.Zone> zones, List<java.nio.file.Path> route53Listings,
      int dnsPort) throws IOException {
    if (!route53Listings.isEmpty() && !provider.equals("aws")) {
      throw new IllegalArgumentException(route53Listings + ": Route53 listings seed --provider=aws only, not " + provider);
    }
    return switch (provider) {
      case "inmemory" -> new InMemory(zones, dnsPort);
      case "aws" -> new Route53(zones, route53Listings);
      case "cloudflare" -> new Cloudflare(zones);
      case "webhook" -> new Webhook(zones, dnsPort);
      case "pdns" -> new Pdns(zones, dnsPort);
      case "rfc2136" -> new Rfc2136(zones, dnsPort);
      default -> throw new IllegalArgumentException("local mode runs --provider " + PROVIDERS + ", not '" + provider + "'");
    };
  }

  /** Every record set of a zone but its apex SOA and NS, as (name, type, ttl, values). */
  static void eachRecordSet(org.xbill.DNS.Zone zone, RecordSetConsumer consumer) {
    for (Iterator<RRset> it = zone.iterator(); it.hasNext(); ) {
      RRset set = it.next();
      if (set.getName().equals(zone.getOrigin()) && (set.getType() == Type.SOA || set.getType() == Type.NS)) {
        continue;
      }
      List<String> values = new ArrayList<>();
      for (Record r : set.rrs()) {
        values.add(r.rdataToString());
      }
      String name = set.getName().toString(true);
      consumer.accept(name, Type.string(set.getType()), set.getTTL(), values);
    }
  }

  /** A server's temporary folder, removed when it stops; one left behind is only a leftover. */
  static void deleteFolder(java.nio.file.Path dir) {
    try (var files = java.nio.file.Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }

  interface RecordSetConsumer {
    void accept(String name, String type, long ttl, List<String> values);
  }

  static final class InMemory extends LocalDns {
    final InMemoryProvider provider;
    final DnsServer server;

    InMemory(List<org.xbill.DNS.Zone> zones, int dnsPort) throws IOException {
      provider = new InMemoryProvider(zones);
      server = DnsServer.start(provider, InetAddress.getByName("127.0.0.1"), dnsPort);
    }

    @Override
    String providerName() {
      return InMemoryProvider.NAME;
    }

    @Override
    DnsProvider newProvider() {
      return provider;
    }

    @Override
    List<String> describe() {
      return List.of("DNS:         127.0.0.1:" + server.port() + " (UDP and TCP)",
          "Try:  dig @127.0.0.1 -p " + server.port() + " api.example.com A +short");
    }

    @Override
    public void close() {
      server.close();
    }
  }

  /** The in-memory provider (answering DNS) behind ExternalDNS's webhook API; the applier is the webhook client. */
  static final class Webhook extends LocalDns {
    final InMemory behind;
    final io.dnsplane.applier.webhook.WebhookServer server;

    Webhook(List<org.xbill.DNS.Zone> zones, int dnsPort) throws IOException {
      behind = new InMemory(zones, dnsPort);
      server = io.dnsplane.applier.webhook.WebhookServer.start(behind.provider, "127.0.0.1:0");
    }

    @Override
    String providerName() {
      return "webhook";
    }

    @Override
    DnsProvider newProvider() {
      return new io.dnsplane.applier.webhook.WebhookProviderFactory()
          .create(new String[] {"--webhook-provider-url=http://" + server.address()}, RequestBudget.UNLIMITED);
    }

    @Override
    List<String> describe() {
      List<String> lines = new ArrayList<>();
      lines.add("Webhook:     http://" + server.address() + " (ExternalDNS's webhook API; the in-memory provider behind it)");
      lines.addAll(behind.describe());
      lines.add("Try:  curl -s -H 'Accept: " + io.dnsplane.applier.webhook.WebhookApi.MEDIA_TYPE + "' http://"
          + server.address() + "/records");
      return lines;
    }

    @Override
    public void close() {
      server.close();
      behind.close();
    }
  }

  /** A real PowerDNS server (when installed), seeded with the example zones, and the PowerDNS provider talking to its API. */
  static final class Pdns extends LocalDns {
    static final String KEY = "local-key";
    final java.nio.file.Path dir;
    final io.dnsplane.fakes.servers.PowerDns server;

    Pdns(List<org.xbill.DNS.Zone> zones, int dnsPort) throws IOException {
      dir = java.nio.file.Files.createTempDirectory("dnsplane-pdns");
      server = io.dnsplane.fakes.servers.PowerDns.start(dir, KEY, dnsPort);
      try {
        seed(zones);
      } catch (RuntimeException e) {
        close(); // a server that started is stopped, whatever failed after
        throw e;
      }
    }

    private void seed(List<org.xbill.DNS.Zone> zones) {
      try (DnsProvider provider = newProvider()) {
        for (org.xbill.DNS.Zone zone : zones) {
          String name = zone.getOrigin().toString(true);
          server.createZone(name);
          io.dnsplane.model.Changes.Builder creates = new io.dnsplane.model.Changes.Builder();
          eachRecordSet(zone, (n, type, ttl, values) -> creates.create(new io.dnsplane.model.Endpoint(n, type, values, ttl,
              "", Map.of(), Map.of())));
          io.dnsplane.applier.spi.Zone pdnsZone = provider.zones().stream().filter(z -> z.name().equals(name)).findFirst()
              .orElseThrow();
          provider.apply(pdnsZone, creates.build());
        }
      }
    }

    @Override
    String providerName() {
      return "pdns";
    }

    @Override
    DnsProvider newProvider() {
      return new io.dnsplane.applier.pdns.PdnsProviderFactory(Map.of())
          .create(new String[] {"--pdns-server=" + server.apiUrl(), "--pdns-api-key=" + KEY}, RequestBudget.UNLIMITED);
    }

    @Override
    List<String> describe() {
      return List.of("PowerDNS:    " + server.apiUrl() + " (a real pdns_server; API key " + KEY + ")",
          "DNS:         127.0.0.1:" + server.dnsPort() + " (UDP and TCP, answered by PowerDNS)",
          "Try:  dig @127.0.0.1 -p " + server.dnsPort() + " api.example.com A +short",
          "Try:  curl -s -H 'X-API-Key: " + KEY + "' " + server.apiUrl() + "/api/v1/servers/localhost/zones/example.com.");
    }

    @Override
    public void close() {
      server.close();
      deleteFolder(dir);
    }
  }

  /** A real BIND 9 (when installed) taking TSIG-signed dynamic updates, seeded with the example zones, and the RFC2136 provider. */
  static final class Rfc2136 extends LocalDns {
    final java.nio.file.Path dir;
    final io.dnsplane.fakes.servers.Rfc2136Server server;
    final List<String> zoneNames;

    Rfc2136(List<org.xbill.DNS.Zone> zones, int dnsPort) throws IOException {
      dir = java.nio.file.Files.createTempDirectory("dnsplane-bind");
      zoneNames = zones.stream().map(z -> z.getOrigin().toString(true)).toList();
      Map<String, String> files = new LinkedHashMap<>();
      zones.forEach(z -> files.put(z.getOrigin().toString(true), z.toMasterFile()));
      server = io.dnsplane.fakes.servers.Rfc2136Server.start(io.dnsplane.fakes.servers.Rfc2136Server.Kind.BIND, dir,
          files, dnsPort);
    }

    @Override
    String providerName() {
      return "rfc2136";
    }

    @Override
    DnsProvider newProvider() {
      List<String> args = new ArrayList<>(List.of("--rfc2136-host=127.0.0.1", "--rfc2136-port=" + server.port(),
          "--rfc2136-tsig-keyname=" + io.dnsplane.fakes.servers.Rfc2136Server.KEY_NAME, "--rfc2136-tsig-secret=" + server.secret(),
          "--rfc2136-axfr", "--rfc2136-batch-change-size=1000"));
      zoneNames.forEach(z -> args.add("--rfc2136-zone=" + z));
      return new io.dnsplane.applier.rfc2136.Rfc2136ProviderFactory(Map.of()).create(args.toArray(String[]::new),
          RequestBudget.UNLIMITED);
    }

    @Override
    List<String> describe() {
      return List.of("BIND 9:      127.0.0.1:" + server.port() + " (a real named, RFC 2136 updates signed with TSIG key "
              + io.dnsplane.fakes.servers.Rfc2136Server.KEY_NAME + ")",
          "Try:  dig @127.0.0.1 -p " + server.port() + " api.example.com A +short",
          "Try:  dig @127.0.0.1 -p " + server.port() + " -y hmac-sha256:" + io.dnsplane.fakes.servers.Rfc2136Server.KEY_NAME
              + ":" + server.secret() + " example.com AXFR");
    }

    @Override
    public void close() {
      server.close();
      deleteFolder(dir);
    }
  }

  static final class Route53 extends LocalDns {
    final Route53Fake fake;
    final Map<String, String> zoneIds = new LinkedHashMap<>();

    Route53(List<org.xbill.DNS.Zone> zones, List<java.nio.file.Path> listings) throws IOException {
      fake = Route53Fake.start();
      for (org.xbill.DNS.Zone zone : zones) {
        String id = fake.addZone(zone.getOrigin().toString(true), false, Map.of());
        zoneIds.put(zone.getOrigin().toString(true), id);
        eachRecordSet(zone, (name, type, ttl, values) -> fake.putRecord(id, name, type, ttl, values.toArray(String[]::new)));
      }
      // The local Route53 checks that requests are signed, not by whom.
      setIfAbsent("aws.accessKeyId", "AKIALOCAL");
      setIfAbsent("aws.secretAccessKey", "local");
      setIfAbsent("aws.disableEc2Metadata", "true");
      for (java.nio.file.Path listing : listings) {
        seed(listing);
      }
    }

    /** Writes a listing's record sets through the Route53 provider itself, as another tool would have. */
    private void seed(java.nio.file.Path listing) throws IOException {
      var sets = io.dnsplane.applier.aws.Route53Listing.read(listing);
      String zoneName = io.dnsplane.applier.aws.Route53Listing.zoneName(sets)
          .orElseThrow(() -> new IOException(listing + ": has no SOA record set to name the zone"));
      String id = zoneIds.get(zoneName);
      if (id == null) {
        throw new IOException(listing + ": zone " + zoneName + " has no zone file beside it (" + zoneIds.keySet() + ")");
      }
      io.dnsplane.model.Changes.Builder creates = new io.dnsplane.model.Changes.Builder();
      io.dnsplane.applier.aws.Route53Listing.endpoints(sets).forEach(creates::create);
      try (DnsProvider provider = newProvider()) {
        var outcome = provider.apply(new io.dnsplane.applier.spi.Zone(id, zoneName), creates.build());
        if (!outcome.failures().isEmpty()) {
          throw new IOException(listing + ": the local Route53 refused it: " + outcome);
        }
      }
    }

    private static void setIfAbsent(String property, String value) {
      if (System.getProperty(property) == null) {
        System.setProperty(property, value);
      }
    }

    @Override
    String providerName() {
      return "aws";
    }

    @Override
    DnsProvider newProvider() {
      return new Route53ProviderFactory().create(new String[] {"--aws-endpoint-url=" + fake.endpoint()}, RequestBudget.UNLIMITED);
    }

    @Override
    List<String> describe() {
      List<String> lines = new ArrayList<>();
      lines.add("Route53:     " + fake.endpoint() + " (a local stand-in; the applier uses the real AWS SDK)");
      zoneIds.forEach((zone, id) -> lines.add("Try:  curl -s -H 'Authorization: AWS4-HMAC-SHA256 local' "
          + fake.endpoint() + "/2013-04-01/hostedzone/" + id + "/rrset   # " + zone));
      return lines;
    }

    @Override
    public void close() {
      fake.close();
    }
  }

  static final class Cloudflare extends LocalDns {
    static final String TOKEN = "local-token";
    final CloudflareFake fake;
    final Map<String, String> zoneIds = new LinkedHashMap<>();

    Cloudflare(List<org.xbill.DNS.Zone> zones) throws IOException {
      fake = CloudflareFake.start(TOKEN);
      for (org.xbill.DNS.Zone zone : zones) {
        String id = fake.addZone(zone.getOrigin().toString(true));
        zoneIds.put(zone.getOrigin().toString(true), id);
        eachRecordSet(zone, (name, type, ttl, values) -> values.forEach(v -> fake.putRecord(id, name, type, v, ttl)));
      }
    }

    @Override
    String providerName() {
      return "cloudflare";
    }

    @Override
    DnsProvider newProvider() {
      return new CloudflareProviderFactory(Map.of("CF_API_TOKEN", TOKEN))
          .create(new String[] {"--cloudflare-api-url=" + fake.apiUrl()}, RequestBudget.UNLIMITED);
    }

    @Override
    List<String> describe() {
      List<String> lines = new ArrayList<>();
      lines.add("Cloudflare:  " + fake.apiUrl() + " (a local stand-in; the applier uses the real Feign client)");
      zoneIds.forEach((zone, id) -> lines.add("Try:  curl -s -H 'Authorization: Bearer " + TOKEN + "' " + fake.apiUrl()
          + "/zones/" + id + "/dns_records   # " + zone));
      return lines;
    }

    @Override
    public void close() {
      fake.close();
    }
  }
}
