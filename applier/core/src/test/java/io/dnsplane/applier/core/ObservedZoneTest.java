package io.dnsplane.applier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The view's TXT count (the delete breaker's denominator) follows every way the view changes. */
class ObservedZoneTest {
  private static Endpoint a(String name, String ip) {
    return Endpoint.of(name + ".example.com", "A", 300, ip);
  }

  private static Endpoint txt(String name) {
    return Endpoint.of("a-" + name + ".example.com", "TXT", 300, "\"heritage=external-dns,external-dns/owner=o\"");
  }

  private static long counted(ObservedZone zone) {
    return zone.byName().values().stream().flatMap(List::stream).filter(e -> e.recordType().equals("TXT")).count();
  }

  @Test
  void theTxtCountFollowsListingApplyingAndRereading() {
    ObservedZone zone = new ObservedZone(List.of(a("app", "192.0.2.1"), txt("app"), txt("api"),
        Endpoint.of("example.com", "TXT", 300, "\"v=spf1 -all\"")));
    assertThat(zone.txtRecordSets()).isEqualTo(3).isEqualTo((int) counted(zone));

    zone.apply(new Changes.Builder().create(a("web", "192.0.2.2")).create(txt("web")).delete(txt("api")).build());
    assertThat(zone.txtRecordSets()).isEqualTo(3).isEqualTo((int) counted(zone));

    // An update of a TXT replaces it: still one.
    zone.apply(new Changes.Builder().update(txt("web"), txt("web").withTtl(60)).build());
    assertThat(zone.txtRecordSets()).isEqualTo(3).isEqualTo((int) counted(zone));

    zone.replaceAt(Set.of("a-app.example.com", "a-new.example.com"), List.of(txt("new")));
    assertThat(zone.txtRecordSets()).isEqualTo(3).isEqualTo((int) counted(zone));

    zone.replaceWith(List.of(txt("x"), txt("y"), txt("z"), txt("w"), a("x", "192.0.2.9")));
    assertThat(zone.txtRecordSets()).isEqualTo(4).isEqualTo((int) counted(zone));
  }
}
