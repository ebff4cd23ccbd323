package io.dnsplane.applier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CulpritIsolationTest {
  /** A transactional provider: refuses a whole call when any record in it is "bad", applies all otherwise. */
  private final List<Changes> applied = new ArrayList<>();
  private int maxPerCall = Integer.MAX_VALUE;

  private ApplyOutcome call(Changes changes) {
    if (changes.all().stream().anyMatch(e -> e.dnsName().startsWith("bad"))) {
      throw new BatchRefusedException("InvalidChangeBatch: " + changes.all().stream()
          .filter(e -> e.dnsName().startsWith("bad")).map(Endpoint::dnsName).findFirst().orElseThrow() + " is invalid");
    }
    applied.add(changes);
    return ApplyOutcome.applied("C" + applied.size());
  }

  private CulpritIsolation isolation() {
    return new CulpritIsolation(c -> c.all().size() <= maxPerCall, this::call);
  }

  private static CulpritIsolation.Part part(String name) {
    return new CulpritIsolation.Part("batch-" + name, new Changes.Builder()
        .create(Endpoint.of(name + ".example.com", "A", 0, "192.0.2.1"))
        .create(Endpoint.of("a-" + name + ".example.com", "TXT", 0, "\"heritage=external-dns,external-dns/owner=a\""))
        .build());
  }

  @Test
  void consecutiveBatchesShareOneCallWhileTheyFit() {
    List<CulpritIsolation.Part> parts = IntStream.range(0, 10).mapToObj(i -> part("n" + i)).toList();
    maxPerCall = 8; // four batches of two records
    CulpritIsolation isolation = isolation();
    Map<String, ApplyOutcome> outcomes = isolation.apply(parts);
    assertThat(isolation.calls()).isEqualTo(3);
    assertThat(applied).extracting(c -> c.all().size()).containsExactly(8, 8, 4);
    assertThat(outcomes.get("batch-n0").providerChangeId()).contains("C1");
    assertThat(outcomes.get("batch-n9").providerChangeId()).contains("C3");
    assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.failures()).isEmpty());
  }

  @Test
  void aCallIsFilledAsTheLimitsAllowAskingTheProviderLogarithmicallyOften() {
    List<CulpritIsolation.Part> parts = IntStream.range(0, 1200).mapToObj(i -> part("n" + i)).toList();
    maxPerCall = 1000; // Route53's 1,000 changes: 500 names of a record and its TXT a call
    int[] asked = {0};
    CulpritIsolation isolation = new CulpritIsolation(c -> {
      asked[0]++;
      return c.all().size() <= maxPerCall;
    }, this::call);
    isolation.apply(parts);
    assertThat(applied).extracting(c -> c.all().size()).containsExactly(1000, 1000, 400);
    // Doubling then halving: about 2·log2(500) questions a call, where growing the call part by part asked 1,200.
    assertThat(asked[0]).isLessThan(60);
  }

  @Test
  void emptyPartsKeepTheirPlaceAmongTheOutcomes() {
    List<CulpritIsolation.Part> parts = List.of(part("n0"), new CulpritIsolation.Part("batch-empty", Changes.NONE), part("n1"));
    Map<String, ApplyOutcome> outcomes = isolation().apply(parts);
    assertThat(outcomes.keySet()).containsExactly("batch-n0", "batch-empty", "batch-n1");
    assertThat(outcomes.get("batch-empty").providerChangeId()).isEmpty();
    assertThat(applied).hasSize(1);
  }

  @Test
  void aRefusedCallIsSplitUntilTheBadBatchIsAloneAndEveryOtherBatchIsApplied() {
    List<CulpritIsolation.Part> parts = new ArrayList<>();
    IntStream.range(0, 16).forEach(i -> parts.add(part(i == 11 ? "bad" : "n" + i)));
    CulpritIsolation isolation = isolation();
    Map<String, ApplyOutcome> outcomes = isolation.apply(parts);

    assertThat(outcomes).hasSize(16);
    assertThat(outcomes.get("batch-bad").failures()).hasSize(2).allSatisfy(f -> {
      assertThat(f.retryable()).isFalse();
      assertThat(f.reason()).contains("bad.example.com is invalid");
    });
    assertThat(outcomes.entrySet()).filteredOn(e -> !e.getKey().equals("batch-bad"))
        .allSatisfy(e -> assertThat(e.getValue().failures()).isEmpty());
    assertThat(applied.stream().mapToInt(c -> c.all().size()).sum()).isEqualTo(30);
    // 1 refused call of 16, then halves: 8 ok, 8 refused, 4 ok, 4 refused, 2 ok, 2 refused, 1 ok, 1 refused.
    assertThat(isolation.calls()).isEqualTo(9);
  }

  @Test
  void aBatchIsNeverSplitSoARecordAndItsTxtFailTogether() {
    Map<String, ApplyOutcome> outcomes = isolation().apply(List.of(part("bad")));
    assertThat(outcomes.get("batch-bad").failures()).extracting(f -> f.endpoint().dnsName())
        .containsExactly("bad.example.com", "a-bad.example.com");
    assertThat(applied).isEmpty();
  }

  @Test
  void perRecordFailuresOfAMergedCallGoToTheBatchThatHeldThem() {
    CulpritIsolation isolation = new CulpritIsolation(c -> true, merged -> new ApplyOutcome(Optional.of("C"),
        List.of(new io.dnsplane.applier.spi.RecordFailure(merged.create().get(2), "quota", true))));
    Map<String, ApplyOutcome> outcomes = isolation.apply(List.of(part("one"), part("two")));
    assertThat(outcomes.get("batch-one").failures()).isEmpty();
    assertThat(outcomes.get("batch-two").failures()).extracting(f -> f.endpoint().dnsName()).containsExactly("two.example.com");
  }

  @Test
  void emptyBatchesCostNoCall() {
    CulpritIsolation isolation = isolation();
    Map<String, ApplyOutcome> outcomes = isolation.apply(List.of(new CulpritIsolation.Part("empty", Changes.NONE)));
    assertThat(isolation.calls()).isZero();
    assertThat(outcomes.get("empty").failures()).isEmpty();
  }
}
