package io.dnsplane.planner.topology;

/** Names of the planner's stores, processors and internal topics: the one place they live. */
public final class PlannerStores {
  /** Last desired value per source object, to withdraw names an object stopped wanting. */
  public static final String DESIRED_BY_SOURCE = "desired-by-source";
  /** Everything known at one DNS name: desire from every cluster, what the provider holds. */
  public static final String NAME_STATE = "name-state";
  /** Why each waiting name waits and until when (no zone serves it, a backoff, a grace): retried by a punctuator. */
  public static final String PENDING_RETRIES = "pending-retries";
  /** The same in its earlier form, {@code millis|reason} strings: read once at start, moved, emptied. */
  public static final String PENDING_NAMES = "pending-names";
  /** Global: every cluster's last heartbeat. */
  public static final String CLUSTER_STATUS = "cluster-status";
  /** Global: every zone the appliers manage. */
  public static final String PROVIDER_ZONES = "provider-zones";

  /** Repartition topic suffix: name events keyed by DNS name. */
  public static final String NAME_EVENTS = "name-events";

  /**
   * The planner's name events as it planned them, each partition in the order it did: kept for
   * --replay-window (not purged once read), so a replay plans them in that order.
   */
  public static String nameEventsTopic(String applicationId) {
    return applicationId + "-" + NAME_EVENTS + "-repartition";
  }

  private PlannerStores() {}
}
