package io.dnsplane.applier.pdns;

import feign.FeignException;
import feign.RetryableException;
import io.dnsplane.applier.pdns.PdnsApi.RRset;
import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.applier.spi.ZoneFilterOptions;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code --provider=pdns}: zones and RRsets through PowerDNS's Authoritative HTTP API, as
 * ExternalDNS's PowerDNS provider uses it (one PATCH per batch, REPLACE and DELETE), with one
 * difference that keeps records dnsplane does not own safe: a create is refused when its name
 * already holds a record set of that type, where ExternalDNS's REPLACE would overwrite it.
 * PowerDNS has no conditional PATCH, so that is checked on a fresh read just before the PATCH.
 */
final class PdnsProvider implements DnsProvider {
  private final PdnsApi api;
  private final String serverId;
  private final ZoneFilterOptions zoneFilter;

  PdnsProvider(PdnsApi api, String serverId, ZoneFilterOptions zoneFilter) {
    this.api = api;
    this.serverId = serverId;
    this.zoneFilter = zoneFilter;
  }

  @Override
  public String name() {
    return "pdns";
  }

  @Override
  public List<Zone> zones() {
    return call("listing zones", () -> api.zones(serverId)).stream()
        .filter(z -> zoneFilter.allowsZoneId(z.id()))
        .filter(z -> zoneFilter.domains().matches(PdnsRecords.zoneName(z)))
        .map(z -> new Zone(z.id(), PdnsRecords.zoneName(z)))
        .toList();
  }

  @Override
  public List<Endpoint> records(Zone zone) {
    return PdnsRecords.endpoints(call("listing zone " + zone.name(), () -> api.zone(serverId, zone.id())).rrsets());
  }

  /** One PATCH: PowerDNS applies all of it or none of it. */
  @Override
  public ApplyOutcome apply(Zone zone, Changes changes) {
    if (changes.isEmpty()) {
      return ApplyOutcome.applied(null);
    }
    List<RRset> patch;
    try {
      patch = PdnsRecords.patch(changes);
    } catch (IllegalArgumentException e) {
      throw new BatchRefusedException(e.getMessage(), e);
    }
    if (!changes.create().isEmpty()) {
      refuseCreatesOverExisting(zone, changes);
    }
    call("changing zone " + zone.name(), () -> {
      api.patch(serverId, zone.id(), new PdnsApi.Patch(patch));
      return null;
    });
    return ApplyOutcome.applied(null);
  }

  /** A create is for a record set nobody holds; one the batch deletes first is free. */
  private void refuseCreatesOverExisting(Zone zone, Changes changes) {
    Set<String> deleted = changes.delete().stream().map(PdnsRecords::key).collect(Collectors.toSet());
    Set<String> held = records(zone).stream().map(PdnsRecords::key).collect(Collectors.toSet());
    List<String> taken = changes.create().stream().map(PdnsRecords::key)
        .filter(k -> held.contains(k) && !deleted.contains(k)).toList();
    if (!taken.isEmpty()) {
      throw new BatchRefusedException("zone " + zone.name() + " already holds " + taken
          + ", which this batch would create: not overwritten");
    }
  }

  private static boolean tlsFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }

  private static <T> T call(String what, Supplier<T> request) {
    try {
      return request.get();
    } catch (RetryableException e) {
      if (tlsFailure(e)) {
        // An untrusted certificate stays untrusted: say what to do instead of trying again.
        throw new IllegalStateException("PowerDNS " + what + ": the API's TLS certificate is not trusted (" + e.getMessage()
            + "): give --tls-ca FILE, the CA that signed it, or --pdns-skip-tls-verify", e);
      }
      // Feign's name for "no answer": connection refused or reset, timeout.
      throw new RetryableProviderException("PowerDNS " + what + ": " + e.getMessage(), e, Optional.empty());
    } catch (FeignException e) {
      throw new BatchRefusedException("PowerDNS " + what + ": " + e.getMessage(), e);
    }
  }
}
