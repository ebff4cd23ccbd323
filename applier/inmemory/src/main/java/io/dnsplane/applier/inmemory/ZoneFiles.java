package io.dnsplane.applier.inmemory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Zone;

/** Zones from RFC 1035 master files (dnsjava's parser), or empty zones with a synthetic SOA and NS. */
public final class ZoneFiles {
  private ZoneFiles() {}

  /** Loads a master file; the zone's origin is the owner of its SOA record. */
  public static Zone load(Path file) throws IOException {
    List<Record> records = new ArrayList<>();
    try (Master master = new Master(file.toString())) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        records.add(r);
      }
    } catch (IOException e) {
      throw new IOException("cannot read zone file " + file + ": " + e.getMessage(), e);
    }
    Name origin = records.stream().filter(r -> r instanceof SOARecord).map(Record::getName).findFirst()
        .orElseThrow(() -> new IOException("zone file " + file + " has no SOA record"));
    return new Zone(origin, records.toArray(Record[]::new));
  }

  public static Zone empty(String zoneName) throws IOException {
    Name origin = Name.fromString(zoneName.endsWith(".") ? zoneName : zoneName + ".");
    Name ns = Name.fromString("ns1", origin);
    Name admin = Name.fromString("hostmaster", origin);
    return new Zone(origin,
        new SOARecord(origin, DClass.IN, 300, ns, admin, 1, 3600, 600, 86400, 60),
        new NSRecord(origin, DClass.IN, 300, ns));
  }
}
