package io.dnsplane.applier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlreadyAppliedTest {
  private static final Endpoint APP = Endpoint.of("app.example.com", "A", 300, "192.0.2.10");
  private static final Endpoint APP_TXT = Endpoint.of("a-app.example.com", "TXT", 300, "\"heritage=external-dns\"");
  private static final Endpoint MOVED = APP.withTargets(List.of("192.0.2.11"));

  @Test
  void aBatchTheZoneAlreadyReflectsLeavesNothingToDo() {
    ObservedZone zone = new ObservedZone(List.of(APP, APP_TXT));
    Changes redelivered = new Changes.Builder().create(APP.withTtl(0).withLabel("owner", "a")).create(APP_TXT).build();
    assertThat(AlreadyApplied.remaining(redelivered, zone).isEmpty()).isTrue();

    ObservedZone afterUpdate = new ObservedZone(List.of(MOVED));
    assertThat(AlreadyApplied.remaining(new Changes.Builder().update(APP, MOVED).build(), afterUpdate).isEmpty()).isTrue();

    ObservedZone afterDelete = new ObservedZone(List.of());
    assertThat(AlreadyApplied.remaining(new Changes.Builder().delete(APP).delete(APP_TXT).build(), afterDelete).isEmpty())
        .isTrue();
  }

  @Test
  void whatTheZoneDoesNotReflectIsKept() {
    ObservedZone zone = new ObservedZone(List.of(APP));
    Changes batch = new Changes.Builder().create(APP_TXT).update(APP, MOVED).build();
    assertThat(AlreadyApplied.remaining(batch, zone)).isEqualTo(batch);
    // A create over a different record set stays, so the provider refuses it rather than us hiding it.
    Changes clobber = new Changes.Builder().create(MOVED).build();
    assertThat(AlreadyApplied.remaining(clobber, zone)).isEqualTo(clobber);
    // A delete of a record set that holds other targets now still deletes it.
    Changes delete = new Changes.Builder().delete(MOVED).build();
    assertThat(AlreadyApplied.remaining(delete, zone)).isEqualTo(delete);
  }
}
