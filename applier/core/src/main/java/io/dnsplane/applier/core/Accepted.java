package io.dnsplane.applier.core;

import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.List;

/** The part of a batch the provider accepted: everything but the refused records. */
final class Accepted {
  private Accepted() {}

  static Changes of(Changes changes, List<RecordFailure> failures) {
    if (failures.isEmpty()) {
      return changes;
    }
    List<Endpoint> refused = failures.stream().map(f -> f.endpoint().withoutLabels()).toList();
    Changes.Builder accepted = new Changes.Builder();
    changes.create().stream().filter(e -> !refused.contains(e.withoutLabels())).forEach(accepted::create);
    changes.delete().stream().filter(e -> !refused.contains(e.withoutLabels())).forEach(accepted::delete);
    for (int i = 0; i < changes.updateNew().size(); i++) {
      Endpoint oldE = changes.updateOld().get(i);
      Endpoint newE = changes.updateNew().get(i);
      if (!refused.contains(oldE.withoutLabels()) && !refused.contains(newE.withoutLabels())) {
        accepted.update(oldE, newE);
      }
    }
    return accepted.build();
  }
}
