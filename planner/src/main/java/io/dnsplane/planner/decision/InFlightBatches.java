package io.dnsplane.planner.decision;

import io.dnsplane.avro.planner.NameState;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The batches planned for a name and not yet reported back, one per zone: NameState's inFlight map
 * (zone id to batch id). State written before that field keeps them in inFlightBatch as
 * {@code zoneId=batchId} entries joined by commas (a bare id standing for any zone); it is read
 * once and moved to the map at the next change.
 */
public final class InFlightBatches {
  /** The key a bare id of the old format stands under: any zone. */
  private static final String ANY_ZONE = "";

  private InFlightBatches() {}

  /** The batch in flight in a zone, if any. */
  public static Optional<String> inZone(NameState state, String zoneId) {
    Map<String, String> entries = of(state);
    return Optional.ofNullable(entries.getOrDefault(zoneId, entries.get(ANY_ZONE)));
  }

  public static boolean isEmpty(NameState state) {
    return of(state).isEmpty();
  }

  /** The batch ids alone, for people: "b1" or "b1, b2". */
  public static String batchIds(NameState state) {
    return String.join(", ", of(state).values());
  }

  /** With {@code batchId} in flight in the zone, replacing the zone's earlier batch. */
  public static void put(NameState state, String zoneId, String batchId) {
    Map<String, String> entries = of(state);
    entries.remove(ANY_ZONE);
    entries.put(zoneId, batchId);
    store(state, entries);
  }

  /** Without the zone's batch: it came back. */
  public static void acknowledge(NameState state, String zoneId) {
    Map<String, String> entries = of(state);
    entries.remove(zoneId);
    entries.remove(ANY_ZONE);
    store(state, entries);
  }

  private static Map<String, String> of(NameState state) {
    Map<String, String> entries = new TreeMap<>(state.getInFlight());
    String legacy = state.getInFlightBatch();
    if (entries.isEmpty() && legacy != null && !legacy.isEmpty()) {
      for (String entry : legacy.split(",")) {
        int eq = entry.indexOf('=');
        entries.put(eq < 0 ? ANY_ZONE : entry.substring(0, eq), eq < 0 ? entry : entry.substring(eq + 1));
      }
    }
    return entries;
  }

  private static void store(NameState state, Map<String, String> entries) {
    state.setInFlight(new TreeMap<>(entries));
    state.setInFlightBatch("");
  }
}
