package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dnsplane.fakes.route53.Route53Fake;
import io.dnsplane.planner.audit.AuditOptions;
import io.dnsplane.planner.audit.HistoryMain;
import io.dnsplane.planner.audit.StateMain;
import io.dnsplane.planner.replay.ReplayMain;
import io.dnsplane.runtime.Cli;
import io.dnsplane.schema.Topics;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit commands against a real run: an Ingress created, moved and deleted through Route53;
 * history shows the three changes with the Ingress's versions and Route53's change ids, state
 * rebuilds the zone between them, history --object lists what the Ingress caused, and bad
 * questions get their own exit codes.
 */
class AuditIT {
  private static final String NAME = "audited.example.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path stateDir;

  record Run(int exit, String out, String err) {}

  @Test
  void historyAndStateAnswerFromTheAuditLog() throws Exception {
    // Without --listing-settle's hold, planner and replays alike: a replay of names the planner held
    // for it may plan them at other moments than the planner did (a known gap, see README).
    try (LocalPipeline pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3,
        Duration.ofSeconds(1), Duration.ofMinutes(10)).withProvider("aws"), p -> p.withListingSettle(Duration.ZERO))) {
      Route53Fake route53 = pipeline.route53();
      KubernetesClient cluster = pipeline.clusters().get("cluster-a").client();
      await().atMost(Duration.ofSeconds(90)).until(() -> route53.snapshot("example.com").containsKey("api.example.com A"));

      Ingresses.create(cluster, "audited", NAME, "192.0.2.31");
      await().atMost(Duration.ofSeconds(60)).until(() -> List.of("192.0.2.31").equals(route53.snapshot("example.com")
          .get(NAME + " A")));
      String createdVersion = resourceVersion(cluster);
      String uid = cluster.network().v1().ingresses().inNamespace("default").withName("audited").get().getMetadata().getUid();

      Ingresses.moveTo(cluster, "audited", "192.0.2.32");
      await().atMost(Duration.ofSeconds(60)).until(() -> List.of("192.0.2.32").equals(route53.snapshot("example.com")
          .get(NAME + " A")));
      String movedVersion = resourceVersion(cluster);
      Ingresses.delete(cluster, "audited");
      await().atMost(Duration.ofSeconds(60)).until(() -> !route53.snapshot("example.com").containsKey(NAME + " A"));

      String kafka = "--kafka-bootstrap-servers=" + pipeline.bootstrapServers();
      List<JsonNode> history = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        history.clear();
        Run run = run(new HistoryMain(), NAME, "--type", "A", "--output", "json", kafka);
        assertThat(run.exit()).as(run.err()).isZero();
        for (String line : run.out().strip().split("\n")) {
          history.add(JSON.readTree(line));
        }
        assertThat(history).hasSize(3);
      });
      assertThat(history).extracting(h -> h.path("status").asText() + " " + h.path("rule").asText())
          .containsExactly("APPLIED CREATE", "APPLIED UPDATE", "APPLIED DELETE");
      assertThat(history).allSatisfy(h -> {
        assertThat(h.path("providerChangeId").asText()).as("Route53's ChangeInfo id").matches("C\\d{12}");
        JsonNode cause = h.path("lineage").get(0);
        assertThat(cause.path("cluster").asText() + "/" + cause.path("kind").asText() + "/" + cause.path("name").asText())
            .isEqualTo("cluster-a/ingress/audited");
        assertThat(cause.path("uid").asText()).isEqualTo(uid);
        assertThat(cause.path("topic").asText()).isEqualTo("dnsplane.desired-endpoints.cluster-a");
        assertThat(cause.path("offset").asLong()).isNotNegative();
      });
      assertThat(history).extracting(h -> h.path("lineage").get(0).path("resourceVersion").asText())
          .as("the Ingress's versions: created, moved, and the last one seen before it was deleted")
          .containsExactly(createdVersion, movedVersion, movedVersion);
      assertThat(history.get(1).path("before").get(0).path("targets").get(0).asText()).isEqualTo("192.0.2.31");
      assertThat(history.get(1).path("after").get(0).path("targets").get(0).asText()).isEqualTo("192.0.2.32");
      Run table = run(new HistoryMain(), NAME, kafka);
      assertThat(table.out()).contains("APPLIED CREATE", "by cluster-a/ingress/default/audited", "resourceVersion "
          + createdVersion, ", change C");

      // Between two changes: the moment the first was applied (the second was applied after it).
      String between = history.get(0).path("appliedAt").asText();
      Run state = run(new StateMain(), "example.com", "--at", between, kafka);
      assertThat(state.exit()).as(state.err()).isZero();
      assertThat(state.out()).containsPattern("audited\\.example\\.com\\s+A\\s+\\d+\\s+192\\.0\\.2\\.31");
      Run diff = run(new StateMain(), "example.com", "--at", between, "--diff", Instant.now().toString(), kafka);
      assertThat(diff.out()).contains(NAME + " A  " + NAME + " A 192.0.2.31  ->  (none)");

      Run object = run(new HistoryMain(), "--object", "cluster-a/ingress/default/audited", "--output", "json", kafka);
      assertThat(object.out().strip().split("\n")).as("its three batches, each with its record and TXT").hasSize(3);

      // The recorded run replayed through a fresh planner (LocalPipeline's planner: --policy=sync) makes
      // exactly the recorded plans; with upsert-only the delete is not planned.
      Run replay = run(new ReplayMain(), "--policy=sync", "--listing-settle=PT0S", kafka);
      assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
      assertThat(replay.err()).contains("the same").containsPattern(" [1-9]\\d* recorded, [1-9]\\d* replayed")
          .as("from the name events the planner kept, in the order it planned them")
          .contains("(the name events, in the order planned)");
      Run stricter = run(new ReplayMain(), "--policy=sync", "--listing-settle=PT0S", "--set", "policy=upsert-only", "--output", "json", kafka);
      assertThat(stricter.exit()).as(stricter.err()).isEqualTo(1);
      List<JsonNode> differences = new ArrayList<>();
      for (String line : stricter.out().strip().split("\n")) {
        differences.add(JSON.readTree(line));
      }
      assertThat(differences).as(stricter.out()).singleElement().satisfies(d -> {
        assertThat(d.path("only").asText()).isEqualTo("recorded");
        assertThat(d.path("rule").asText()).isEqualTo("DELETE");
        assertThat(d.path("delete").toString()).contains(NAME);
      });
      Run window = run(new ReplayMain(), "--policy=sync", "--listing-settle=PT0S", "--from", history.get(2).path("plannedAt").asText(), kafka);
      assertThat(window.exit()).as(window.err()).isZero();
      assertThat(run(new ReplayMain(), "--policy=sync", "--listing-settle=PT0S", "--set", "no-such-flag=1", kafka).exit()).isEqualTo(2);

      Run never = run(new HistoryMain(), "never.example.com", kafka);
      assertThat(never.exit()).isEqualTo(AuditOptions.NOT_FOUND);
      assertThat(never.err()).contains("no change to never.example.com in the audit log");
      Run noZone = run(new StateMain(), "example.org", kafka);
      assertThat(noZone.exit()).isEqualTo(AuditOptions.UNKNOWN_ZONE);
      assertThat(noZone.err()).contains("no applier announced a zone example.org");

      // The audit log keeps everything by default (--audit-retention forever).
      try (Admin admin = Admin.create(pipeline.connection().clientProperties())) {
        org.apache.kafka.common.config.ConfigResource results = new org.apache.kafka.common.config.ConfigResource(
            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.APPLY_RESULTS);
        assertThat(admin.describeConfigs(List.of(results)).all().get().get(results).get("retention.ms").value())
            .isEqualTo("-1");
      }
      // Retention deletes the oldest results: a time before what is kept cannot be answered.
      try (Admin admin = Admin.create(pipeline.connection().clientProperties())) {
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
        admin.describeTopics(List.of(Topics.APPLY_RESULTS)).allTopicNames().get().get(Topics.APPLY_RESULTS).partitions()
            .forEach(p -> latest.put(new TopicPartition(Topics.APPLY_RESULTS, p.partition()),
                org.apache.kafka.clients.admin.OffsetSpec.latest()));
        Map<TopicPartition, RecordsToDelete> oldest = new java.util.HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> {
          if (info.offset() > 0) {
            oldest.put(tp, RecordsToDelete.beforeOffset(1));
          }
        });
        admin.deleteRecords(oldest).all().get();
      }
      Run old = run(new StateMain(), "example.com", "--at", "2020-01-01T00:00:00Z", kafka);
      assertThat(old.exit()).isEqualTo(AuditOptions.BEFORE_RETENTION);
      assertThat(old.err()).contains("is before the audit log's retention");
    }
  }

  private static String resourceVersion(KubernetesClient cluster) {
    return cluster.network().v1().ingresses().inNamespace("default").withName("audited").get().getMetadata()
        .getResourceVersion();
  }

  private static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Cli.commandLine(command, Map.of()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
