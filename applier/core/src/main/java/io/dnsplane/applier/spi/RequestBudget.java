package io.dnsplane.applier.spi;

/**
 * The account-wide request rate a provider instance may spend. Providers call {@link #acquire()}
 * before every request they send to the vendor's API (each attempt, every page), so the core can
 * keep all replicas of a provider together under {@code --provider-rate-limit}.
 */
@FunctionalInterface
public interface RequestBudget {
  RequestBudget UNLIMITED = () -> {};

  /** Blocks until one more request may be sent. */
  void acquire();
}
