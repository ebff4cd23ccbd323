package io.dnsplane.fakes.route53;

/** Route53's per-account request rate (5 a second by default on AWS): a token bucket; 0 for no limit. */
final class AccountRate {
  private double perSecond;
  private double tokens;
  private long lastRefill = System.nanoTime();

  synchronized void set(double requestsPerSecond) {
    perSecond = requestsPerSecond;
    tokens = requestsPerSecond;
  }

  /** Takes a request's token; false when the account is over its rate (Throttling). */
  synchronized boolean take() {
    if (perSecond <= 0) {
      return true;
    }
    long now = System.nanoTime();
    tokens = Math.min(perSecond, tokens + (now - lastRefill) / 1e9 * perSecond);
    lastRefill = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
