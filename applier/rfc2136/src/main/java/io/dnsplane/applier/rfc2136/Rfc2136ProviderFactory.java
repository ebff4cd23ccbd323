package io.dnsplane.applier.rfc2136;

import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.ProviderFactory;
import io.dnsplane.applier.spi.ProviderSecret;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.DomainFilterOptions;
import io.dnsplane.runtime.Cli;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --provider=rfc2136}: RFC 2136 dynamic updates with TSIG, with ExternalDNS's flags. */
public final class Rfc2136ProviderFactory implements ProviderFactory {
  /** ExternalDNS's RFC2136 provider writes records without a TTL with 300 s. */
  static final long DEFAULT_TTL = 300;

  private static final Map<String, Name> ALGORITHMS = Map.of(
      "hmac-md5", TSIG.HMAC_MD5, "hmac-sha1", TSIG.HMAC_SHA1, "hmac-sha224", TSIG.HMAC_SHA224,
      "hmac-sha256", TSIG.HMAC_SHA256, "hmac-sha384", TSIG.HMAC_SHA384, "hmac-sha512", TSIG.HMAC_SHA512);

  @Command(name = "rfc2136")
  static final class Options {
    @Mixin
    DomainFilterOptions domains = new DomainFilterOptions();

    @Option(names = "--rfc2136-host", description = "The DNS server to update (ExternalDNS's flag).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--rfc2136-port", defaultValue = "0", description = "Its port; 0 means 53 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--rfc2136-zone", description = "A zone to manage (repeatable; required).")
    List<String> zones = new ArrayList<>();

    @Option(names = "--rfc2136-insecure", description = "Send updates without TSIG (ExternalDNS's flag).")
    boolean insecure;

    @Option(names = "--rfc2136-tsig-keyname", description = "The TSIG key's name.")
    String keyName;

    @Option(names = "--rfc2136-tsig-secret", description = "The TSIG key's secret, base64 (or RFC2136_TSIG_SECRET, or --rfc2136-tsig-secret-file).")
    String secret;

    @Option(names = "--rfc2136-tsig-secret-file", description = "A file holding the TSIG secret, kept out of the process's arguments.")
    Path secretFile;

    @Option(names = "--rfc2136-tsig-secret-alg", defaultValue = "hmac-sha256",
        description = "The TSIG algorithm: hmac-sha256, hmac-sha512, hmac-sha384, hmac-sha224, hmac-sha1 or hmac-md5 (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--rfc2136-axfr", description = "List the zones by AXFR (ExternalDNS's flag); without it records are only created.")
    boolean axfr;

    @Option(names = "--rfc2136-tsig-axfr", description = "ExternalDNS's older name of --rfc2136-axfr.")
    boolean tsigAxfr;

    @Option(names = "--rfc2136-min-ttl", defaultValue = "0", converter = io.dnsplane.runtime.GoDuration.class,
        description = "Records get at least this TTL, as Go (60s, 1m) or ISO-8601 durations (default: ${DEFAULT-VALUE}).")
    Duration minTtl;

    @Option(names = "--rfc2136-batch-change-size", defaultValue = "50", description = "Most changes per UPDATE message (default: ${DEFAULT-VALUE}).")
    int batchChangeSize;

    @Option(names = "--rfc2136-gss-tsig", description = "GSS-TSIG (Kerberos): not supported by dnsplane; refused.")
    boolean gssTsig;

    @Option(names = "--rfc2136-use-tls", description = "DNS over TLS: not supported by dnsplane; refused.")
    boolean useTls;

    @Option(names = "--rfc2136-load-balancing-strategy", defaultValue = "disabled",
        description = "With several --rfc2136-host: not supported by dnsplane; only 'disabled' (default: ${DEFAULT-VALUE}).")
    String loadBalancing;
  }

  private final Map<String, String> environment;

  public Rfc2136ProviderFactory() {
    this(System.getenv());
  }

  /** A factory that reads RFC2136_TSIG_SECRET from {@code environment} instead of the process's. */
  public Rfc2136ProviderFactory(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String name() {
    return "rfc2136";
  }

  @Override
  public DnsProvider create(String[] providerArgs, RequestBudget budget) {
    Options o = Cli.populate(new Options(), environment, providerArgs);
    if (o.gssTsig || o.useTls || !o.loadBalancing.equals("disabled")) {
      throw new IllegalArgumentException("--rfc2136-gss-tsig, --rfc2136-use-tls and --rfc2136-load-balancing-strategy are"
          + " not supported by dnsplane's RFC2136 provider");
    }
    if (o.hosts.size() != 1 || o.hosts.get(0).isBlank()) {
      throw new IllegalArgumentException("--rfc2136-host: give the one DNS server to update" + (o.hosts.size() > 1
          ? " (several hosts need --rfc2136-load-balancing-strategy, which dnsplane does not support)" : ""));
    }
    if (o.zones.isEmpty()) {
      throw new IllegalArgumentException("--rfc2136-zone: give each zone to manage (repeatable)");
    }
    if (o.batchChangeSize < 1) {
      throw new IllegalArgumentException("--rfc2136-batch-change-size must be positive: " + o.batchChangeSize);
    }
    if (o.port < 0 || o.port > 65535) {
      throw new IllegalArgumentException("--rfc2136-port out of range: " + o.port);
    }
    InetSocketAddress server = new InetSocketAddress(o.hosts.get(0), o.port == 0 ? 53 : o.port);
    List<String> zones = o.zones.stream().map(DnsNames::normalize).distinct().toList();
    return new Rfc2136Provider(new Rfc2136Provider.Settings(server, zones, tsig(o), o.axfr || o.tsigAxfr,
        o.minTtl.toSeconds(), o.batchChangeSize, o.domains.domainFilter(), Duration.ofSeconds(10)), budget);
  }

  private Optional<TSIG> tsig(Options o) {
    if (o.insecure) {
      return Optional.empty();
    }
    String secret = secret(o);
    if (o.keyName == null || o.keyName.isBlank() || secret == null) {
      throw new IllegalArgumentException("TSIG needs --rfc2136-tsig-keyname and --rfc2136-tsig-secret (or"
          + " --rfc2136-tsig-secret-file, or RFC2136_TSIG_SECRET); or give --rfc2136-insecure");
    }
    String alg = o.algorithm.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    Name algorithm = ALGORITHMS.get(alg);
    if (algorithm == null) {
      throw new IllegalArgumentException("--rfc2136-tsig-secret-alg: unknown algorithm '" + o.algorithm + "'; one of "
          + new java.util.TreeSet<>(ALGORITHMS.keySet()));
    }
    try {
      java.util.Base64.getDecoder().decode(secret);
      return Optional.of(new TSIG(algorithm, o.keyName.endsWith(".") ? o.keyName : o.keyName + ".", secret));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--rfc2136-tsig-secret is not base64: " + e.getMessage(), e);
    }
  }

  private String secret(Options o) {
    return ProviderSecret.of(o.secretFile, "--rfc2136-tsig-secret-file", o.secret, environment, "RFC2136_TSIG_SECRET")
        .orElse(null);
  }

  @Override
  public Object newOptions() {
    return new Options();
  }
}
