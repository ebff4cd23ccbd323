package io.dnsplane.watcher.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every source does the same way: valid host names only, and the ttl annotation. */
final class SourceSupport {
  private static final Logger log = LoggerFactory.getLogger(SourceSupport.class);

  private SourceSupport() {}

  /** The valid, canonical names among {@code raw}; invalid ones are reported and skipped. */
  static List<String> hostnames(Collection<String> raw, ObjectRef ref) {
    Set<String> names = new LinkedHashSet<>();
    for (String r : raw) {
      Hostnames.Checked checked = Hostnames.check(r);
      checked.name().ifPresent(names::add);
      checked.problem().ifPresent(p -> {
        log.warn("{}: {}", ref, p);
        ExtractionProblems.report(p);
      });
    }
    return new ArrayList<>(names);
  }

  static long ttl(Map<String, String> annotations, ObjectRef ref) {
    return Annotations.get(annotations, Annotations.TTL).map(value -> {
      OptionalLong parsed = Ttl.parse(value);
      if (parsed.isEmpty()) {
        log.warn("{}: ignoring invalid ttl annotation '{}'", ref, value);
      }
      return parsed.orElse(0);
    }).orElse(0L);
  }
}
