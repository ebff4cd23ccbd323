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

  /** --managed-record-types less --exclude-record-types, upper case. */
  public static Set<String> planned(Set<String> managed, Set<String> excluded) {
    java.util.Set<String> planned = new java.util.TreeSet<>();
    (managed == null || managed.isEmpty() ? DEFAULT_MANAGED : managed)
        .forEach(t -> planned.add(t.trim().toUpperCase(java.util.Locale.ROOT)));
    if (excluded != null) {
      excluded.forEach(t -> planned.remove(t.trim().toUpperCase(java.util.Locale.ROOT)));
    }
    return Set.copyOf(planned);
  }
}
