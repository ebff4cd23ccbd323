package io.dnsplane.planner;

import io.dnsplane.model.RecordTypes;
import io.dnsplane.runtime.KafkaConnection;
import io.dnsplane.planner.ownership.TxtRegistryConfig;
import io.dnsplane.planner.plan.ClusterDomains;
import io.dnsplane.planner.plan.ClusterOrigin;
import io.dnsplane.model.DomainFilter;
import io.dnsplane.planner.plan.Policy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The planner's settings, validated once; flags are named as ExternalDNS names them where it has
 * them. Build with {@link #defaults} and the {@code with...} methods.
 */
public record PlannerConfig(
    String applicationId,
    KafkaConnection kafka,
    Path stateDir,
    Policy policy,
    boolean dryRun,
    TxtRegistryConfig txt,
    Set<String> managedRecordTypes,
    Set<String> excludeRecordTypes,
    DomainFilter domainFilter,
    Duration pendingRetryInterval,
    Duration failureBackoff,
    Duration commitInterval,
    Duration clusterTimeout,
    StaleClusterPolicy staleClusterPolicy,
    ClusterDomains clusterDomains,
    Duration deletionGrace,
    ClusterOrigin clusterOrigin,
    Duration replayWindow,
    Duration listingSettle) {

  /** --stale-cluster-policy: what a cluster silent for --cluster-timeout loses. */
  public enum StaleClusterPolicy {
    /** Nothing: its records stay as they are (fail static). */
    KEEP,
    /** Its targets leave shared record sets, never the last target of a record. */
    WITHDRAW;

    public static StaleClusterPolicy fromFlag(String value) {
      for (StaleClusterPolicy p : values()) {
        if (p.name().equalsIgnoreCase(value)) {
          return p;
        }
      }
      throw new IllegalArgumentException("--stale-cluster-policy must be keep or withdraw: " + value);
    }
  }

  public PlannerConfig {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(policy, "--policy is required (sync, upsert-only or create-only), as in ExternalDNS v0.22");
    txt = txt == null ? TxtRegistryConfig.DEFAULT : txt;
    managedRecordTypes = managedRecordTypes == null || managedRecordTypes.isEmpty()
        ? RecordTypes.DEFAULT_MANAGED : upper(managedRecordTypes);
    excludeRecordTypes = excludeRecordTypes == null ? Set.of() : upper(excludeRecordTypes);
    domainFilter = domainFilter == null ? DomainFilter.ALL : domainFilter;
    pendingRetryInterval = pendingRetryInterval == null ? Duration.ofSeconds(5) : pendingRetryInterval;
    failureBackoff = failureBackoff == null ? Duration.ofSeconds(30) : failureBackoff;
    commitInterval = commitInterval == null ? Duration.ofMillis(100) : commitInterval;
    clusterTimeout = clusterTimeout == null ? Duration.ofMinutes(2) : clusterTimeout;
    staleClusterPolicy = staleClusterPolicy == null ? StaleClusterPolicy.KEEP : staleClusterPolicy;
    clusterDomains = clusterDomains == null ? ClusterDomains.UNRESTRICTED : clusterDomains;
    deletionGrace = deletionGrace == null ? Duration.ZERO : deletionGrace;
    clusterOrigin = clusterOrigin == null ? ClusterOrigin.DEFAULT : clusterOrigin;
    replayWindow = replayWindow == null ? Duration.ofDays(7) : replayWindow;
    listingSettle = listingSettle == null ? DEFAULT_LISTING_SETTLE : listingSettle;
    if (listingSettle.isNegative()) {
      throw new IllegalArgumentException("--listing-settle must not be negative: " + listingSettle);
    }
    if (deletionGrace.isNegative()) {
      throw new IllegalArgumentException("--deletion-grace must not be negative: " + deletionGrace);
    }
  }

  private static Set<String> upper(Set<String> types) {
    Set<String> out = new TreeSet<>();
    types.forEach(t -> out.add(t.trim().toUpperCase(java.util.Locale.ROOT)));
    return Set.copyOf(out);
  }

  /**
   * How long after an applier listed a zone the planner waits before planning names in it: the
   * listing arrives name by name, and a name planned on part of it (its record seen, its TXT not
   * yet) would be planned wrong (a create of what exists, a conflict over what is ours).
   */
  public static final Duration DEFAULT_LISTING_SETTLE = Duration.ofSeconds(10);

  public static PlannerConfig defaults(KafkaConnection kafka, Path stateDir, Policy policy) {
    return new PlannerConfig("dnsplane-planner", kafka, stateDir, policy, false, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null);
  }

  /** A planner on a Kafka without security settings (local mode, tests). */
  public static PlannerConfig defaults(String bootstrapServers, Path stateDir, Policy policy) {
    return defaults(KafkaConnection.plaintext(bootstrapServers), stateDir, policy);
  }

  /** The record types planned: --managed-record-types less --exclude-record-types. */
  public Set<String> plannedRecordTypes() {
    return RecordTypes.planned(managedRecordTypes, excludeRecordTypes);
  }

  public PlannerConfig withApplicationId(String id) {
    return new PlannerConfig(id, kafka, stateDir, policy, dryRun, txt, managedRecordTypes,
        excludeRecordTypes, domainFilter, pendingRetryInterval, failureBackoff, commitInterval, clusterTimeout, staleClusterPolicy, clusterDomains, deletionGrace, clusterOrigin, replayWindow, listingSettle);
  }

  public PlannerConfig withDryRun(boolean dry) {
    return new PlannerConfig(applicationId, kafka, stateDir, policy, dry, txt, managedRecordTypes,
        excludeRecordTypes, domainFilter, pendingRetryInterval, failureBackoff, commitInterval, clusterTimeout, staleClusterPolicy, clusterDomains, deletionGrace, clusterOrigin, replayWindow, listingSettle);
  }

  public PlannerConfig withTxtRegistry(TxtRegistryConfig registry) {
    return new PlannerConfig(applicationId, kafka, stateDir, policy, dryRun, registry, managedRecordTypes,
        excludeRecordTypes, domainFilter, pendingRetryInterval, failureBackoff, commitInterval, clusterTimeout, staleClusterPolicy, clusterDomains, deletionGrace, clusterOrigin, replayWindow, listingSettle);
  }

  public PlannerConfig withRecordTypes(Set<String> managed, Set<String> excluded) {
    return new PlannerConfig(applicationId, kafka, stateDir, policy, dryRun, txt, managed,
        excluded, domainFilter, pendingRetryInterval, failureBackoff, commitInterval, clusterTimeout, staleClusterPolicy, clusterDomains, deletionGrace, clusterOrigin, replayWindow, listingSettle);
  }

  public PlannerConfig withDomainFilter(DomainFilter filter) {
    return new PlannerConfig(applicationId, kafka, stateDir, policy, dryRun, txt, managedRecordTypes,
        excludeRecordTypes, filter, pendingRetryInterval, failureBackoff, commitInterval, clusterTimeout, staleClusterPolicy, clusterDomains, deletionGrace, clusterOrigin, replayWindow, listingSettle);
  }

  public PlannerConfig withStaleClusters(Duration timeout, StaleClusterPolicy policy) {
    return new PlannerConfig(applicationId, kafka, stateDir, this.policy, dryRun, txt, managedRecordTypes,
        excludeRecordTypes, domainFilter, pendingRetryInterval, failureBackoff, commitInterval, timeout, policy, clusterDomains, deletionGrace, clusterOrigin, replayWindow, listingSettle);
  }

  public PlannerConfig withClusterDomains(ClusterDomains domains) {
    return new PlannerConfig(applicationId, kafka, stateDir, policy, dryRun, txt, managedRecordTypes,
        excludeRecordTypes, domainFilter, pendingRetryInterval, failureBackoff, commitInterval, clusterTimeout,
        staleClusterPolicy, domains, deletionGrace, clusterOrigin, replayWindow, listingSettle);
  }

  public PlannerConfig withDeletionGrace(Duration grace) {
    return new PlannerConfig(applicationId, kafka, stateDir, policy, dryRun, txt, managedRecordTypes,
        excludeRecordTypes, domainFilter, pendingRetryInterval, failureBackoff, commitInterval, clusterTimeout,
        staleClusterPolicy, clusterDomains, grace, clusterOrigin, replayWindow, listingSettle);
  }

  /** --cluster-owner-ids: the TXT owner ids each cluster may use on its own topics. */
  public PlannerConfig withClusterOrigin(ClusterOrigin origin) {
    return new PlannerConfig(applicationId, kafka, stateDir, policy, dryRun, txt, managedRecordTypes,
        excludeRecordTypes, domainFilter, pendingRetryInterval, failureBackoff, commitInterval, clusterTimeout,
        staleClusterPolicy, clusterDomains, deletionGrace, origin, replayWindow, listingSettle);
  }

  /**
   * --replay-window: how long the planner keeps its name events (the repartition topic, in the order
   * it planned them), for ./dnsplane replay.
   */
  public PlannerConfig withReplayWindow(Duration window) {
    return new PlannerConfig(applicationId, kafka, stateDir, policy, dryRun, txt, managedRecordTypes,
        excludeRecordTypes, domainFilter, pendingRetryInterval, failureBackoff, commitInterval, clusterTimeout,
        staleClusterPolicy, clusterDomains, deletionGrace, clusterOrigin, window, listingSettle);
  }

  public PlannerConfig withListingSettle(Duration settle) {
    return new PlannerConfig(applicationId, kafka, stateDir, policy, dryRun, txt, managedRecordTypes,
        excludeRecordTypes, domainFilter, pendingRetryInterval, failureBackoff, commitInterval, clusterTimeout,
        staleClusterPolicy, clusterDomains, deletionGrace, clusterOrigin, replayWindow, settle);
  }

  /** --commit-interval: how often Kafka Streams commits its transaction, which is when what it planned becomes readable. */
  public PlannerConfig withCommitInterval(Duration interval) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("--commit-interval must be positive: " + interval);
    }
    return new PlannerConfig(applicationId, kafka, stateDir, policy, dryRun, txt, managedRecordTypes,
        excludeRecordTypes, domainFilter, pendingRetryInterval, failureBackoff, interval, clusterTimeout,
        staleClusterPolicy, clusterDomains, deletionGrace, clusterOrigin, replayWindow, listingSettle);
  }

  public PlannerConfig withRetries(Duration pendingRetry, Duration backoff) {
    return new PlannerConfig(applicationId, kafka, stateDir, policy, dryRun, txt, managedRecordTypes,
        excludeRecordTypes, domainFilter, pendingRetry, backoff, commitInterval, clusterTimeout, staleClusterPolicy, clusterDomains, deletionGrace, clusterOrigin, replayWindow, listingSettle);
  }
}
