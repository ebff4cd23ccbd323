package io.dnsplane.applier.pdns;

import feign.Feign;
import feign.Logger;
import feign.Retryer;
import feign.http2client.Http2Client;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.ProviderFactory;
import io.dnsplane.applier.spi.ProviderSecret;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.applier.spi.ZoneFilterOptions;
import io.dnsplane.runtime.Cli;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --provider=pdns}: PowerDNS's Authoritative HTTP API, with ExternalDNS's flags. */
public final class PdnsProviderFactory implements ProviderFactory {
  @Command(name = "pdns")
  static final class Options {
    @Mixin
    ZoneFilterOptions zones = new ZoneFilterOptions();

    @Option(names = "--pdns-server", defaultValue = "http://localhost:8081",
        description = "The PowerDNS API's base URL (ExternalDNS's flag; default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--pdns-server-id", defaultValue = "localhost",
        description = "The server id in the API's paths (default: ${DEFAULT-VALUE}).")
    String serverId;

    @Option(names = "--pdns-api-key", description = "The API key (or PDNS_API_KEY, or --pdns-api-key-file).")
    String apiKey;

    @Option(names = "--pdns-api-key-file", description = "A file holding the API key, kept out of the process's arguments.")
    Path apiKeyFile;

    @Option(names = "--pdns-skip-tls-verify", description = "Do not verify the API's TLS certificate (ExternalDNS's flag; for tests only).")
    boolean skipTlsVerify;

    @Option(names = "--tls-ca", description = "PEM file of the CA that signed the API's certificate (ExternalDNS's flag).")
    Path tlsCa;

    @Option(names = "--tls-client-cert", description = "PEM client certificate, for an API behind mutual TLS (ExternalDNS's flag).")
    Path tlsClientCert;

    @Option(names = "--tls-client-cert-key", description = "Its PKCS#8 PEM private key (ExternalDNS's flag).")
    Path tlsClientCertKey;
  }

  private final Map<String, String> environment;

  public PdnsProviderFactory() {
    this(System.getenv());
  }

  /** A factory that reads PDNS_API_KEY from {@code environment} instead of the process's. */
  public PdnsProviderFactory(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String name() {
    return "pdns";
  }

  @Override
  public DnsProvider create(String[] providerArgs, RequestBudget budget) {
    Options o = Cli.populate(new Options(), environment, providerArgs);
    String key = apiKey(o);
    String base = o.server.replaceAll("/+$", "");
    if (!base.startsWith("http://") && !base.startsWith("https://")) {
      throw new IllegalArgumentException("--pdns-server must be an http or https URL: " + o.server);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(PdnsTls.context(o.skipTlsVerify, o.tlsCa, o.tlsClientCert, o.tlsClientCertKey)).build();
    PdnsApi api = Feign.builder()
        .client(new Http2Client(http))
        .encoder(new JacksonEncoder())
        .decoder(new JacksonDecoder())
        .errorDecoder(new PdnsErrors())
        // The applier core retries with backoff: one place for it.
        .retryer(Retryer.NEVER_RETRY)
        .logLevel(Logger.Level.NONE)
        .requestInterceptor(template -> {
          budget.acquire();
          template.header("X-API-Key", key);
        })
        .target(PdnsApi.class, base);
    return new PdnsProvider(api, o.serverId, o.zones);
  }

  private String apiKey(Options o) {
    return ProviderSecret.of(o.apiKeyFile, "--pdns-api-key-file", o.apiKey, environment, "PDNS_API_KEY")
        .orElseThrow(() -> new IllegalArgumentException("the PowerDNS provider needs its API key: --pdns-api-key,"
            + " --pdns-api-key-file or PDNS_API_KEY"));
  }

  @Override
  public Object newOptions() {
    return new Options();
  }
}
