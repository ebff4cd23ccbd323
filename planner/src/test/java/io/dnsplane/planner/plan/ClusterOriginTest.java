package io.dnsplane.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which desires and heartbeats may have come from where they say: the topic is the cluster's identity. */
class ClusterOriginTest {
  private static final String OWN_A = "dnsplane.desired-endpoints.cluster-a";
  private static final ClusterOrigin MIGRATED = ClusterOrigin.parse(List.of("cluster-a=my-eks-cluster,cluster-a"));

  record Case(String name, ClusterOrigin origin, String topic, String keyCluster, String valueCluster, String owner,
      String refusal) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("its own topic, its own id", ClusterOrigin.DEFAULT, OWN_A, "cluster-a", "cluster-a", "cluster-a", null),
        new Case("a tombstone on its own topic", ClusterOrigin.DEFAULT, OWN_A, "cluster-a", null, null, null),
        new Case("the shared topic cannot tell", ClusterOrigin.DEFAULT, "dnsplane.desired-endpoints", "cluster-b",
            "cluster-a", "cluster-z", null),
        new Case("a key naming another cluster", ClusterOrigin.DEFAULT, OWN_A, "cluster-b", "cluster-b", "cluster-b",
            "a record on dnsplane.desired-endpoints.cluster-a names cluster cluster-b: only cluster-a writes there"),
        new Case("a tombstone for another cluster's object", ClusterOrigin.DEFAULT, OWN_A, "cluster-b", null, null,
            "a record on dnsplane.desired-endpoints.cluster-a names cluster cluster-b: only cluster-a writes there"),
        new Case("a value naming another cluster", ClusterOrigin.DEFAULT, OWN_A, "cluster-a", "cluster-b", "cluster-a",
            "a record on dnsplane.desired-endpoints.cluster-a says it is from cluster cluster-b: only cluster-a writes there"),
        new Case("another cluster's owner id", ClusterOrigin.DEFAULT, OWN_A, "cluster-a", "cluster-a", "cluster-b",
            "cluster cluster-a claims TXT owner id cluster-b; it may use cluster-a (--cluster-owner-ids)"),
        new Case("a heartbeat on its own topic", ClusterOrigin.DEFAULT, "dnsplane.cluster-status.cluster-a", "cluster-a",
            "cluster-a", "cluster-a", null),
        new Case("a heartbeat for another cluster", ClusterOrigin.DEFAULT, "dnsplane.cluster-status.cluster-a",
            "cluster-b", "cluster-b", "cluster-b",
            "a record on dnsplane.cluster-status.cluster-a names cluster cluster-b: only cluster-a writes there"),
        new Case("the shared heartbeat topic cannot tell", ClusterOrigin.DEFAULT, "dnsplane.cluster-status", "cluster-b",
            "cluster-b", "cluster-z", null),
        new Case("an owner id --cluster-owner-ids gives it", MIGRATED, OWN_A, "cluster-a", "cluster-a", "my-eks-cluster",
            null),
        new Case("an owner id --cluster-owner-ids does not give it", MIGRATED, OWN_A, "cluster-a", "cluster-a",
            "cluster-b", "cluster cluster-a claims TXT owner id cluster-b; it may use cluster-a, my-eks-cluster"
                + " (--cluster-owner-ids)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(Case c) {
    assertThat(c.origin().refusal(c.topic(), c.keyCluster(), c.valueCluster(), c.owner()))
        .isEqualTo(Optional.ofNullable(c.refusal()));
  }

  @ParameterizedTest
  @MethodSource("badFlags")
  void badFlagValuesAreRefused(String value) {
    assertThatThrownBy(() -> ClusterOrigin.parse(List.of(value))).hasMessageContaining("--cluster-owner-ids wants");
  }

  static Stream<String> badFlags() {
    return Stream.of("cluster-a", "=owner", "cluster-a=", "cluster-a= , ");
  }
}
