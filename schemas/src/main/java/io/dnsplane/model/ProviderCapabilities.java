package io.dnsplane.model;

/** Names of what a provider can do beyond plain record sets, as appliers announce them with their zones. */
public final class ProviderCapabilities {
  /** Several record sets of one name and type told apart by set identifier, answered by weight (Route53). */
  public static final String WEIGHTED_ROUTING = "weighted-routing";

  private ProviderCapabilities() {}
}
