package io.dnsplane.applier.core;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/** Kafka's rule for a failed transaction: abort it, unless the producer itself can go on no more. */
final class Transactions {
  private Transactions() {}

  static boolean isFatal(Throwable e) {
    return e instanceof ProducerFencedException || e instanceof OutOfOrderSequenceException
        || e instanceof AuthorizationException || e instanceof UnsupportedVersionException;
  }

  static void abortUnlessFatal(Producer<?, ?> producer, RuntimeException e) {
    if (!isFatal(e)) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException abortFailed) {
        e.addSuppressed(abortFailed);
      }
    }
  }
}
