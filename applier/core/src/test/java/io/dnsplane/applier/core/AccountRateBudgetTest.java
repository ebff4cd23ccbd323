package io.dnsplane.applier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccountRateBudgetTest {
  @Test
  void replicasSplitTheAccountLimitByTheirShareOfPartitions() {
    AccountRateBudget a = AccountRateBudget.of(5);
    AccountRateBudget b = AccountRateBudget.of(5);
    AccountRateBudget c = AccountRateBudget.of(5);
    a.ownPartitions(2, 6);
    b.ownPartitions(2, 6);
    c.ownPartitions(2, 6);
    assertThat(a.rate() + b.rate() + c.rate()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
    // One replica leaves: the others take its partitions and its share, still 5 in all.
    a.ownPartitions(3, 6);
    b.ownPartitions(3, 6);
    assertThat(a.rate() + b.rate()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aReplicaWithoutPartitionsKeepsOnePartitionsShareForItsStartUpListing() {
    AccountRateBudget idle = AccountRateBudget.of(6);
    idle.ownPartitions(0, 3);
    assertThat(idle.rate()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void zeroMeansNoLimitAndNegativeIsRefused() {
    AccountRateBudget unlimited = AccountRateBudget.of(0);
    unlimited.ownPartitions(1, 3);
    assertThat(unlimited.rate()).isInfinite();
    unlimited.acquire();
    assertThatThrownBy(() -> AccountRateBudget.of(-1)).hasMessageContaining("--provider-rate-limit");
  }

  @Test
  void acquiringSpacesRequestsAtTheReplicasRate() {
    AccountRateBudget budget = AccountRateBudget.of(100);
    budget.ownPartitions(1, 2); // 50 per second
    long start = System.nanoTime();
    for (int i = 0; i < 11; i++) {
      budget.acquire();
    }
    // 10 intervals of 20 ms; Guava's limiter lets the first request through at once.
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
  }
}
