package io.dnsplane.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.DomainFilter;
import io.dnsplane.model.Endpoint;
import io.dnsplane.watcher.source.ObjectRef;
import io.dnsplane.watcher.source.SourceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatcherDomainFilterTest {
  @Test
  void namesOutsideTheDomainFilterAreDroppedEarly() {
    SourceEvent.Upsert upsert = new SourceEvent.Upsert(new ObjectRef("ingress", "default", "app"), "1",
        List.of(Endpoint.of("app.example.com", "A", 0, "192.0.2.10"), Endpoint.of("app.example.org", "A", 0, "192.0.2.10")));
    SourceEvent filtered = Watcher.withinDomains(upsert, DomainFilter.of(List.of("example.com"), List.of(), null, null));
    assertThat(((SourceEvent.Upsert) filtered).endpoints()).extracting(Endpoint::dnsName).containsExactly("app.example.com");
    assertThat(Watcher.withinDomains(upsert, DomainFilter.ALL)).isSameAs(upsert);
  }
}
