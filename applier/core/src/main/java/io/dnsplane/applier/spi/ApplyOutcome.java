package io.dnsplane.applier.spi;

import java.util.List;
import java.util.Optional;

/** What a provider did with a change batch: its change id, if it has one, and the records it refused. */
public record ApplyOutcome(Optional<String> providerChangeId, List<RecordFailure> failures) {
  public ApplyOutcome {
    failures = List.copyOf(failures);
  }

  public static ApplyOutcome applied(String providerChangeId) {
    return new ApplyOutcome(Optional.ofNullable(providerChangeId), List.of());
  }
}
