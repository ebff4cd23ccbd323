package io.dnsplane.applier.aws;

import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.ProviderFactory;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.applier.spi.ZoneFilterOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.dnsplane.runtime.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.Route53ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * {@code --provider=aws}. Credentials come from the SDK's default chain (environment, profile, web
 * identity for IRSA, EKS Pod Identity, instance metadata), optionally through
 * {@code --aws-assume-role}. The endpoint is the SDK's, or {@code AWS_ENDPOINT_URL_ROUTE_53} (read by
 * the SDK itself), or {@code --aws-endpoint-url}.
 */
public final class Route53ProviderFactory implements ProviderFactory {
  @Command(name = "aws")
  static final class Options {
    @Mixin
    ZoneFilterOptions zones = new ZoneFilterOptions();
    @Option(names = "--aws-zone-type", defaultValue = "", description = "Only public or private hosted zones; empty for both (ExternalDNS's flag).")
    String zoneType;


    @Option(names = "--aws-zone-tags", description = "Only hosted zones with these tags: key or key=value (repeatable).")
    List<String> zoneTags = new ArrayList<>();



    @Option(names = "--aws-assume-role", description = "ARN of a role to assume for Route53 calls.")
    String assumeRole;

    @Option(names = "--aws-assume-role-external-id", description = "External id to use when assuming the role.")
    String assumeRoleExternalId;

    @Option(names = "--aws-endpoint-url", description = "Route53 endpoint (tests, Route53-compatible APIs); AWS_ENDPOINT_URL_ROUTE_53 also works.")
    URI endpointUrl;

    // ExternalDNS's boolean flag: --aws-evaluate-target-health[=true|false] or --no-aws-evaluate-target-health.
    @Option(names = "--aws-evaluate-target-health", negatable = true, defaultValue = "true", arity = "0..1",
        fallbackValue = "true", description = "Default EvaluateTargetHealth of alias records; --no-aws-evaluate-target-health"
        + " turns it off (ExternalDNS's flag; default: ${DEFAULT-VALUE}).")
    boolean evaluateTargetHealth;

    @Option(names = "--aws-prefer-cname", description = "Keep CNAMEs to AWS load balancers CNAMEs instead of alias records (ExternalDNS's flag).")
    boolean preferCname;

    @Option(names = "--aws-batch-change-size", defaultValue = "1000", description = "Most changes per ChangeResourceRecordSets call, UPSERT counting twice (default: ${DEFAULT-VALUE}).")
    int batchChangeSize;

    @Option(names = "--aws-batch-change-size-bytes", defaultValue = "32000", description = "Most characters of values per call (default: ${DEFAULT-VALUE}).")
    int batchChangeSizeBytes;

    @Option(names = "--aws-batch-change-size-values", defaultValue = "1000", description = "Most values per call (default: ${DEFAULT-VALUE}).")
    int batchChangeSizeValues;
  }

  @Override
  public String name() {
    return "aws";
  }

  @Override
  public DnsProvider create(String[] providerArgs, RequestBudget budget) {
    Options o = Cli.populate(new Options(), providerArgs);
    if (!List.of("", "public", "private").contains(o.zoneType)) {
      throw new IllegalArgumentException("--aws-zone-type must be public or private, not '" + o.zoneType + "'");
    }
    Route53Provider.ZoneFilter filter = new Route53Provider.ZoneFilter(o.zoneType, o.zones, tags(o.zoneTags));
    Route53ClientBuilder builder = Route53Client.builder()
        .region(Region.AWS_GLOBAL)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c
            // The applier core retries with backoff, and splits refused batches: one place for both.
            .retryPolicy(RetryPolicy.none())
            .addExecutionInterceptor(new SpendBudget(budget)));
    if (o.endpointUrl != null) {
      builder.endpointOverride(o.endpointUrl);
    }
    if (o.assumeRole != null) {
      builder.credentialsProvider(assumeRole(o));
    }
    return new Route53Provider(builder.build(), filter, o.evaluateTargetHealth, o.preferCname,
        new Route53Limits(o.batchChangeSize, o.batchChangeSizeBytes, o.batchChangeSizeValues));
  }

  private static AwsCredentialsProvider assumeRole(Options o) {
    // STS is regional; without AWS_REGION (or a profile's region) use us-east-1, as the AWS CLI does.
    Region region;
    try {
      region = DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (RuntimeException e) {
      region = Region.US_EAST_1;
    }
    StsClient sts = StsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(region)
        .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
    return StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
        .refreshRequest(r -> r.roleArn(o.assumeRole).roleSessionName("dnsplane-" + UUID.randomUUID())
            .externalId(o.assumeRoleExternalId))
        .build();
  }

  static Map<String, String> tags(List<String> specs) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String spec : specs) {
      for (String tag : spec.split(",")) {
        String t = tag.trim();
        if (t.isEmpty()) {
          continue;
        }
        int eq = t.indexOf('=');
        tags.put(eq < 0 ? t : t.substring(0, eq), eq < 0 ? "" : t.substring(eq + 1));
      }
    }
    return tags;
  }

  /** Spends one request of the account budget before every HTTP request the SDK sends. */
  private record SpendBudget(RequestBudget budget) implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      budget.acquire();
    }
  }

  @Override
  public Object newOptions() {
    return new Options();
  }
}
