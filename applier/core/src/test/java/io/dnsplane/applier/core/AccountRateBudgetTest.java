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
  void aRequestWaitsForTheReplicasShareOfTheRate() {
    // 2 per second for the account, half of it this replica's: one request a second. Right after
    // one, the next must wait (the limiter's own schedule; no wall-clock timing here).
    AccountRateBudget budget = AccountRateBudget.of(2);
    budget.ownPartitions(1, 2);
    budget.acquire();
    budget.acquire(); // whatever permit was stored meanwhile is spent: the next one is a second away
    assertThat(budget.tryAcquire()).isFalse();
    // No limit: never a wait.
    AccountRateBudget unlimited = AccountRateBudget.of(0);
    unlimited.acquire();
    assertThat(unlimited.tryAcquire()).isTrue();
    assertThat(budget.requests()).isEqualTo(2);
    assertThat(unlimited.requests()).isEqualTo(2);
  }
}
