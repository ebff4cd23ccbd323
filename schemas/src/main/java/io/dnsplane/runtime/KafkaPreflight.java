package io.dnsplane.runtime;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * A service's first contact with Kafka, at start: it either answers and accepts our credentials, or
 * the service stops with a message naming the listener and what went wrong (a wrong password, an
 * untrusted certificate, nobody answering) instead of retrying in its logs for ever.
 */
public final class KafkaPreflight {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private KafkaPreflight() {}

  /** Thrown when Kafka cannot be used with this connection. */
  public static final class KafkaUnavailableException extends RuntimeException {
    KafkaUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static void check(KafkaConnection kafka) {
    check(kafka, DEFAULT_TIMEOUT);
  }

  public static void check(KafkaConnection kafka, Duration timeout) {
    Properties props = kafka.clientProperties();
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
    try (Admin admin = Admin.create(props)) {
      admin.describeCluster().nodes().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AuthenticationException) {
        throw new KafkaUnavailableException(describe(kafka) + " refused to authenticate us: " + cause.getMessage()
            + " (check sasl.jaas.config, sasl.mechanism and the truststore)", cause);
      }
      if (cause instanceof AuthorizationException) {
        throw new KafkaUnavailableException(describe(kafka) + " does not allow us to describe the cluster: "
            + cause.getMessage(), cause);
      }
      throw new KafkaUnavailableException(describe(kafka) + " did not answer: " + cause, cause);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new KafkaUnavailableException(describe(kafka) + " did not answer within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaUnavailableException("interrupted while reaching " + describe(kafka), e);
    }
  }

  /** "Kafka at HOST:PORT (SASL_SSL, SCRAM-SHA-512)": the listener as the user configured it. */
  static String describe(KafkaConnection kafka) {
    String protocol = kafka.securityProtocol();
    String mechanism = protocol.startsWith("SASL") ? ", " + kafka.properties().getOrDefault("sasl.mechanism", "GSSAPI") : "";
    return "Kafka at " + kafka.bootstrapServers() + " (" + protocol + mechanism + ")";
  }
}
