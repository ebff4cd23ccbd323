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
    assertThat(TopicAdmin.auditRetention(-1)).containsOnlyKeys(Topics.APPLY_RESULTS, Topics.DEAD_LETTER);
  }

  @Test
  void aBadRetentionIsRefusedByName() {
    assertThatThrownBy(() -> parse("--audit-retention=a year").auditRetentionMs())
        .hasMessageContaining("--audit-retention wants an ISO-8601 duration");
    assertThatThrownBy(() -> parse("--audit-retention=PT0S").auditRetentionMs())
        .hasMessageContaining("--audit-retention must be positive");
  }
}
