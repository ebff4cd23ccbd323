package io.dnsplane.model;

import java.util.Set;

/** Record type names as strings, as ExternalDNS carries them: providers may hold types we do not plan. */
public final class RecordTypes {
  public static final String A = "A";
  public static final String AAAA = "AAAA";
  public static final String CNAME = "CNAME";
  public static final String TXT = "TXT";

  /** ExternalDNS's --managed-record-types default. */
  public static final Set<String> DEFAULT_MANAGED = Set.of(A, AAAA, CNAME);

  private RecordTypes() {}
}
