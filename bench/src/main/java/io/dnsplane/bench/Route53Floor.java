package io.dnsplane.bench;

import java.util.List;

/**
 * The fewest ChangeResourceRecordSets calls, and the least time, that Route53's documented limits
 * allow for a set of names, each name's changes (its record and its TXT) in one call as dnsplane
 * and ExternalDNS keep them: at most 1,000 changes and 32,000 value characters a call, an UPSERT
 * counting twice for both, and 5 requests a second per account. Pure.
 */
public final class Route53Floor {
  public static final int MAX_CHANGES = 1000;
  public static final int MAX_CHARS = 32_000;
  public static final double REQUESTS_PER_SECOND = 5;

  private Route53Floor() {}

  /** One name's share of a call: its changes and value characters, UPSERTs already counted twice. */
  public record NameCost(int changes, int chars) {}

  public record Floor(int calls, double seconds) {}

  /** Names packed in order, a call closed when the next name would pass a limit (optimal for equal names, near it otherwise). */
  public static Floor of(List<NameCost> names) {
    int calls = 0;
    int changes = 0;
    int chars = 0;
    for (NameCost name : names) {
      if (changes > 0 && (changes + name.changes() > MAX_CHANGES || chars + name.chars() > MAX_CHARS)) {
        calls++;
        changes = 0;
        chars = 0;
      }
      changes += name.changes();
      chars += name.chars();
    }
    if (changes > 0) {
      calls++;
    }
    // A token bucket that starts full lets the first second's 5 calls go at once.
    double seconds = Math.max(0, (calls - REQUESTS_PER_SECOND) / REQUESTS_PER_SECOND);
    return new Floor(calls, seconds);
  }

  /** {@code count} names of the same cost. */
  public static Floor of(int count, NameCost each) {
    return of(java.util.Collections.nCopies(count, each));
  }
}
