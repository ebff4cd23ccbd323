package io.dnsplane.planner;

import io.dnsplane.model.RecordTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/** The planner's settings, validated once; flags named as ExternalDNS names them where it has them. */
public record PlannerConfig(
    String applicationId,
    String bootstrapServers,
    Path stateDir,
    String txtPrefix,
    Set<String> managedRecordTypes,
    Duration pendingRetryInterval,
    Duration failureBackoff,
    Duration commitInterval) {

  public PlannerConfig {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(stateDir, "stateDir");
    txtPrefix = txtPrefix == null ? "" : txtPrefix;
    managedRecordTypes = managedRecordTypes == null || managedRecordTypes.isEmpty()
        ? RecordTypes.DEFAULT_MANAGED : Set.copyOf(managedRecordTypes);
    pendingRetryInterval = pendingRetryInterval == null ? Duration.ofSeconds(5) : pendingRetryInterval;
    failureBackoff = failureBackoff == null ? Duration.ofSeconds(30) : failureBackoff;
    commitInterval = commitInterval == null ? Duration.ofMillis(100) : commitInterval;
  }

  public static PlannerConfig defaults(String bootstrapServers, Path stateDir) {
    return new PlannerConfig("dnsplane-planner", bootstrapServers, stateDir, "", null, null, null, null);
  }
}
