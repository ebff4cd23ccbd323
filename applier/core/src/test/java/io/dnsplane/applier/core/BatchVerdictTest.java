package io.dnsplane.applier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The audit status of a batch, from what was asked, what was sent, what the provider said. */
class BatchVerdictTest {
  private static final Endpoint A = Endpoint.of("app.example.com", "A", 300, "192.0.2.1");
  private static final Endpoint TXT = Endpoint.of("a-app.example.com", "TXT", 300, "\"heritage=external-dns\"");
  private static final Changes BOTH = new Changes.Builder().create(A).create(TXT).build();
  private static final Changes NONE = new Changes.Builder().build();
  private static final RecordFailure REFUSED_A = new RecordFailure(A, "InvalidChangeBatch: exists", false);
  private static final RecordFailure REFUSED_TXT = new RecordFailure(TXT, "InvalidChangeBatch: exists", false);
  private static final RecordFailure GAVE_UP_A = new RecordFailure(A, "gave up after 5 attempts: Throttling", true);

  record Case(String name, Changes asked, Changes remaining, List<RecordFailure> failures, boolean appliedEarlier,
      ApplyStatus status, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("an empty batch", NONE, NONE, List.of(), false, ApplyStatus.NOTHING_TO_DO, ""),
        new Case("all went through", BOTH, BOTH, List.of(), false, ApplyStatus.APPLIED, ""),
        new Case("re-delivered, the zone held it", BOTH, NONE, List.of(), false, ApplyStatus.APPLIED,
            BatchVerdict.REDELIVERED),
        new Case("refused, but an earlier attempt went through", BOTH, BOTH, List.of(REFUSED_A, REFUSED_TXT), true,
            ApplyStatus.APPLIED, BatchVerdict.APPLIED_EARLIER),
        new Case("every change refused", BOTH, BOTH, List.of(REFUSED_A, REFUSED_TXT), false, ApplyStatus.FAILED, ""),
        new Case("one of two refused", BOTH, BOTH, List.of(REFUSED_A), false, ApplyStatus.PARTIAL, ""),
        new Case("the one change sent gave up", BOTH, new Changes.Builder().create(A).build(), List.of(GAVE_UP_A),
            false, ApplyStatus.FAILED, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(Case c) {
    assertThat(BatchVerdict.of(c.asked(), c.remaining(), c.failures(), c.appliedEarlier()))
        .isEqualTo(new BatchVerdict(c.status(), c.reason()));
  }

  @ParameterizedTest(name = "refused: {0}")
  @MethodSource("refusals")
  void aRefusalIsANoNotATryLater(List<RecordFailure> failures, boolean refused) {
    assertThat(BatchVerdict.refused(failures)).isEqualTo(refused);
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> refusals() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(List.of(), false),
        org.junit.jupiter.params.provider.Arguments.of(List.of(REFUSED_A), true),
        org.junit.jupiter.params.provider.Arguments.of(List.of(GAVE_UP_A), false),
        org.junit.jupiter.params.provider.Arguments.of(List.of(REFUSED_TXT, GAVE_UP_A), false));
  }
}
