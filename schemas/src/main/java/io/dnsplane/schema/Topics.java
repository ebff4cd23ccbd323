package io.dnsplane.schema;

import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.avro.DeleteApproval;
import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.ObjectStatus;
import io.dnsplane.avro.ObjectStatusKey;
import io.dnsplane.avro.ObservedKey;
import io.dnsplane.avro.ObservedRecordSet;
import io.dnsplane.avro.ProviderZone;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.schema.Topic.Cleanup;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/** Every dnsplane topic: the one place their names live, each bound to its key and value serde. */
public final class Topics {
  public static final String DESIRED_ENDPOINTS = "dnsplane.desired-endpoints";
  public static final String CLUSTER_STATUS = "dnsplane.cluster-status";
  public static final String OBSERVED_RECORDS = "dnsplane.observed-records";
  public static final String PROVIDER_ZONES = "dnsplane.provider-zones";
  public static final String CHANGES_PREFIX = "dnsplane.changes.";
  public static final String APPLY_RESULTS = "dnsplane.apply-results";
  public static final String OBJECT_STATUS = "dnsplane.object-status";
  public static final String DELETE_APPROVALS = "dnsplane.delete-approvals";
  public static final String DEAD_LETTER = "dnsplane.dead-letter";
  /** When each planner instance ran and paused, for a replay to know when waiting records were planned. */
  public static final String PLANNER_EVENTS = "dnsplane.planner-events";
  /**
   * The topics that are the audit log: what was applied (with its lineage) and what was refused. They,
   * and the change topics (the plans a replay compares with), keep everything (retention.ms -1)
   * unless --audit-retention says otherwise.
   */
  public static final List<String> AUDIT_LOGS = List.of(APPLY_RESULTS, DEAD_LETTER, PLANNER_EVENTS);

  private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final String CLUSTER_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,62}";
  /** Every cluster's own desire topic, {@code dnsplane.desired-endpoints.<cluster-id>}, as the planner subscribes. */
  public static final Pattern CLUSTER_DESIRED_ENDPOINTS = Pattern.compile(Pattern.quote(DESIRED_ENDPOINTS + ".") + CLUSTER_ID);
  /** Every cluster's own heartbeat topic, {@code dnsplane.cluster-status.<cluster-id>}, which the planner relays. */
  public static final Pattern CLUSTER_OWN_STATUS = Pattern.compile(Pattern.quote(CLUSTER_STATUS + ".") + CLUSTER_ID);

  /** Whether the topic keeps what --audit-retention says: the audit log, and every provider's plans. */
  public static boolean isAuditLog(String topic) {
    return AUDIT_LOGS.contains(topic) || topic.startsWith(CHANGES_PREFIX);
  }

  /**
   * Whether the topic is one the planner plans from (desire, heartbeats, zones, observations), whose
   * every record --replay-window keeps from compaction, so a replay sees what the planner saw.
   */
  public static boolean isPlannerInput(String topic) {
    return topic.equals(DESIRED_ENDPOINTS) || CLUSTER_DESIRED_ENDPOINTS.matcher(topic).matches()
        || topic.equals(CLUSTER_STATUS) || CLUSTER_OWN_STATUS.matcher(topic).matches()
        || topic.equals(OBSERVED_RECORDS) || topic.equals(PROVIDER_ZONES);
  }

  private final WireFormat wire;
  private final WireFormat internal = new SingleObjectWireFormat();

  public Topics(WireFormat wire) {
    this.wire = wire;
  }

  private <K extends SpecificRecord, V extends SpecificRecord> Topic<K, V> topic(String name, Class<K> key, Class<V> value,
      Cleanup cleanup) {
    return new Topic<>(name, wire.serde(key, true), wire.serde(value, false), cleanup, key, value);
  }

  /**
   * The framing of a service's own state (Streams stores, their changelogs, repartition topics):
   * always Avro single-object encoding, with the schemas in the jar, whatever the shared topics use;
   * no registry subjects for internal topics.
   */
  public WireFormat internalFormat() {
    return internal;
  }

  /**
   * Readies every schema a pipeline serving {@code providers} writes (with a registry: registers or
   * looks up each subject), so a refused schema or an unreachable registry stops a service at start,
   * before it writes anything.
   */
  public void prepare(List<String> providers) {
    prepare(providers, List.of());
  }

  /** As above, with these clusters' own desire topics. */
  public void prepare(List<String> providers, List<String> clusters) {
    for (Topic<?, ?> t : all(providers, clusters)) {
      if (t.keyType() != null) {
        wire.prepare(t.name(), t.keyType(), true);
        wire.prepare(t.name(), t.valueType(), false);
      }
    }
  }

  /** The default for local mode and tests: Avro single-object encoding. */
  public static Topics singleObjectEncoding() {
    return new Topics(new SingleObjectWireFormat());
  }

  public WireFormat wireFormat() {
    return wire;
  }

  public Topic<SourceRef, DesiredEndpoints> desiredEndpoints() {
    return topic(DESIRED_ENDPOINTS, SourceRef.class, DesiredEndpoints.class, Cleanup.COMPACT);
  }

  /**
   * One cluster's own desire topic: Kafka ACLs can let that cluster's watcher alone write it, so the
   * planner knows from the topic which cluster a desire came from (planner/DESIGN.md).
   */
  public Topic<SourceRef, DesiredEndpoints> desiredEndpointsOf(String clusterId) {
    if (clusterId == null || !clusterId.matches(CLUSTER_ID)) {
      throw new IllegalArgumentException("a cluster id must match " + CLUSTER_ID + ": " + clusterId);
    }
    return topic(DESIRED_ENDPOINTS + "." + clusterId, SourceRef.class, DesiredEndpoints.class, Cleanup.COMPACT);
  }

  /** The cluster whose own desire topic this is; empty for the shared topic and any other. */
  public static java.util.Optional<String> clusterOfDesireTopic(String topic) {
    return topic != null && CLUSTER_DESIRED_ENDPOINTS.matcher(topic).matches()
        ? java.util.Optional.of(topic.substring(DESIRED_ENDPOINTS.length() + 1)) : java.util.Optional.empty();
  }

  /** The cluster whose own topic this is (its desire or its heartbeats); empty for shared topics. */
  public static java.util.Optional<String> clusterOfOwnTopic(String topic) {
    if (topic != null && CLUSTER_OWN_STATUS.matcher(topic).matches()) {
      return java.util.Optional.of(topic.substring(CLUSTER_STATUS.length() + 1));
    }
    return clusterOfDesireTopic(topic);
  }

  /**
   * One cluster's own heartbeat topic: Kafka ACLs can let that cluster's watcher alone write it; the
   * planner checks and relays what it carries to {@link #clusterStatus()}, which only the planner writes.
   */
  public Topic<ClusterKey, ClusterHeartbeat> clusterStatusOf(String clusterId) {
    desiredEndpointsOf(clusterId); // the same rule for the id
    return topic(CLUSTER_STATUS + "." + clusterId, ClusterKey.class, ClusterHeartbeat.class, Cleanup.COMPACT);
  }

  public Topic<ClusterKey, ClusterHeartbeat> clusterStatus() {
    return topic(CLUSTER_STATUS, ClusterKey.class, ClusterHeartbeat.class, Cleanup.COMPACT);
  }

  public Topic<ObservedKey, ObservedRecordSet> observedRecords() {
    return topic(OBSERVED_RECORDS, ObservedKey.class, ObservedRecordSet.class, Cleanup.COMPACT);
  }

  public Topic<ZoneRef, ProviderZone> providerZones() {
    return topic(PROVIDER_ZONES, ZoneRef.class, ProviderZone.class, Cleanup.COMPACT);
  }

  /** One change topic per provider: each provider's appliers form their own consumer group. */
  public Topic<ZoneRef, ChangeBatch> changes(String provider) {
    return topic(changesTopicName(provider), ZoneRef.class, ChangeBatch.class, Cleanup.DELETE);
  }

  public static String changesTopicName(String provider) {
    if (provider == null || !PROVIDER_NAME.matcher(provider).matches()) {
      throw new IllegalArgumentException("an applier's name (--applier-name, by default its provider) must match "
          + PROVIDER_NAME + ": " + provider);
    }
    return CHANGES_PREFIX + provider;
  }

  public Topic<ZoneRef, ApplyResult> applyResults() {
    return topic(APPLY_RESULTS, ZoneRef.class, ApplyResult.class, Cleanup.DELETE);
  }

  /** What became of each name each source object wants (Ready, Pending, Conflict, Invalid, Held). */
  public Topic<ObjectStatusKey, ObjectStatus> objectStatus() {
    return topic(OBJECT_STATUS, ObjectStatusKey.class, ObjectStatus.class, Cleanup.COMPACT);
  }

  /** Operators' approvals of deletes the delete breaker held, latest per zone. */
  public Topic<ZoneRef, DeleteApproval> deleteApprovals() {
    return topic(DELETE_APPROVALS, ZoneRef.class, DeleteApproval.class, Cleanup.COMPACT);
  }

  public Topic<io.dnsplane.avro.PlannerKey, io.dnsplane.avro.PlannerEvent> plannerEvents() {
    return topic(PLANNER_EVENTS, io.dnsplane.avro.PlannerKey.class, io.dnsplane.avro.PlannerEvent.class, Cleanup.DELETE);
  }

  /** Records nobody could read, as they came, with the reason in headers. */
  public Topic<byte[], byte[]> deadLetter() {
    return new Topic<>(DEAD_LETTER, Serdes.ByteArray(), Serdes.ByteArray(), Cleanup.DELETE, null, null);
  }

  /** Every topic a pipeline serving these providers needs. */
  public List<Topic<?, ?>> all(List<String> providers) {
    return all(providers, List.of());
  }

  /** As above, with these clusters' own desire and heartbeat topics. */
  public List<Topic<?, ?>> all(List<String> providers, List<String> clusters) {
    List<Topic<?, ?>> shared = List.of(desiredEndpoints(), clusterStatus(), observedRecords(),
        providerZones(), applyResults(), objectStatus(), deleteApprovals(), deadLetter(), plannerEvents());
    List<Topic<?, ?>> all = new java.util.ArrayList<>(shared);
    providers.forEach(p -> all.add(changes(p)));
    clusters.forEach(c -> {
      all.add(desiredEndpointsOf(c));
      all.add(clusterStatusOf(c));
    });
    return List.copyOf(all);
  }
}
