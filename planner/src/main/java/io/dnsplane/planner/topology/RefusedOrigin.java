package io.dnsplane.planner.topology;

/**
 * Thrown for a record {@link io.dnsplane.planner.plan.ClusterOrigin} refuses: Kafka Streams'
 * processing-exception handler writes it, as it came and with this message, to the dead-letter
 * topic, the one place records the planner will not use go.
 */
final class RefusedOrigin extends RuntimeException {
  RefusedOrigin(String reason) {
    super(reason);
  }
}
