package io.dnsplane.applier.core;

import com.google.common.util.concurrent.RateLimiter;
import io.dnsplane.applier.spi.RequestBudget;

/**
 * {@code --provider-rate-limit}: requests per second for the whole provider account, shared by all
 * replicas of the provider. Each replica spends the share of the change topic's partitions it
 * owns, because partitions are what divide the work (zones are keyed to partitions, and a replica
 * lists and changes only the zones of its partitions). Shares add up to the account limit whatever
 * the number of replicas. A replica that owns no partition still gets one partition's share for its
 * start-up zone listing, which can exceed the limit by that much while a rebalance is under way.
 */
public final class AccountRateBudget implements RequestBudget {
  private final double accountLimit;
  private final RateLimiter limiter;
  private volatile double share = 1;
  private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

  private AccountRateBudget(double accountLimit) {
    this.accountLimit = accountLimit;
    this.limiter = accountLimit > 0 ? RateLimiter.create(accountLimit) : null;
  }

  /** @param accountLimit requests per second for the account; 0 means no limit */
  public static AccountRateBudget of(double accountLimit) {
    if (accountLimit < 0 || Double.isNaN(accountLimit)) {
      throw new IllegalArgumentException("--provider-rate-limit must be 0 (no limit) or positive: " + accountLimit);
    }
    return new AccountRateBudget(accountLimit);
  }

  /** This replica now owns {@code owned} of the change topic's {@code total} partitions. */
  public void ownPartitions(int owned, int total) {
    if (total <= 0) {
      return;
    }
    share = (double) Math.max(owned, 1) / total;
    if (limiter != null) {
      limiter.setRate(accountLimit * share);
    }
  }

  /** Requests per second this replica may send now (infinite without a limit). */
  public double rate() {
    return limiter == null ? Double.POSITIVE_INFINITY : limiter.getRate();
  }

  public double share() {
    return share;
  }

  /** Requests spent so far. */
  public long requests() {
    return requests.get();
  }

  @Override
  public void acquire() {
    requests.incrementAndGet();
    if (limiter != null) {
      limiter.acquire();
    }
  }

  /** Spends one request if the budget has one now, without waiting (for tests of the pacing). */
  boolean tryAcquire() {
    boolean got = limiter == null || limiter.tryAcquire();
    if (got) {
      requests.incrementAndGet();
    }
    return got;
  }
}
