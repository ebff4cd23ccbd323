package io.dnsplane.planner.plan;

import io.dnsplane.schema.Topics;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a desire or a heartbeat may have come from where it says. On a cluster's own topics
 * ({@code dnsplane.desired-endpoints.<cluster>}, {@code dnsplane.cluster-status.<cluster>}, which
 * Kafka ACLs let that cluster's watcher alone write) the record must name that cluster, in its key
 * and its value, and a TXT owner id the cluster may use: its own id, or those
 * {@code --cluster-owner-ids} gives it. Shared topics cannot tell (planner/DESIGN.md): what they
 * carry is taken as it says, as before. Pure.
 */
public record ClusterOrigin(Map<String, Set<String>> ownerIds) {
  public static final ClusterOrigin DEFAULT = new ClusterOrigin(Map.of());

  public ClusterOrigin {
    ownerIds = Map.copyOf(ownerIds);
  }

  /** Parses {@code --cluster-owner-ids} values, {@code CLUSTER=OWNER[,OWNER...]}. */
  public static ClusterOrigin parse(List<String> values) {
    Map<String, Set<String>> owners = new LinkedHashMap<>();
    for (String value : values) {
      int eq = value.indexOf('=');
      Set<String> ids = eq < 0 ? Set.of() : Arrays.stream(value.substring(eq + 1).split(",")).map(String::trim)
          .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
      if (eq <= 0 || ids.isEmpty()) {
        throw new IllegalArgumentException("--cluster-owner-ids wants CLUSTER=OWNER[,OWNER...]: " + value);
      }
      owners.put(value.substring(0, eq).trim(), ids);
    }
    return new ClusterOrigin(owners);
  }

  /**
   * Why the record is refused, or empty when it may be planned.
   *
   * @param topic the topic it was read from
   * @param keyCluster the cluster its key (the source object) names
   * @param valueCluster the cluster its value names; null for a tombstone
   * @param ownerId the TXT owner id it claims; null for a tombstone
   */
  public Optional<String> refusal(String topic, String keyCluster, String valueCluster, String ownerId) {
    Optional<String> topicCluster = Topics.clusterOfOwnTopic(topic);
    if (topicCluster.isEmpty()) {
      return Optional.empty();
    }
    String cluster = topicCluster.get();
    if (!cluster.equals(keyCluster)) {
      return Optional.of("a record on " + topic + " names cluster " + keyCluster + ": only " + cluster
          + " writes there");
    }
    if (valueCluster != null && !cluster.equals(valueCluster)) {
      return Optional.of("a record on " + topic + " says it is from cluster " + valueCluster + ": only " + cluster
          + " writes there");
    }
    Set<String> allowed = ownerIds.getOrDefault(cluster, Set.of(cluster));
    if (ownerId != null && !allowed.contains(ownerId)) {
      return Optional.of("cluster " + cluster + " claims TXT owner id " + ownerId + "; it may use "
          + String.join(", ", allowed.stream().sorted().toList()) + " (--cluster-owner-ids)");
    }
    return Optional.empty();
  }
}
