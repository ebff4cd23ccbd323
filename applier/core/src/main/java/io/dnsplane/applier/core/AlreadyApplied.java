package io.dnsplane.applier.core;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;

/**
 * What of a batch the zone does not hold yet. A batch delivered again (after a crash between the
 * apply and the commit, or to the replica that takes a zone over, which lists the zone first) is
 * compared with the zone before it reaches the provider: creates already there, deletes already
 * gone and updates already made are dropped, so re-applying is harmless even on providers that
 * refuse to create what exists.
 */
final class AlreadyApplied {
  private AlreadyApplied() {}

  static Changes remaining(Changes changes, ObservedZone zone) {
    Changes.Builder remaining = new Changes.Builder();
    changes.create().stream().filter(e -> !zone.holds(e)).forEach(remaining::create);
    changes.delete().stream().filter(zone::hasRecordSet).forEach(remaining::delete);
    for (int i = 0; i < changes.updateNew().size(); i++) {
      Endpoint newE = changes.updateNew().get(i);
      if (!zone.holds(newE)) {
        remaining.update(changes.updateOld().get(i), newE);
      }
    }
    return remaining.build();
  }
}
