package io.dnsplane.model;

import java.util.Set;

/**
 * The provider-specific property names endpoints carry, as ExternalDNS names them: the watcher
 * writes them from annotations, the planner adjusts them to what a provider lists, the provider
 * modules read them. One place for each name.
 */
public final class ProviderProperties {
  /** {@code alias} annotation: a Route53 alias record. */
  public static final String ALIAS = "alias";
  public static final String AWS_EVALUATE_TARGET_HEALTH = "aws/evaluate-target-health";
  public static final String AWS_WEIGHT = "aws/weight";
  public static final String CLOUDFLARE_PROXIED = "external-dns.alpha.kubernetes.io/cloudflare-proxied";
  public static final String CLOUDFLARE_RECORD_COMMENT = "external-dns.alpha.kubernetes.io/cloudflare-record-comment";
  public static final String CLOUDFLARE_TAGS = "external-dns.alpha.kubernetes.io/cloudflare-tags";
  /** The record types Cloudflare can proxy. */
  public static final Set<String> CLOUDFLARE_PROXIABLE = Set.of(RecordTypes.A, RecordTypes.AAAA, RecordTypes.CNAME);

  private ProviderProperties() {}

  /**
   * Whether the record is an alias: {@code alias=true} on an A, AAAA or CNAME. Other types never
   * are, though they may carry the property (an ownership TXT carries its record's properties, as
   * ExternalDNS writes it).
   */
  public static boolean isAlias(Endpoint e) {
    return "true".equals(e.providerSpecific().get(ALIAS)) && ALIASABLE.contains(e.recordType());
  }

  private static final java.util.Set<String> ALIASABLE = java.util.Set.of(RecordTypes.A, RecordTypes.AAAA,
      RecordTypes.CNAME);
}
