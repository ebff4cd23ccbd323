package io.dnsplane.applier.dns;

import io.dnsplane.model.Endpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Endpoints to dnsjava records and back. TXT targets carry their quotes, as ExternalDNS's do
 * ({@code "heritage=external-dns,..."}); on the wire the quotes are not part of the data. Shared by
 * the in-memory provider and the RFC2136 provider (dnsjava is an optional dependency of the core:
 * the modules that use this declare it).
 */
public final class RecordConversion {
  private RecordConversion() {}

  public static Endpoint toEndpoint(RRset rrset) {
    List<String> targets = new ArrayList<>();
    for (Record r : rrset.rrs()) {
      targets.add(r instanceof TXTRecord txt ? "\"" + String.join("", txt.getStrings()) + "\"" : targetOf(r));
    }
    return new Endpoint(rrset.getName().toString(), Type.string(rrset.getType()), targets, rrset.getTTL(), "",
        Map.of(), Map.of());
  }

  private static String targetOf(Record r) {
    String data = r.rdataToString();
    return data.endsWith(".") ? data.substring(0, data.length() - 1) : data;
  }

  public static List<Record> toRecords(Endpoint e, long defaultTtl) throws IOException {
    Name name = Name.fromString(e.dnsName() + ".");
    int type = Type.value(e.recordType());
    if (type < 0) {
      throw new IllegalArgumentException("unknown record type " + e.recordType());
    }
    long ttl = e.ttl() > 0 ? e.ttl() : defaultTtl;
    if (e.targets().isEmpty()) {
      throw new IllegalArgumentException(e.dnsName() + " " + e.recordType() + " has no targets");
    }
    List<Record> records = new ArrayList<>();
    for (String target : e.targets()) {
      if (type == Type.TXT) {
        records.add(new TXTRecord(name, DClass.IN, ttl, characterStrings(unquote(target))));
      } else {
        String rdata = type == Type.CNAME && !target.endsWith(".") ? target + "." : target;
        records.add(Record.fromString(name, type, DClass.IN, ttl, rdata, Name.root));
      }
    }
    return records;
  }

  /** A TXT character-string holds at most 255 bytes; longer values are split, as providers do. */
  private static List<String> characterStrings(String value) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < value.length(); i += 255) {
      parts.add(value.substring(i, Math.min(value.length(), i + 255)));
    }
    return parts.isEmpty() ? List.of("") : parts;
  }

  private static String unquote(String target) {
    return target.length() >= 2 && target.startsWith("\"") && target.endsWith("\"")
        ? target.substring(1, target.length() - 1) : target;
  }
}
