package io.dnsplane.applier.spi;

import java.time.Duration;
import java.util.Optional;

/** Throttling, 5xx, timeouts, lost connections: nothing was applied, the same call may succeed later. */
public class RetryableProviderException extends RuntimeException {
  private final transient Optional<Duration> retryAfter;

  public RetryableProviderException(String message, Throwable cause, Optional<Duration> retryAfter) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  public RetryableProviderException(String message) {
    this(message, null, Optional.empty());
  }

  /** What the provider asked us to wait, if it said. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
