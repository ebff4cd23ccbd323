package io.dnsplane.applier.inmemory;

import java.io.IOException;
import java.util.Optional;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Zone;

/** Builds an authoritative answer for one query from the in-memory zones. */
final class QueryAnswerer {
  private final InMemoryProvider provider;

  QueryAnswerer(InMemoryProvider provider) {
    this.provider = provider;
  }

  /** The wire answer, truncated (TC set) to {@code maxLength}, or null for a message we cannot parse. */
  byte[] answer(byte[] queryBytes, int maxLength) {
    Message query;
    try {
      query = new Message(queryBytes);
    } catch (IOException e) {
      return null;
    }
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    Record question = query.getQuestion();
    if (question == null || query.getHeader().getOpcode() != Opcode.QUERY) {
      response.getHeader().setRcode(Rcode.NOTIMP);
      return response.toWire(maxLength);
    }
    response.addRecord(question, Section.QUESTION);
    Optional<Zone> zone = provider.zoneServing(question.getName());
    if (zone.isEmpty()) {
      response.getHeader().setRcode(Rcode.REFUSED);
      return response.toWire(maxLength);
    }
    response.getHeader().setFlag(Flags.AA);
    synchronized (zone.get()) {
      fill(response, zone.get(), question.getName(), question.getType());
    }
    return response.toWire(maxLength);
  }

  private static void fill(Message response, Zone zone, Name name, int type) {
    SetResponse found = zone.findRecords(name, type);
    if (found.isSuccessful()) {
      for (RRset rrset : found.answers()) {
        rrset.rrs().forEach(r -> response.addRecord(r, Section.ANSWER));
      }
    } else if (found.isCNAME()) {
      response.addRecord(found.getCNAME(), Section.ANSWER);
    } else if (found.isDelegation()) {
      response.getHeader().unsetFlag(Flags.AA);
      found.getNS().rrs().forEach(r -> response.addRecord(r, Section.AUTHORITY));
    } else {
      if (found.isNXDOMAIN()) {
        response.getHeader().setRcode(Rcode.NXDOMAIN);
      }
      response.addRecord(zone.getSOA(), Section.AUTHORITY);
    }
  }
}
