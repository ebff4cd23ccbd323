package io.dnsplane.applier.spi;

/**
 * The provider refused a whole call as invalid and applied none of it (Route53's InvalidChangeBatch,
 * a failed Cloudflare batch, ...). Permanent: the same call fails again. The core splits the call to
 * find the batches at fault and applies the others.
 */
public class BatchRefusedException extends RuntimeException {
  public BatchRefusedException(String message, Throwable cause) {
    super(message, cause);
  }

  public BatchRefusedException(String message) {
    super(message);
  }
}
