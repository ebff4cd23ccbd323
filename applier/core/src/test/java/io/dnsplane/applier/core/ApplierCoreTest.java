package io.dnsplane.applier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ApplierCoreTest {
  private static final Endpoint APP = Endpoint.of("app.example.com", "A", 0, "192.0.2.10");
  private static final Endpoint APP_TXT = Endpoint.of("a-app.example.com", "TXT", 0, "\"heritage=external-dns\"");
  private static final Endpoint BAD = Endpoint.of("bad.example.com", "A", 0, "192.0.2.99");

  @Test
  void observedZoneFollowsAcceptedChanges() {
    ObservedZone zone = new ObservedZone(List.of(Endpoint.of("legacy.example.com", "A", 300, "198.51.100.1")));
    zone.apply(new Changes.Builder().create(APP.withLabel("owner", "a")).create(APP_TXT).build());
    assertThat(zone.at("app.example.com")).containsExactly(APP);
    Endpoint moved = APP.withTargets(List.of("192.0.2.11"));
    zone.apply(new Changes.Builder().update(APP, moved).build());
    assertThat(zone.at("app.example.com")).containsExactly(moved);
    zone.apply(new Changes.Builder().delete(moved).delete(APP_TXT).build());
    assertThat(zone.byName()).containsOnlyKeys("legacy.example.com");
  }

  @Test
  void aFreshListingReportsTheNamesThatDrifted() {
    ObservedZone zone = new ObservedZone(List.of(APP, APP_TXT, Endpoint.of("legacy.example.com", "A", 300, "198.51.100.1")));
    Endpoint edited = APP.withTargets(List.of("203.0.113.66"));
    Endpoint added = Endpoint.of("new.example.com", "A", 0, "192.0.2.77");
    assertThat(zone.replaceWith(List.of(edited, APP_TXT, added))).containsExactly("app.example.com", "legacy.example.com",
        "new.example.com");
    assertThat(zone.at("app.example.com")).containsExactly(edited);
    assertThat(zone.replaceWith(List.of(edited, APP_TXT, added))).isEmpty();
    // A record created without a TTL is listed with the provider's default: not drift.
    ObservedZone defaults = new ObservedZone(List.of(APP));
    assertThat(defaults.replaceWith(List.of(APP.withTtl(300)))).isEmpty();
  }

  @Test
  void refusedRecordsAreLeftOutOfWhatWasAccepted() {
    Changes batch = new Changes.Builder().create(APP).create(BAD).update(APP_TXT, APP_TXT).build();
    Changes accepted = Accepted.of(batch, List.of(new RecordFailure(BAD.withLabels(Map.of("owner", "a")), "bad", false)));
    assertThat(accepted.create()).containsExactly(APP);
    assertThat(accepted.updateNew()).containsExactly(APP_TXT);
    assertThat(Accepted.of(batch, List.of())).isSameAs(batch);
  }

  @Test
  void backoffGrowsWithinItsCapAndHonoursALongerRetryAfter() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 5);
    Random random = new Random(42);
    for (int attempt = 1; attempt < 30; attempt++) {
      Duration delay = backoff.delay(attempt, Optional.empty(), random);
      assertThat(delay).isBetween(Duration.ZERO, Duration.ofSeconds(2));
      assertThat(delay.toMillis()).isLessThanOrEqualTo(100L << Math.min(attempt, 20));
    }
    assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(30)), random)).isEqualTo(Duration.ofSeconds(30));
  }
}
