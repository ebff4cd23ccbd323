package io.dnsplane.fakes.route53;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * What the local Route53 does to a ChangeResourceRecordSets touching a given name, when a test asks:
 * refuse it as an InvalidChangeBatch (until told to stop), or apply it and hold the answer back.
 */
final class ChangeFaults {
  private String refuseName;
  private String refusal;
  private String holdName;
  private CountDownLatch applied;
  private CountDownLatch release;

  synchronized void refuse(String fqdn, String message) {
    refuseName = fqdn;
    refusal = message;
  }

  synchronized void stopRefusing() {
    refuseName = null;
  }

  /** The refusal of a change touching these record set names, if one is due. */
  synchronized Optional<String> refusal(Set<String> fqdns) {
    return refuseName != null && fqdns.contains(refuseName) ? Optional.of(refusal) : Optional.empty();
  }

  synchronized void holdNext(String fqdn, CountDownLatch appliedLatch, CountDownLatch releaseLatch) {
    holdName = fqdn;
    applied = appliedLatch;
    release = releaseLatch;
  }

  /** Called once a change touching these names is in: the held one says so and waits for its release. */
  void afterApplied(Set<String> fqdns) {
    CountDownLatch appliedLatch;
    CountDownLatch releaseLatch;
    synchronized (this) {
      if (release == null || holdName == null || !fqdns.contains(holdName)) {
        return;
      }
      appliedLatch = applied;
      releaseLatch = release;
      release = null;
      applied = null;
      holdName = null;
    }
    appliedLatch.countDown();
    try {
      releaseLatch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lets a held answer go (the fake is closing). */
  synchronized void releaseAll() {
    if (release != null) {
      release.countDown();
    }
  }
}
