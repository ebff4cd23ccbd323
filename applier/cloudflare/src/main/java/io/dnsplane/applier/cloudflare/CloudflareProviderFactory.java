package io.dnsplane.applier.cloudflare;

import feign.Feign;
import feign.Logger;
import feign.Retryer;
import feign.http2client.Http2Client;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.ProviderFactory;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.applier.spi.ZoneFilterOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import io.dnsplane.runtime.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --provider=cloudflare}. The API token comes from CF_API_TOKEN or a file (a mounted
 * secret), or the legacy CF_API_KEY with CF_API_EMAIL; it is never logged (Feign logging is off).
 */
public final class CloudflareProviderFactory implements ProviderFactory {
  @Command(name = "cloudflare")
  static final class Options {
    @Mixin
    ZoneFilterOptions zones = new ZoneFilterOptions();
    @Option(names = "--cloudflare-api-url", defaultValue = "https://api.cloudflare.com/client/v4", description = "API base URL (default: ${DEFAULT-VALUE}).")
    String apiUrl;

    @Option(names = "--cloudflare-api-token-file", description = "A file holding the API token (instead of CF_API_TOKEN).")
    Path tokenFile;

    @Option(names = "--cloudflare-proxied", defaultValue = "false", description = "Proxy records through Cloudflare unless their cloudflare-proxied annotation says otherwise.")
    boolean proxied;

    @Option(names = "--cloudflare-dns-records-per-page", defaultValue = "100", description = "Records per page when listing, at most 5000 (default: ${DEFAULT-VALUE}).")
    int recordsPerPage;

    @Option(names = "--batch-change-size", defaultValue = "200", description = "Record operations per batch call (default: ${DEFAULT-VALUE}).")
    int batchChangeSize;



  }

  private final Map<String, String> environment;

  public CloudflareProviderFactory() {
    this(System.getenv());
  }

  /** A factory that reads credentials from {@code environment} instead of the process's. */
  public CloudflareProviderFactory(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String name() {
    return "cloudflare";
  }

  @Override
  public DnsProvider create(String[] providerArgs, RequestBudget budget) {
    Options o = Cli.populate(new Options(), environment, providerArgs);
    if (o.recordsPerPage < 1 || o.recordsPerPage > 5000) {
      throw new IllegalArgumentException("--cloudflare-dns-records-per-page must be between 1 and 5000: " + o.recordsPerPage);
    }
    if (o.batchChangeSize < 1) {
      throw new IllegalArgumentException("--batch-change-size must be positive: " + o.batchChangeSize);
    }
    Credentials credentials = credentials(o);
    CloudflareApi api = Feign.builder()
        .client(new Http2Client())
        .encoder(new JacksonEncoder())
        .decoder(new JacksonDecoder())
        .errorDecoder(new CloudflareErrors())
        // The applier core retries with backoff and honours Retry-After: one place for it.
        .retryer(Retryer.NEVER_RETRY)
        .logLevel(Logger.Level.NONE)
        .requestInterceptor(template -> {
          budget.acquire();
          credentials.apply(template);
        })
        .target(CloudflareApi.class, o.apiUrl.replaceAll("/+$", ""));
    return new CloudflareProvider(api, o.proxied, o.zones, o.recordsPerPage, o.batchChangeSize);
  }

  /** A token, or the legacy global key with its e-mail. */
  private record Credentials(String token, String key, String email) {
    void apply(feign.RequestTemplate template) {
      if (token != null) {
        template.header("Authorization", "Bearer " + token);
      } else {
        template.header("X-Auth-Key", key);
        template.header("X-Auth-Email", email);
      }
    }

    @Override
    public String toString() {
      return "Credentials[redacted]";
    }
  }

  private Credentials credentials(Options o) {
    if (o.tokenFile != null) {
      try {
        return new Credentials(Files.readString(o.tokenFile, StandardCharsets.UTF_8).trim(), null, null);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read --cloudflare-api-token-file " + o.tokenFile, e);
      }
    }
    String token = environment.get("CF_API_TOKEN");
    if (token != null && !token.isBlank()) {
      return new Credentials(token.trim(), null, null);
    }
    String key = environment.get("CF_API_KEY");
    String email = environment.get("CF_API_EMAIL");
    if (key != null && email != null) {
      return new Credentials(null, key.trim(), email.trim());
    }
    throw new IllegalArgumentException("Cloudflare needs CF_API_TOKEN, --cloudflare-api-token-file, or CF_API_KEY with CF_API_EMAIL");
  }

  @Override
  public Object newOptions() {
    return new Options();
  }
}
