package io.dnsplane.model;

/** Names of what a provider can do beyond plain record sets, as appliers announce them with their zones. */
public final class ProviderCapabilities {
  /** Several record sets of one name and type told apart by set identifier, answered by weight (Route53). */
  public static final String WEIGHTED_ROUTING = "weighted-routing";

  /**
   * Alias records (Route53): as ExternalDNS's AWS provider adjusts endpoints, a CNAME to an AWS load
   * balancer, CloudFront or Global Accelerator name, or any CNAME annotated {@code alias=true},
   * becomes an A and an AAAA alias record.
   */
  public static final String ALIAS_RECORDS = "alias-records";

  /** With {@link #ALIAS_RECORDS}: alias records evaluate target health unless they say otherwise. */
  public static final String ALIAS_EVALUATES_TARGET_HEALTH = "alias-evaluates-target-health";

  /** With {@link #ALIAS_RECORDS}: CNAMEs stay CNAMEs unless annotated alias=true (ExternalDNS's --aws-prefer-cname). */
  public static final String ALIAS_PREFER_CNAME = "alias-prefer-cname";

  /**
   * Proxied records (Cloudflare): every A, AAAA and CNAME carries
   * {@code external-dns.alpha.kubernetes.io/cloudflare-proxied}, from its annotation or the
   * provider's default, as ExternalDNS's Cloudflare provider adjusts endpoints.
   */
  public static final String PROXIED_RECORDS = "proxied-records";

  /** With {@link #PROXIED_RECORDS}: records are proxied unless annotated otherwise ({@code --cloudflare-proxied}). */
  public static final String PROXIED_BY_DEFAULT = "proxied-by-default";

  private ProviderCapabilities() {}
}
