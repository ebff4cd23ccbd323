package io.dnsplane.applier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ApplyOnceTest {
  private static final Zone EXAMPLE = new Zone("Z1", "example.com");
  private static final String TXT = "\"heritage=external-dns,external-dns/owner=ci\"";

  /** At most four changes a call, as a vendor's batch limit would say; throttles the first {@code throttles} calls. */
  static final class SmallCallsProvider extends BatchRunnerTest.TransactionalProvider {
    int throttles;

    @Override
    public boolean fitsOneCall(Changes changes) {
      return changes.create().size() + changes.updateNew().size() + changes.delete().size() <= 4;
    }

    @Override
    public synchronized ApplyOutcome apply(Zone zone, Changes c) {
      if (throttles > 0) {
        throttles--;
        applyCalls++;
        throw new RetryableProviderException("Throttling: Rate exceeded");
      }
      return super.apply(zone, c);
    }
  }

  private final List<Duration> delays = new ArrayList<>();

  private ApplyOnce once(SmallCallsProvider provider, double maxDeleteFraction) {
    return new ApplyOnce(provider, maxDeleteFraction, 5, delays::add);
  }

  private static ApplyOnce.NameChanges create(String name, String ip) {
    return new ApplyOnce.NameChanges(name + ".example.com", new Changes.Builder()
        .create(Endpoint.of(name + ".example.com", "A", 0, ip))
        .create(Endpoint.of("a-" + name + ".example.com", "TXT", 0, TXT)).build());
  }

  private static ApplyOnce.NameChanges delete(String name) {
    return new ApplyOnce.NameChanges(name + ".example.com", new Changes.Builder()
        .delete(Endpoint.of(name + ".example.com", "A", 300, "192.0.2.1"))
        .delete(Endpoint.of("a-" + name + ".example.com", "TXT", 300, TXT)).build());
  }

  private static List<Endpoint> owned(SmallCallsProvider provider, int names) {
    IntStream.range(0, names).forEach(i -> {
      provider.records.add(Endpoint.of("n" + i + ".example.com", "A", 300, "192.0.2.1"));
      provider.records.add(Endpoint.of("a-n" + i + ".example.com", "TXT", 300, TXT));
    });
    return List.copyOf(provider.records);
  }

  @Test
  void namesAreMergedIntoAsFewCallsAsTheProviderTakes() {
    SmallCallsProvider provider = new SmallCallsProvider();
    List<ApplyOnce.NameChanges> plan = IntStream.range(0, 5).mapToObj(i -> create("web" + i, "192.0.2." + (i + 1))).toList();

    ApplyOnce.Report report = once(provider, 0.3).apply(EXAMPLE, List.of(), plan);

    assertThat(report.complete()).isTrue();
    assertThat(report.applied()).isEqualTo(10);
    assertThat(report.calls()).isEqualTo(3); // two names (four changes) a call, never half a name
    assertThat(provider.records).hasSize(10);
  }

  @Test
  void aNameTheProviderRefusesIsReportedAndTheOthersAreApplied() {
    SmallCallsProvider provider = new SmallCallsProvider();
    List<ApplyOnce.NameChanges> plan = List.of(create("good", "192.0.2.1"), create("bad", "not-an-ip"));

    ApplyOnce.Report report = once(provider, 0.3).apply(EXAMPLE, List.of(), plan);

    assertThat(report.complete()).isFalse();
    assertThat(report.applied()).isEqualTo(2);
    assertThat(report.failures()).extracting(f -> f.endpoint().dnsName())
        .containsExactlyInAnyOrder("bad.example.com", "a-bad.example.com");
    assertThat(report.failures().get(0).reason()).contains("refused by the provider", "bad address");
    assertThat(provider.records).extracting(Endpoint::dnsName).containsExactlyInAnyOrder("good.example.com", "a-good.example.com");
  }

  @Test
  void throttlingIsRetriedWithTheAppliersBackoff() {
    SmallCallsProvider provider = new SmallCallsProvider();
    provider.throttles = 2;

    ApplyOnce.Report report = once(provider, 0.3).apply(EXAMPLE, List.of(), List.of(create("web", "192.0.2.1")));

    assertThat(report.complete()).isTrue();
    assertThat(delays).hasSize(2);
    assertThat(provider.records).hasSize(2);
  }

  @Test
  void aProviderThatKeepsThrottlingIsGivenUpOnAndSaysSo() {
    SmallCallsProvider provider = new SmallCallsProvider();
    provider.throttles = 100;

    ApplyOnce.Report report = once(provider, 0.3).apply(EXAMPLE, List.of(), List.of(create("web", "192.0.2.1")));

    assertThat(report.complete()).isFalse();
    assertThat(report.failures()).allSatisfy(f -> {
      assertThat(f.retryable()).isTrue();
      assertThat(f.reason()).contains("gave up after 5 attempts", "Throttling");
    });
    assertThat(provider.records).isEmpty();
  }

  @Test
  void tooManyDeletesAreHeldAndEverythingElseIsApplied() {
    SmallCallsProvider provider = new SmallCallsProvider();
    List<Endpoint> current = owned(provider, 10);
    List<ApplyOnce.NameChanges> plan = new ArrayList<>();
    IntStream.range(0, 4).forEach(i -> plan.add(delete("n" + i)));
    plan.add(create("new", "192.0.2.9"));

    ApplyOnce.Report report = once(provider, 0.3).apply(EXAMPLE, current, plan);

    assertThat(report.complete()).isFalse();
    assertThat(report.held()).get().asString().contains("4 of 10 owned records", "give --max-delete-fraction 1");
    assertThat(report.heldNames()).containsExactly("n0.example.com", "n1.example.com", "n2.example.com", "n3.example.com");
    assertThat(provider.records).hasSize(22); // nothing deleted, the new name created
  }

  @Test
  void deletesWithinTheFractionGoAndAFractionOfOneTurnsTheBreakerOff() {
    SmallCallsProvider within = new SmallCallsProvider();
    ApplyOnce.Report few = once(within, 0.3).apply(EXAMPLE, owned(within, 10), List.of(delete("n0"), delete("n1")));
    assertThat(few.complete()).isTrue();
    assertThat(within.records).hasSize(16);

    SmallCallsProvider all = new SmallCallsProvider();
    List<ApplyOnce.NameChanges> everything = IntStream.range(0, 10).mapToObj(i -> delete("n" + i)).toList();
    ApplyOnce.Report off = once(all, 1).apply(EXAMPLE, owned(all, 10), everything);
    assertThat(off.complete()).isTrue();
    assertThat(all.records).isEmpty();
  }

  @Test
  void aFractionOutsideTheBreakersRangeIsRefused() {
    assertThatThrownBy(() -> new ApplyOnce(new SmallCallsProvider(), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--max-delete-fraction must be in (0, 1]");
  }

  @Test
  void readsAreRetriedOnThrottlingAndTheLastFailureIsThrownWhenAttemptsAreSpent() {
    SmallCallsProvider provider = new SmallCallsProvider();
    int[] calls = {0};
    assertThat(once(provider, 0.3).read(() -> {
      if (++calls[0] < 3) {
        throw new RetryableProviderException("Throttling: Rate exceeded");
      }
      return "zones";
    })).isEqualTo("zones");
    assertThat(delays).hasSize(2);

    assertThatThrownBy(() -> once(provider, 0.3).read(() -> {
      throw new RetryableProviderException("503 Service Unavailable");
    })).isInstanceOf(RetryableProviderException.class).hasMessageContaining("503");
    assertThat(delays).hasSize(2 + 4);
  }
}
