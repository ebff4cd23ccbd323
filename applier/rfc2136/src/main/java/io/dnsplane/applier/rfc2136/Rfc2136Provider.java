package io.dnsplane.applier.rfc2136;

import io.dnsplane.applier.dns.RecordConversion;
import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Changes;
import io.dnsplane.model.DomainFilter;
import io.dnsplane.model.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * {@code --provider=rfc2136}: RFC 2136 dynamic updates (dnsjava), signed with TSIG, to any
 * authoritative server that takes them (BIND, Knot, PowerDNS, Windows DNS); zones listed by AXFR.
 * Each call is one UPDATE message, which the server applies whole or not at all, with
 * prerequisites that make it safe where ExternalDNS sends none: a create requires that its name
 * holds no record set of its type, an update and a delete that the record set is exactly as
 * planned from (RFC 2136 2.4.3 and 2.4.2). A record set changed behind dnsplane's back fails the
 * prerequisite (YXRRSET, NXRRSET), and the call is refused rather than overwriting it.
 */
final class Rfc2136Provider implements DnsProvider {
  private static final Logger log = LoggerFactory.getLogger(Rfc2136Provider.class);
  /** An UPDATE larger than this goes over TCP (a UDP answer beyond 512 bytes may not arrive whole). */
  static final int UDP_LIMIT = 512;

  /** What the server was configured with, as the flags gave it. */
  record Settings(InetSocketAddress server, List<String> zones, Optional<TSIG> tsig, boolean axfr, long minTtl,
      int batchChangeSize, DomainFilter domainFilter, Duration timeout) {}

  private final Settings settings;
  private final RequestBudget budget;
  private boolean warnedNoAxfr;

  Rfc2136Provider(Settings settings, RequestBudget budget) {
    this.settings = settings;
    this.budget = budget;
  }

  @Override
  public String name() {
    return "rfc2136";
  }

  @Override
  public List<Zone> zones() {
    return settings.zones().stream().filter(settings.domainFilter()::matches).map(z -> new Zone(z, z)).toList();
  }

  /** The zone by AXFR; without --rfc2136-axfr nothing can be listed (ExternalDNS then only creates, too). */
  @Override
  public synchronized List<Endpoint> records(Zone zone) {
    if (!settings.axfr()) {
      if (!warnedNoAxfr) {
        log.warn("without --rfc2136-axfr zone {} cannot be listed: dnsplane sees no records there, so it only creates"
            + " (and a create refuses a name that holds a record set of its type)", zone.name());
        warnedNoAxfr = true;
      }
      return List.of();
    }
    budget.acquire();
    try {
      ZoneTransferIn xfr = ZoneTransferIn.newAXFR(Name.fromString(zone.name() + "."), settings.server(),
          settings.tsig().orElse(null));
      xfr.setTimeout(settings.timeout());
      xfr.run();
      Map<String, RRset> sets = new LinkedHashMap<>();
      for (Record r : xfr.getAXFR()) {
        sets.computeIfAbsent(r.getName() + " " + r.getType(), k -> new RRset()).addRR(r);
      }
      List<Endpoint> out = new ArrayList<>();
      sets.values().forEach(set -> out.add(RecordConversion.toEndpoint(set)));
      return out;
    } catch (ZoneTransferException e) {
      throw refusedTransfer(zone, e);
    } catch (IOException e) {
      throw new RetryableProviderException("AXFR of " + zone.name() + " from " + address() + ": " + e.getMessage(), e,
          Optional.empty());
    }
  }

  private RuntimeException refusedTransfer(Zone zone, ZoneTransferException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("NOTAUTH") || message.contains("BADKEY") || message.contains("BADSIG") || message.contains("TSIG")) {
      return new KeyRefused("the DNS server at " + address() + " refused the TSIG key for the AXFR of " + zone.name() + " ("
          + message + "): check --rfc2136-tsig-keyname, --rfc2136-tsig-secret and --rfc2136-tsig-secret-alg");
    }
    if (message.contains("REFUSED")) {
      return new IllegalStateException("the DNS server at " + address() + " refused the AXFR of " + zone.name() + " ("
          + message + "): allow transfers with the TSIG key, or drop --rfc2136-axfr");
    }
    return new RetryableProviderException("AXFR of " + zone.name() + " from " + address() + ": " + message, e, Optional.empty());
  }

  /** The server refused the TSIG key: nothing will work until it is fixed. */
  static final class KeyRefused extends IllegalStateException {
    KeyRefused(String message) {
      super(message);
    }
  }

  @Override
  public boolean fitsOneCall(Changes changes) {
    return changes.create().size() + changes.updateNew().size() + changes.delete().size() <= settings.batchChangeSize();
  }

  /** --rfc2136-min-ttl, as the provider's AdjustEndpoints: the planner plans on the raised TTL. */
  @Override
  public List<Endpoint> adjust(List<Endpoint> desired) {
    if (settings.minTtl() <= 0) {
      return desired;
    }
    return desired.stream().map(e -> e.ttl() > 0 && e.ttl() < settings.minTtl() ? e.withTtl(settings.minTtl()) : e).toList();
  }

  @Override
  public ApplyOutcome apply(Zone zone, Changes changes) {
    if (changes.isEmpty()) {
      return ApplyOutcome.applied(null);
    }
    Message update;
    try {
      update = update(zone, changes, settings.minTtl());
    } catch (IOException | IllegalArgumentException e) {
      throw new BatchRefusedException("zone " + zone.name() + ": " + e.getMessage(), e);
    }
    budget.acquire();
    Message response;
    try {
      SimpleResolver resolver = new SimpleResolver(settings.server());
      resolver.setTimeout(settings.timeout());
      settings.tsig().ifPresent(resolver::setTSIGKey);
      resolver.setTCP(update.toWire().length > UDP_LIMIT);
      response = resolver.send(update);
    } catch (IOException e) {
      throw new RetryableProviderException("UPDATE of " + zone.name() + " at " + address() + ": " + e.getMessage(), e,
          Optional.empty());
    }
    int rcode = response.getRcode();
    if (rcode == Rcode.NOERROR) {
      return ApplyOutcome.applied(null);
    }
    String what = "UPDATE of " + zone.name() + " at " + address() + ": " + Rcode.string(rcode);
    switch (rcode) {
      case Rcode.SERVFAIL -> throw new RetryableProviderException(what, null, Optional.empty());
      case Rcode.NOTAUTH -> throw new KeyRefused(what + " (the server refused the TSIG key or is not authoritative for the"
          + " zone): check --rfc2136-tsig-keyname, --rfc2136-tsig-secret and --rfc2136-tsig-secret-alg");
      case Rcode.YXRRSET, Rcode.NXRRSET, Rcode.YXDOMAIN, Rcode.NXDOMAIN -> throw new BatchRefusedException(what
          + ": a record set is not as planned from (changed by someone else?); nothing applied");
      default -> throw new BatchRefusedException(what + ": nothing applied");
    }
  }

  /** One UPDATE message for a batch: prerequisites, then deletes, then updates' and creates' adds. */
  static Message update(Zone zone, Changes changes, long minTtl) throws IOException {
    Update update = new Update(Name.fromString(zone.name() + "."));
    Set<String> deleted = new HashSet<>();
    for (Endpoint e : changes.delete()) {
      exactly(update, e);
      update.delete(name(e), type(e));
      deleted.add(key(e));
    }
    for (int i = 0; i < changes.updateNew().size(); i++) {
      Endpoint oldE = changes.updateOld().get(i);
      Endpoint newE = changes.updateNew().get(i);
      exactly(update, oldE);
      update.delete(name(oldE), type(oldE));
      if (!key(oldE).equals(key(newE))) {
        update.absent(name(newE), type(newE));
      }
      records(newE, minTtl).forEach(update::add);
    }
    for (Endpoint e : changes.create()) {
      if (!deleted.contains(key(e))) {
        update.absent(name(e), type(e));
      }
      records(e, minTtl).forEach(update::add);
    }
    return update;
  }

  /**
   * Prerequisite: the record set exists with exactly these records (value-dependent, RFC 2136
   * 2.4.2), whose TTL must be 0 in a prerequisite (a server answers FORMERR otherwise).
   */
  private static void exactly(Update update, Endpoint e) throws IOException {
    // The TTL given here is replaced by 0 below: only the records' data counts.
    for (Record r : RecordConversion.toRecords(e, Rfc2136ProviderFactory.DEFAULT_TTL)) {
      update.present(Record.newRecord(r.getName(), r.getType(), org.xbill.DNS.DClass.IN, 0, r.rdataToWireCanonical()));
    }
  }

  private static List<Record> records(Endpoint e, long minTtl) throws IOException {
    if (!e.setIdentifier().isEmpty()) {
      throw new IllegalArgumentException(e.dnsName() + " " + e.recordType() + ": DNS has no weighted or set-identified"
          + " records (set identifier '" + e.setIdentifier() + "')");
    }
    long ttl = e.ttl() > 0 ? e.ttl() : Rfc2136ProviderFactory.DEFAULT_TTL;
    return RecordConversion.toRecords(e.withTtl(Math.max(ttl, minTtl)), Rfc2136ProviderFactory.DEFAULT_TTL);
  }

  private static Name name(Endpoint e) throws TextParseException {
    return Name.fromString(e.dnsName() + ".");
  }

  private static int type(Endpoint e) {
    int type = Type.value(e.recordType());
    if (type < 0) {
      throw new IllegalArgumentException("unknown record type " + e.recordType());
    }
    return type;
  }

  private static String key(Endpoint e) {
    return e.dnsName() + " " + e.recordType();
  }

  private String address() {
    return settings.server().getHostString() + ":" + settings.server().getPort();
  }
}
