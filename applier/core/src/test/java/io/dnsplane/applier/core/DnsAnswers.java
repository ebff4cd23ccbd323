package io.dnsplane.applier.core;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/** What a DNS server on 127.0.0.1 answers, for the provider tests that check a real server over DNS. */
public final class DnsAnswers {
  private DnsAnswers() {}

  /** The answers to {@code name} of {@code type} (org.xbill.DNS.Type), as sorted "TTL data" lines, uncached. */
  public static List<String> of(int port, String name, int type) throws Exception {
    SimpleResolver resolver = new SimpleResolver("127.0.0.1");
    resolver.setPort(port);
    Lookup lookup = new Lookup(name, type);
    lookup.setResolver(resolver);
    lookup.setCache(null);
    Record[] answers = lookup.run();
    List<String> out = new ArrayList<>();
    if (answers != null) {
      for (Record r : answers) {
        out.add(r.getTTL() + " " + r.rdataToString());
      }
    }
    return out.stream().sorted().toList();
  }
}
