package io.dnsplane.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dnsplane.applier.ApplierMain;
import io.dnsplane.planner.PlannerMain;
import io.dnsplane.runtime.Cli;
import io.dnsplane.schema.TopicsMain;
import io.dnsplane.watcher.WatcherMain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, checked without a Docker engine: Compose's own validation
 * ({@code docker-compose config}), then each dnsplane service's command and environment parsed by
 * the service it runs.
 */
class ComposeFileIT {
  @Test
  void composeAcceptsTheFileAndEveryServiceItsCommand() throws Exception {
    Helm.Result r = Helm.run(Helm.REPO, List.of("docker-compose", "-f", "docker-compose.yml", "config"));
    assertThat(r.exit()).as("docker-compose config (Debian's docker-compose):%n%s", r.out()).isZero();
    JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(r.out()).path("services");
    assertThat(services.has("kafka")).isTrue();
    assertThat(services.has("schema-registry")).isTrue();
    Map<String, Runnable> parsed = new LinkedHashMap<>();
    services.fields().forEachRemaining(e -> {
      JsonNode s = e.getValue();
      List<String> command = new ArrayList<>();
      s.path("command").forEach(c -> command.add(c.asText()));
      Map<String, String> env = new LinkedHashMap<>();
      s.path("environment").fields().forEachRemaining(v -> env.put(v.getKey(), v.getValue().asText()));
      String[] args = command.toArray(String[]::new);
      String image = s.path("image").asText();
      if (e.getKey().equals("topics")) {
        assertThat(s.path("entrypoint").toString()).contains(TopicsMain.class.getName());
        parsed.put("topics", () -> Cli.commandLine(new TopicsMain(), env).parseArgs(args));
      } else if (image.startsWith("dnsplane/watcher")) {
        parsed.put(e.getKey(), () -> Cli.commandLine(new WatcherMain(), env).parseArgs(args));
      } else if (image.startsWith("dnsplane/planner")) {
        parsed.put(e.getKey(), () -> Cli.commandLine(new PlannerMain(), env).parseArgs(args));
      } else if (image.startsWith("dnsplane/applier-")) {
        parsed.put(e.getKey(), () -> ApplierMain.parse(env, args));
      }
      if (image.startsWith("dnsplane/")) {
        assertThat(env).containsEntry("DNSPLANE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
            .containsEntry("DNSPLANE_SCHEMA_REGISTRY_URL", "http://schema-registry:8080/apis/ccompat/v7");
      }
    });
    assertThat(parsed.keySet()).containsExactlyInAnyOrder("topics", "planner", "applier", "watcher");
    parsed.values().forEach(Runnable::run);
  }
}
