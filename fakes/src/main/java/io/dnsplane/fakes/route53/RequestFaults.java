package io.dnsplane.fakes.route53;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the local Route53 does to a request before it answers it, when a test asks: drop the
 * connection, answer late, or answer an error (5xx, Throttling, PriorRequestNotComplete...).
 */
final class RequestFaults {
  /** An error answered instead of the request's answer. */
  record Error(int status, String type, String code, String message) {}

  private final AtomicInteger dropNext = new AtomicInteger();
  private volatile long delayMillis;
  private int failNext;
  private int failStatus = 400;
  private String failCode = "Throttling";

  void dropNext(int n) {
    dropNext.set(n);
  }

  void slowDown(Duration delay) {
    delayMillis = delay.toMillis();
  }

  synchronized void failNext(int n, int status, String code) {
    failStatus = status;
    failCode = code;
    failNext = n;
  }

  /** Whether this request goes unanswered (its connection closed). */
  boolean drop() {
    return dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  /** Waits as long as the API is slowed down. */
  void delay() {
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The error this request gets instead of its answer, if one is due. */
  synchronized Optional<Error> error() {
    if (failNext <= 0) {
      return Optional.empty();
    }
    failNext--;
    return Optional.of(new Error(failStatus, failStatus >= 500 ? "Receiver" : "Sender", failCode,
        failCode.equals("Throttling") ? "Rate exceeded" : "The request was rejected: " + failCode));
  }
}
