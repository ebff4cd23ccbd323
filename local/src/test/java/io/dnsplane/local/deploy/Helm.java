package io.dnsplane.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real Helm binary and the offline Kubernetes schema check, run as the chart's users run them. */
final class Helm {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path CHART = REPO.resolve("helm/dnsplane");
  static final Path TEST = REPO.resolve("helm/test");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static String binary;

  private Helm() {}

  record Result(int exit, String out) {}

  /** Installs (once) and returns the helm binary: helm/test/tools.sh, which CI runs too. */
  static synchronized String binary() {
    if (binary == null) {
      Result r = run(REPO, List.of("bash", TEST.resolve("tools.sh").toString()));
      if (r.exit() != 0) {
        throw new IllegalStateException("helm/test/tools.sh failed (the chart tests need npm and unzip):\n" + r.out());
      }
      binary = r.out().lines().reduce((a, b) -> b).orElseThrow().trim();
    }
    return binary;
  }

  static Result helm(String... args) {
    List<String> command = new ArrayList<>(List.of(binary()));
    command.addAll(List.of(args));
    return run(REPO, command);
  }

  /** {@code helm template} of the chart with these arguments; fails the test on a render error. */
  static Rendered template(String... args) {
    List<String> all = new ArrayList<>(List.of("template", "rel", CHART.toString(), "--namespace", "dns"));
    all.addAll(List.of(args));
    Result r = helm(all.toArray(String[]::new));
    if (r.exit() != 0) {
      throw new AssertionError("helm template failed:\n" + r.out());
    }
    return Rendered.parse(r.out());
  }

  /** Validates manifests against the Kubernetes API schemas (helm/test/validate.cjs); returns its summary. */
  static JsonNode validate(String manifests) {
    try {
      Path file = Files.createTempFile(REPO.resolve("local/target"), "rendered-", ".yaml");
      Files.writeString(file, manifests);
      Result r = run(TEST, List.of("node", TEST.resolve("validate.cjs").toString(), file.toString()));
      if (r.exit() != 0) {
        throw new AssertionError("rendered manifests do not validate against the Kubernetes schemas:\n" + r.out());
      }
      return YAML.readTree(r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Result run(Path dir, List<String> command) {
    try {
      Map<String, String> env = new LinkedHashMap<>(System.getenv());
      Path home = REPO.resolve("local/target/helm-home");
      env.put("HELM_CACHE_HOME", home.resolve("cache").toString());
      env.put("HELM_CONFIG_HOME", home.resolve("config").toString());
      env.put("HELM_DATA_HOME", home.resolve("data").toString());
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The documents of one rendering. */
  record Rendered(String text, List<JsonNode> docs) {
    static Rendered parse(String text) {
      try (YAMLParser parser = new YAMLFactory().createParser(text)) {
        List<JsonNode> docs = new ArrayList<>();
        var it = YAML.readValues(parser, JsonNode.class);
        while (it.hasNext()) {
          JsonNode doc = it.next();
          if (doc != null && doc.getNodeType() == JsonNodeType.OBJECT) {
            docs.add(doc);
          }
        }
        return new Rendered(text, docs);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    List<JsonNode> ofKind(String kind) {
      return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    JsonNode named(String kind, String name) {
      return ofKind(kind).stream().filter(d -> d.path("metadata").path("name").asText().equals(name)).findFirst()
          .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in:\n" + text));
    }

    /** Every container of every workload (Deployment, StatefulSet, Job), by its component label. */
    /** A component's pod's container by name (a sidecar), or null. */
    JsonNode container(String component, String name) {
      for (JsonNode d : docs) {
        JsonNode template = d.path("spec").path("template");
        if (component.equals(template.path("metadata").path("labels").path("app.kubernetes.io/component").asText())) {
          for (JsonNode c : template.path("spec").path("containers")) {
            if (name.equals(c.path("name").asText())) {
              return c;
            }
          }
        }
      }
      return null;
    }

    Map<String, JsonNode> containers() {
      Map<String, JsonNode> byComponent = new LinkedHashMap<>();
      for (JsonNode d : docs) {
        if (List.of("Deployment", "StatefulSet", "Job").contains(d.path("kind").asText())) {
          JsonNode template = d.path("spec").path("template");
          String component = template.path("metadata").path("labels").path("app.kubernetes.io/component").asText();
          byComponent.put(component, template.path("spec").path("containers").get(0));
        }
      }
      return byComponent;
    }
  }

  static List<String> args(JsonNode container) {
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(a.asText()));
    return args;
  }

  /** The container's environment; a value from a Secret or ConfigMap stands as {@code <from NAME/KEY>}. */
  static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new LinkedHashMap<>();
    container.path("env").forEach(e -> {
      JsonNode from = e.path("valueFrom");
      env.put(e.path("name").asText(), from.isMissingNode() ? e.path("value").asText()
          : "<from " + from.findPath("name").asText() + "/" + from.findPath("key").asText() + ">");
    });
    return env;
  }
}
