package io.dnsplane.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.runtime.Cli;
import org.junit.jupiter.api.Test;

class TopicCreationOptionsTest {
  private static TopicCreationOptions parse(String... args) {
    return Cli.populate(new TopicCreationOptions(), args);
  }

  @Test
  void theAuditLogIsKeptForEverUnlessToldOtherwise() {
    assertThat(parse().auditRetentionMs()).isEqualTo(-1);
    assertThat(parse("--audit-retention=forever").auditRetentionMs()).isEqualTo(-1);
    assertThat(parse("--audit-retention=P365D").auditRetentionMs()).isEqualTo(365L * 24 * 3600 * 1000);
    assertThat(TopicAdmin.auditRetention(Topics.singleObjectEncoding().all(java.util.List.of("aws"), java.util.List.of("c1")), -1))
        .containsOnlyKeys(Topics.APPLY_RESULTS, Topics.DEAD_LETTER, Topics.PLANNER_EVENTS, "dnsplane.changes.aws");
  }

  @Test
  void thePlannersCompactedInputsKeepEveryRecordForTheReplayWindow() {
    Topics topics = Topics.singleObjectEncoding();
    java.time.Duration week = parse().replayWindow;
    assertThat(week).isEqualTo(java.time.Duration.ofDays(7));
    java.util.Map<String, String> lag = new java.util.TreeMap<>();
    for (Topic<?, ?> t : topics.all(java.util.List.of("aws"), java.util.List.of("c1"))) {
      String value = TopicAdmin.configOf(t, java.util.Map.of(), week).get("min.compaction.lag.ms");
      if (value != null) {
        lag.put(t.name(), value);
      }
    }
    assertThat(lag).containsOnlyKeys(Topics.DESIRED_ENDPOINTS, "dnsplane.desired-endpoints.c1", Topics.CLUSTER_STATUS,
        "dnsplane.cluster-status.c1", Topics.OBSERVED_RECORDS, Topics.PROVIDER_ZONES);
    assertThat(lag.values()).containsOnly("604800000");
    assertThat(TopicAdmin.configOf(topics.observedRecords(), java.util.Map.of(), java.time.Duration.ZERO))
        .doesNotContainKey("min.compaction.lag.ms");
  }

  @Test
  void aBadRetentionIsRefusedByName() {
    assertThatThrownBy(() -> parse("--audit-retention=a year").auditRetentionMs())
        .hasMessageContaining("--audit-retention wants an ISO-8601 duration");
    assertThatThrownBy(() -> parse("--audit-retention=PT0S").auditRetentionMs())
        .hasMessageContaining("--audit-retention must be positive");
  }
}
