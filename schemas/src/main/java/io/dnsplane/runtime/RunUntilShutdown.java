package io.dnsplane.runtime;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a service running until the JVM is asked to stop (SIGTERM, Ctrl-C), and closes it cleanly
 * from the shutdown hook before the JVM exits.
 */
public final class RunUntilShutdown {
  private static final Logger log = LoggerFactory.getLogger(RunUntilShutdown.class);

  private RunUntilShutdown() {}

  /** Blocks until shutdown has closed {@code service}. */
  public static void closeOnShutdown(AutoCloseable service) throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        service.close();
      } catch (Exception e) {
        log.warn("error while stopping: {}", e.toString());
      } finally {
        closed.countDown();
      }
    }, "dnsplane-shutdown"));
    closed.await();
  }
}
