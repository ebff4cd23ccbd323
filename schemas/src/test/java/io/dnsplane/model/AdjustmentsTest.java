package io.dnsplane.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Adjustments.Adjustment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdjustmentsTest {
  private static final Endpoint APP = Endpoint.of("app.example.com", "A", 30, "192.0.2.10").withLabel("owner", "a");
  private static final Endpoint APP_TXT = Endpoint.of("a-app.example.com", "TXT", 30, "\"heritage=external-dns\"");
  private static final Endpoint WEB = Endpoint.of("web.example.com", "CNAME", 0, "lb.example.net");

  /** A provider whose minimum TTL is 60, which will not hold CNAMEs to lb.example.net, and leaves the rest alone. */
  private final List<List<Endpoint>> asked = new ArrayList<>();

  private List<Endpoint> provider(List<Endpoint> endpoints) {
    asked.add(endpoints);
    return endpoints.stream().filter(e -> !e.targets().contains("lb.example.net"))
        .map(e -> e.ttl() < 60 ? e.withTtl(60) : e).toList();
  }

  @Test
  void aBatchIsAdjustedInOneCallTxtAsideAndWhatTheProviderWillNotHoldIsDropped() {
    Endpoint old = Endpoint.of("old.example.com", "A", 300, "192.0.2.1");
    Changes batch = new Changes.Builder().create(APP).create(APP_TXT).create(WEB).update(old, old.withTargets(List.of("192.0.2.2")))
        .delete(Endpoint.of("gone.example.com", "A", 300, "192.0.2.3")).build();

    Adjustments.Adjusted adjusted = Adjustments.of(batch, this::provider);

    assertThat(asked).hasSize(1);
    assertThat(asked.get(0)).noneMatch(e -> e.recordType().equals("TXT")).allMatch(e -> e.labels().isEmpty());
    assertThat(adjusted.changes().create()).containsExactly(APP.withTtl(60), APP_TXT);
    assertThat(adjusted.changes().create().get(0).labels()).containsEntry("owner", "a");
    assertThat(adjusted.changes().updateNew()).containsExactly(old.withTargets(List.of("192.0.2.2")));
    assertThat(adjusted.changes().delete()).hasSize(1);
    assertThat(adjusted.adjustments()).containsExactly(
        new Adjustment(APP.withoutLabels(), Optional.of(APP.withoutLabels().withTtl(60))),
        new Adjustment(WEB, Optional.empty()));
  }

  @Test
  void aBatchOfDeletesAndTxtOnlyIsNotSentToTheProvider() {
    Changes batch = new Changes.Builder().create(APP_TXT).delete(WEB).build();
    assertThat(Adjustments.of(batch, this::provider).changes()).isEqualTo(batch);
    assertThat(asked).isEmpty();
  }

  @Test
  void theDesiredEndpointsArePlannedOnTheAdjustedForm() {
    List<Adjustment> adjustments = List.of(new Adjustment(APP.withoutLabels(), Optional.of(APP.withoutLabels().withTtl(60))),
        new Adjustment(WEB, Optional.empty()));
    Endpoint other = Endpoint.of("other.example.com", "A", 30, "192.0.2.4");
    assertThat(Adjustments.apply(List.of(APP, WEB.withLabel("owner", "b"), other), adjustments))
        .containsExactly(APP.withTtl(60), other);
    // A desire that changed since is not the one adjusted: planned as it is.
    Endpoint moved = APP.withTargets(List.of("192.0.2.11"));
    assertThat(Adjustments.apply(List.of(moved), adjustments)).containsExactly(moved);
  }

  @Test
  void adjustmentsSurviveAvro() {
    List<Adjustment> adjustments = List.of(new Adjustment(APP.withoutLabels(), Optional.of(APP.withoutLabels().withTtl(60))),
        new Adjustment(new Endpoint("w.example.com", "A", List.of("192.0.2.5"), 0, "eu", Map.of(), Map.of("webhook/x", "1")),
            Optional.empty()));
    assertThat(Adjustments.fromAvro(Adjustments.toAvro(adjustments))).isEqualTo(adjustments);
  }

  @Test
  void manyBatchesAreAskedInOneCallUnlessTwoWantDifferentRecordSetsOfOneNameAndType() {
    Endpoint web = Endpoint.of("web.example.com", "A", 30, "192.0.2.1");
    Endpoint moved = web.withTargets(List.of("192.0.2.2"));
    List<Changes> batches = List.of(new Changes.Builder().create(APP).build(), new Changes.Builder().create(web).build(),
        new Changes.Builder().update(web, moved).build());

    List<Adjustment> adjustments = Adjustments.ask(batches, this::provider);

    assertThat(asked).hasSize(2);
    assertThat(asked.get(0)).containsExactly(APP.withoutLabels(), web);
    assertThat(asked.get(1)).containsExactly(moved);
    assertThat(Adjustments.applied(batches.get(2), adjustments).updateNew()).containsExactly(moved.withTtl(60));
    assertThat(Adjustments.applied(batches.get(0), adjustments).create()).containsExactly(APP.withTtl(60));
  }
}
