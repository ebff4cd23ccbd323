package io.dnsplane.applier.aws;

import io.dnsplane.fakes.route53.Route53Fake;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RequestBudget;

/** The real provider, built by its factory as the applier builds it, pointed at a fake. */
public final class Route53Testing {
  static {
    System.setProperty("aws.accessKeyId", "AKIAFAKE");
    System.setProperty("aws.secretAccessKey", "fake");
    System.setProperty("aws.disableEc2Metadata", "true");
  }

  private Route53Testing() {}

  public static DnsProvider provider(Route53Fake fake, RequestBudget budget, String... moreArgs) {
    String[] args = new String[moreArgs.length + 1];
    args[0] = "--aws-endpoint-url=" + fake.endpoint();
    System.arraycopy(moreArgs, 0, args, 1, moreArgs.length);
    return new Route53ProviderFactory().create(args, budget);
  }
}
