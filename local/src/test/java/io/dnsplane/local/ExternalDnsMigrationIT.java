package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.planner.ownership.TxtRegistryConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The migration test through the running pipeline: the local Route53 holds the zone as ExternalDNS
 * v0.21 or v0.22 left it (src/test/resources/migration, seeded through the Route53 provider before
 * anything runs), the cluster's watcher, the planner with ExternalDNS's flags (--txt-prefix, the AES
 * key, SRV managed) and the Route53 applier start on it, and every object becomes ready while the
 * zone stays exactly as it was: every record adopted, nothing written, others' records untouched.
 * ExternalDnsMigrationPlanTest plans the same zone offline.
 */
class ExternalDnsMigrationIT {
  private static final Path MIGRATION = Path.of("src", "test", "resources", "migration").toAbsolutePath();
  private static final String KEY = "migration-test-key-0123456789abc";

  @TempDir
  Path stateDir;

  @TempDir
  Path examples;

  @ParameterizedTest(name = "ExternalDNS {0}")
  @ValueSource(strings = {"v0.21", "v0.22"})
  void aZoneExternalDnsManagedIsAdoptedWithoutAWrite(String version) throws IOException {
    copy(MIGRATION.resolve("clusters"), examples.resolve("clusters"));
    copy(MIGRATION.resolve("zones-external-dns-" + version), examples.resolve("zones"));
    LocalConfig config = new LocalConfig(stateDir, examples, 0, 3, Duration.ofSeconds(1), Duration.ofSeconds(3))
        .withProvider("aws");
    try (LocalPipeline pipeline = LocalPipeline.start(config, planner -> planner
        .withTxtRegistry(new TxtRegistryConfig("_external-dns.", "", "", false, KEY, Map.of()))
        .withRecordTypes(Set.of("A", "AAAA", "CNAME", "SRV"), Set.of()))) {
      Map<String, List<String>> before = pipeline.route53().snapshot("example.com");
      assertThat(before).containsKeys("app.example.com A", "_external-dns." + (version.equals("v0.21") ? "cname" : "a")
          + "-app.example.com TXT", "api.example.com CNAME eu", "_postgres._tcp.db.example.com SRV");
      Map<String, Integer> seeded = writes(pipeline);
      KubernetesClient cluster = pipeline.clusters().get("prod").client();
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        assertThat(events(cluster, "shop", "app")).anySatisfy(e -> assertThat(e).startsWith("Normal RecordReady"));
        assertThat(events(cluster, "shop", "api")).anySatisfy(e -> assertThat(e).startsWith("Normal RecordReady"));
        assertThat(events(cluster, "shop", "web")).anySatisfy(e -> assertThat(e).startsWith("Normal RecordReady"));
        assertThat(events(cluster, "data", "db")).anySatisfy(e -> assertThat(e).startsWith("Normal RecordReady"));
      });
      // Several drift checks later (every 3 s), still nothing written.
      await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(pipeline.route53().snapshot("example.com")).isEqualTo(before));
      assertThat(writes(pipeline)).as("changes applied since the zone was seeded").isEqualTo(seeded);
      assertThat(Stream.of("shop/app", "shop/api", "shop/web", "data/db")
          .flatMap(o -> events(cluster, o.split("/")[0], o.split("/")[1]).stream()))
          .noneMatch(e -> e.startsWith("Warning"));
    }
  }

  /** How often each record set of the zone was created, upserted or deleted (the seeding counts once). */
  private static Map<String, Integer> writes(LocalPipeline pipeline) {
    Map<String, Integer> out = new java.util.TreeMap<>();
    for (String set : pipeline.route53().snapshot("example.com").keySet()) {
      String[] nameAndType = set.split(" ");
      for (String action : List.of("CREATE", "UPSERT", "DELETE")) {
        out.put(action + " " + set, pipeline.route53().timesApplied(action, nameAndType[0], nameAndType[1]));
      }
    }
    return out;
  }

  private static List<String> events(KubernetesClient cluster, String namespace, String name) {
    return cluster.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getName().equals(name))
        .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage()).toList();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
