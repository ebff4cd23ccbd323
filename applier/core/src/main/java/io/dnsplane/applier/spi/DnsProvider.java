package io.dnsplane.applier.spi;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.List;

/**
 * The narrow part of a DNS provider the applier core needs (ExternalDNS's Provider, less the
 * planning parts). Implementations talk to the vendor and classify its errors; batching, ordering,
 * observation and audit live in the core.
 */
public interface DnsProvider extends AutoCloseable {
  /** The provider's name as used in topic names and ExternalDNS's --provider flag. */
  String name();

  /** Every zone this provider instance manages, after its filters. */
  List<Zone> zones();

  /** Every record of a zone, TXT ownership records included. */
  List<Endpoint> records(Zone zone);

  /**
   * The records at some names of a zone, read fresh: after a refusal, to learn whether an earlier
   * attempt went through (a timeout after the provider applied the change). Providers that can ask
   * for one name at a time should; the default lists the whole zone.
   */
  default List<Endpoint> recordsAt(Zone zone, java.util.Set<String> names) {
    return records(zone).stream().filter(e -> names.contains(e.dnsName())).toList();
  }

  /**
   * Applies a batch to one zone: deletes, then updates, then creates. Re-applying a batch that was
   * already applied must be harmless. Records the provider refuses are reported, not thrown.
   *
   * @throws RetryableProviderException when nothing was applied and the same call may succeed later
   * @throws BatchRefusedException when the call was refused as a whole and nothing was applied
   */
  ApplyOutcome apply(Zone zone, Changes changes);

  /**
   * Whether these changes fit one atomic call of the vendor's API (Route53: 1000 changes, 32000
   * characters; Cloudflare: one batch chunk). The core merges consecutive batches of a zone into
   * one call while they fit; a single batch that does not fit is still given to {@link #apply}.
   */
  default boolean fitsOneCall(Changes changes) {
    return true;
  }

  /**
   * ExternalDNS's AdjustEndpoints: the desired endpoints as this provider will store them (a
   * provider that rewrites TTLs or adds its own properties says so here), before they are compared
   * with what it holds. The default changes nothing.
   */
  default List<Endpoint> adjust(List<Endpoint> desired) {
    return desired;
  }

  /** What this provider can do beyond plain record sets ({@link io.dnsplane.model.ProviderCapabilities}). */
  default java.util.Set<String> capabilities() {
    return java.util.Set.of();
  }

  @Override
  default void close() {}
}
