package io.dnsplane.planner.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The batches planned for a name and not yet reported back, one per zone, kept in NameState's
 * inFlightBatch string as {@code zoneId=batchId} entries joined by commas (a name served by a
 * public and a private zone of the same name has two). An entry without a zone (written before
 * names could have several zones) stands for any zone.
 */
final class InFlightBatches {
  private InFlightBatches() {}

  /** The batch in flight in a zone, if any. */
  static Optional<String> inZone(String inFlight, String zoneId) {
    Map<String, String> entries = parse(inFlight);
    return Optional.ofNullable(entries.getOrDefault(zoneId, entries.get("")));
  }

  /** The batch ids alone, for people: "b1" or "b1, b2". */
  static String batchIds(String inFlight) {
    return String.join(", ", parse(inFlight).values());
  }

  /** With {@code batchId} in flight in the zone, replacing the zone's earlier batch. */
  static String with(String inFlight, String zoneId, String batchId) {
    Map<String, String> entries = parse(inFlight);
    entries.remove("");
    entries.put(zoneId, batchId);
    return format(entries);
  }

  /** Without the zone's batch: it came back. */
  static String acknowledged(String inFlight, String zoneId) {
    Map<String, String> entries = parse(inFlight);
    entries.remove(zoneId);
    entries.remove("");
    return format(entries);
  }

  private static Map<String, String> parse(String inFlight) {
    Map<String, String> entries = new LinkedHashMap<>();
    if (inFlight == null || inFlight.isEmpty()) {
      return entries;
    }
    for (String entry : inFlight.split(",")) {
      int eq = entry.indexOf('=');
      entries.put(eq < 0 ? "" : entry.substring(0, eq), eq < 0 ? entry : entry.substring(eq + 1));
    }
    return entries;
  }

  private static String format(Map<String, String> entries) {
    StringBuilder out = new StringBuilder();
    entries.forEach((zone, batch) -> out.append(out.isEmpty() ? "" : ",").append(zone).append('=').append(batch));
    return out.toString();
  }
}
