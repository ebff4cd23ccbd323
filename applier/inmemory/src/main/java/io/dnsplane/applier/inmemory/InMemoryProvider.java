package io.dnsplane.applier.inmemory;

import io.dnsplane.applier.dns.RecordConversion;
import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.model.Changes;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.Endpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Zones held in memory as dnsjava {@link org.xbill.DNS.Zone}s, served over real DNS by
 * {@link DnsServer}. A batch is all or nothing, as Route53's ChangeResourceRecordSets is: it is
 * checked first and refused whole if any change is bad, so a record and its TXT ownership record
 * never land apart. A create never overwrites a different record set (Route53's CREATE fails too):
 * that is the last line of defence for records dnsplane does not own. Applying a batch again is
 * harmless: creating what is already there, or deleting what is gone, does nothing. Set identifiers
 * (routing policies) are not supported here.
 */
public final class InMemoryProvider implements DnsProvider {
  public static final String NAME = "inmemory";
  static final long DEFAULT_TTL = 300;

  private final Map<String, org.xbill.DNS.Zone> zonesByName = new ConcurrentHashMap<>();
  private final AtomicLong changeIds = new AtomicLong();

  public InMemoryProvider(List<org.xbill.DNS.Zone> zones) {
    zones.forEach(z -> zonesByName.put(DnsNames.normalize(z.getOrigin().toString()), z));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<io.dnsplane.applier.spi.Zone> zones() {
    return zonesByName.keySet().stream().sorted()
        .map(n -> new io.dnsplane.applier.spi.Zone(n, n)).toList();
  }

  @Override
  public List<Endpoint> records(io.dnsplane.applier.spi.Zone zone) {
    org.xbill.DNS.Zone z = zone(zone);
    List<Endpoint> records = new ArrayList<>();
    synchronized (z) {
      for (RRset rrset : z) {
        records.add(RecordConversion.toEndpoint(rrset));
      }
    }
    records.sort(Comparator.comparing(Endpoint::dnsName).thenComparing(Endpoint::recordType));
    return records;
  }

  @Override
  public ApplyOutcome apply(io.dnsplane.applier.spi.Zone zone, Changes changes) {
    org.xbill.DNS.Zone z = zone(zone);
    List<RecordFailure> failures = new ArrayList<>();
    synchronized (z) {
      changes.all().forEach(e -> guarded(e, failures, () -> check(z, e, changes.create().contains(e))));
      if (!failures.isEmpty()) {
        String why = failures.stream().map(f -> f.endpoint().dnsName() + " " + f.endpoint().recordType() + ": " + f.reason())
            .reduce((a, b) -> a + "; " + b).orElse("");
        throw new BatchRefusedException("batch refused, nothing applied: " + why);
      }
      changes.delete().forEach(e -> guarded(e, failures, () -> delete(z, e)));
      changes.updateOld().forEach(e -> guarded(e, failures, () -> delete(z, e)));
      changes.updateNew().forEach(e -> guarded(e, failures, () -> set(z, e)));
      changes.create().forEach(e -> guarded(e, failures, () -> set(z, e)));
    }
    return new ApplyOutcome(Optional.of("inmemory-" + changeIds.incrementAndGet()), failures);
  }

  /** Refuses what cannot be applied, before anything is: bad data, names outside the zone, clobbering creates. */
  private static void check(org.xbill.DNS.Zone z, Endpoint e, boolean isCreate) throws IOException {
    Name name = Name.fromString(e.dnsName() + ".");
    if (!name.subdomain(z.getOrigin())) {
      throw new IllegalArgumentException(e.dnsName() + " is not in zone " + z.getOrigin());
    }
    List<Record> wanted = RecordConversion.toRecords(e, DEFAULT_TTL);
    if (isCreate) {
      RRset existing = z.findExactMatch(name, Type.value(e.recordType()));
      if (existing != null && !RecordConversion.toEndpoint(existing).targets().equals(e.targets())) {
        throw new IllegalArgumentException("a different " + e.recordType() + " record set already exists ("
            + RecordConversion.toEndpoint(existing) + "); a create never overwrites it");
      }
    }
    if (wanted.isEmpty()) {
      throw new IllegalArgumentException("no records");
    }
  }

  /** The dnsjava zone that serves {@code name}, the most specific one, if any. */
  Optional<org.xbill.DNS.Zone> zoneServing(Name name) {
    String n = DnsNames.normalize(name.toString());
    return zonesByName.entrySet().stream()
        .filter(e -> DnsNames.isInZone(n, e.getKey()))
        .max(Comparator.comparingInt(e -> e.getKey().length()))
        .map(Map.Entry::getValue);
  }

  private org.xbill.DNS.Zone zone(io.dnsplane.applier.spi.Zone zone) {
    org.xbill.DNS.Zone z = zonesByName.get(zone.name());
    if (z == null) {
      throw new IllegalArgumentException("no zone " + zone.name() + " in the in-memory provider");
    }
    return z;
  }

  private interface Change {
    void run() throws IOException;
  }

  private static void guarded(Endpoint e, List<RecordFailure> failures, Change change) {
    try {
      if (!e.setIdentifier().isEmpty()) {
        throw new IllegalArgumentException("the in-memory provider does not support set identifiers");
      }
      change.run();
    } catch (IOException | RuntimeException ex) {
      failures.add(new RecordFailure(e, ex.getMessage(), false));
    }
  }

  private static void delete(org.xbill.DNS.Zone z, Endpoint e) throws TextParseException {
    Name name = Name.fromString(e.dnsName() + ".");
    int type = Type.value(e.recordType());
    if (z.findExactMatch(name, type) != null) {
      z.removeRRset(name, type);
    }
  }

  private static void set(org.xbill.DNS.Zone z, Endpoint e) throws IOException {
    Name name = Name.fromString(e.dnsName() + ".");
    if (!name.subdomain(z.getOrigin())) {
      throw new IllegalArgumentException(e.dnsName() + " is not in zone " + z.getOrigin());
    }
    RRset rrset = new RRset();
    for (Record r : RecordConversion.toRecords(e, DEFAULT_TTL)) {
      rrset.addRR(r);
    }
    int type = Type.value(e.recordType());
    if (z.findExactMatch(name, type) != null) {
      z.removeRRset(name, type);
    }
    z.addRRset(rrset);
  }
}
