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

  private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final WireFormat wire;

  public Topics(WireFormat wire) {
    this.wire = wire;
  }

  /** The default for local mode and tests: Avro single-object encoding. */
  public static Topics singleObjectEncoding() {
    return new Topics(new SingleObjectWireFormat());
  }

  public WireFormat wireFormat() {
    return wire;
  }

  public Topic<SourceRef, DesiredEndpoints> desiredEndpoints() {
    return new Topic<>(DESIRED_ENDPOINTS, wire.serde(SourceRef.class, true),
        wire.serde(DesiredEndpoints.class, false), Cleanup.COMPACT);
  }

  public Topic<ClusterKey, ClusterHeartbeat> clusterStatus() {
    return new Topic<>(CLUSTER_STATUS, wire.serde(ClusterKey.class, true),
        wire.serde(ClusterHeartbeat.class, false), Cleanup.COMPACT);
  }

  public Topic<ObservedKey, ObservedRecordSet> observedRecords() {
    return new Topic<>(OBSERVED_RECORDS, wire.serde(ObservedKey.class, true),
        wire.serde(ObservedRecordSet.class, false), Cleanup.COMPACT);
  }

  public Topic<ZoneRef, ProviderZone> providerZones() {
    return new Topic<>(PROVIDER_ZONES, wire.serde(ZoneRef.class, true),
        wire.serde(ProviderZone.class, false), Cleanup.COMPACT);
  }

  /** One change topic per provider: each provider's appliers form their own consumer group. */
  public Topic<ZoneRef, ChangeBatch> changes(String provider) {
    return new Topic<>(changesTopicName(provider), wire.serde(ZoneRef.class, true),
        wire.serde(ChangeBatch.class, false), Cleanup.DELETE);
  }

  public static String changesTopicName(String provider) {
    if (provider == null || !PROVIDER_NAME.matcher(provider).matches()) {
      throw new IllegalArgumentException("provider name must match " + PROVIDER_NAME + ": " + provider);
    }
    return CHANGES_PREFIX + provider;
  }

  public Topic<ZoneRef, ApplyResult> applyResults() {
    return new Topic<>(APPLY_RESULTS, wire.serde(ZoneRef.class, true),
        wire.serde(ApplyResult.class, false), Cleanup.DELETE);
  }

  /** What became of each name each source object wants (Ready, Pending, Conflict, Invalid, Held). */
  public Topic<ObjectStatusKey, ObjectStatus> objectStatus() {
    return new Topic<>(OBJECT_STATUS, wire.serde(ObjectStatusKey.class, true),
        wire.serde(ObjectStatus.class, false), Cleanup.COMPACT);
  }

  /** Operators' approvals of deletes the delete breaker held, latest per zone. */
  public Topic<ZoneRef, DeleteApproval> deleteApprovals() {
    return new Topic<>(DELETE_APPROVALS, wire.serde(ZoneRef.class, true),
        wire.serde(DeleteApproval.class, false), Cleanup.COMPACT);
  }

  /** Records nobody could read, as they came, with the reason in headers. */
  public Topic<byte[], byte[]> deadLetter() {
    return new Topic<>(DEAD_LETTER, Serdes.ByteArray(), Serdes.ByteArray(), Cleanup.DELETE);
  }

  /** Every topic a pipeline serving these providers needs. */
  public List<Topic<?, ?>> all(List<String> providers) {
    List<Topic<?, ?>> shared = List.of(desiredEndpoints(), clusterStatus(), observedRecords(),
        providerZones(), applyResults(), objectStatus(), deleteApprovals(), deadLetter());
    return java.util.stream.Stream.concat(shared.stream(), providers.stream().map(this::changes)).toList();
  }
}
