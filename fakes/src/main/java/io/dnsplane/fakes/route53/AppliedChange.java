package io.dnsplane.fakes.route53;

import java.time.Instant;
import java.util.List;

/** One change of a batch the local Route53 applied: action (CREATE, UPSERT, DELETE), name without the root dot, type, values. */
public record AppliedChange(String action, String name, String type, List<String> values) {
  /**
   * Told, on the request's thread, of each ChangeResourceRecordSets applied: when its request was
   * received (before any throttling or delay) and its changes. The changes are visible to the next
   * request the moment it is called ({@link Route53Fake#onApplied}).
   */
  public interface Listener {
    void applied(Instant received, List<AppliedChange> changes);
  }
}
