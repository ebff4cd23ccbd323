package io.dnsplane.local.deploy;

import static io.dnsplane.local.deploy.Helm.args;
import static io.dnsplane.local.deploy.Helm.env;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dnsplane.applier.ApplierMain;
import io.dnsplane.planner.PlannerMain;
import io.dnsplane.runtime.Cli;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.Topics;
import io.dnsplane.schema.TopicsMain;
import io.dnsplane.watcher.WatcherMain;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Helm chart, rendered by the real Helm binary: lint, the Kubernetes schemas, ExternalDNS's
 * values (the seed article's two files render with only kafka.bootstrapServers added), and every
 * container's args and env parsed by the service it runs, so the chart cannot pass a flag the
 * service does not know.
 */
class HelmChartIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String KAFKA = "kafka.bootstrapServers=kafka-0.kafka:9092";
  private static final String AWS_SEED = Helm.TEST.resolve("fixtures/external-dns-values-aws.yaml").toString();
  private static final String CF_SEED = Helm.TEST.resolve("fixtures/external-dns-values-cloudflare.yaml").toString();
  private static final String ALL_ON = Helm.TEST.resolve("fixtures/every-component.yaml").toString();

  record Scenario(String name, List<String> args) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Scenario> scenarios() {
    return List.of(
        new Scenario("defaults", List.of("--set", KAFKA)),
        new Scenario("ExternalDNS's Route53 values", List.of("-f", AWS_SEED, "--set", KAFKA)),
        new Scenario("ExternalDNS's Cloudflare values", List.of("-f", CF_SEED, "--set", KAFKA)),
        new Scenario("every component on", List.of("-f", ALL_ON)),
        new Scenario("Strimzi topics, namespaced", List.of("-f", ALL_ON, "--set", "kafka.topics.create=strimzi",
            "--set", "kafka.topics.strimzi.clusterName=prod", "--set", "namespaced=true")));
  }

  @Test
  void lintsStrictly() {
    for (Scenario s : scenarios()) {
      List<String> args = new ArrayList<>(List.of("lint", "--strict", Helm.CHART.toString()));
      args.addAll(s.args());
      Helm.Result r = Helm.helm(args.toArray(String[]::new));
      assertThat(r.exit()).as("helm lint --strict, %s:\n%s", s, r.out()).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void rendersManifestsTheKubernetesSchemasAccept(Scenario s) {
    Helm.Rendered rendered = Helm.template(s.args().toArray(String[]::new));
    JsonNode summary = Helm.validate(rendered.text());
    assertThat(summary.path("failures").asInt()).isZero();
    assertThat(summary.path("validated").asInt()).isGreaterThan(5);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyServiceAcceptsTheArgsAndEnvTheChartGivesIt(Scenario s) {
    Map<String, JsonNode> containers = Helm.template(s.args().toArray(String[]::new)).containers();
    assertThat(containers).isNotEmpty();
    containers.forEach((component, container) -> {
      String[] args = args(container).toArray(String[]::new);
      Map<String, String> env = env(container);
      if (component.equals("watcher")) {
        Cli.commandLine(new WatcherMain(), env).parseArgs(args);
      } else if (component.equals("planner")) {
        Cli.commandLine(new PlannerMain(), env).parseArgs(args);
      } else if (component.startsWith("applier-")) {
        ApplierMain.parse(env, args);
      } else if (component.equals("topics")) {
        assertThat(container.path("command").toString()).contains(TopicsMain.class.getName());
        Cli.commandLine(new TopicsMain(), env).parseArgs(args);
      } else {
        throw new AssertionError("a container no test parses: " + component);
      }
    });
  }

  @Test
  void externalDnsRoute53ValuesBecomeAWatcherAPlannerAndOneApplier() {
    Map<String, JsonNode> c = Helm.template("-f", AWS_SEED, "--set", KAFKA).containers();
    assertThat(c.keySet()).containsExactlyInAnyOrder("watcher", "planner", "applier-aws", "topics");
    assertThat(args(c.get("watcher"))).contains("--cluster-id=my-eks-cluster", "--txt-owner-id=my-eks-cluster",
        "--source=ingress", "--source=service", "--source=gateway-httproute",
        "--domain-filter=example.com", "--domain-filter=internal.example.com", "--log-level=warning");
    assertThat(args(c.get("planner"))).contains("--policy=sync", "--txt-prefix=_external-dns.",
        "--domain-filter=example.com", "--domain-filter=internal.example.com");
    assertThat(args(c.get("applier-aws"))).contains("--provider=aws", "--zone-id-filter=Z1234567890ABCDEF",
        "--kafka-bootstrap-servers=kafka-0.kafka:9092");
    // Provider credentials reach the applier only.
    assertThat(env(c.get("applier-aws"))).containsEntry("AWS_DEFAULT_REGION", "us-east-1");
    assertThat(env(c.get("watcher"))).doesNotContainKey("AWS_DEFAULT_REGION");
    assertThat(env(c.get("planner"))).doesNotContainKey("AWS_DEFAULT_REGION");
    Helm.Rendered r = Helm.template("-f", AWS_SEED, "--set", KAFKA);
    assertThat(r.named("ServiceAccount", "rel-dnsplane-applier-aws").path("metadata").path("annotations")
        .path("eks.amazonaws.com/role-arn").asText()).isEqualTo("arn:aws:iam::123456789:role/external-dns-role");
    for (String other : List.of("rel-dnsplane-watcher", "rel-dnsplane-planner")) {
      assertThat(r.named("ServiceAccount", other).path("metadata").path("annotations").isMissingNode()).isTrue();
    }
  }

  @Test
  void externalDnsCloudflareValuesKeepTheTokenInTheApplier() {
    Map<String, JsonNode> c = Helm.template("-f", CF_SEED, "--set", KAFKA).containers();
    assertThat(c.keySet()).containsExactlyInAnyOrder("watcher", "planner", "applier-cloudflare", "topics");
    assertThat(env(c.get("applier-cloudflare"))).containsEntry("CF_API_TOKEN", "<from cloudflare-api-token/token>");
    assertThat(args(c.get("applier-cloudflare"))).contains("--provider=cloudflare", "--cloudflare-proxied=false");
    for (String other : List.of("watcher", "planner", "topics")) {
      assertThat(env(c.get(other))).doesNotContainKey("CF_API_TOKEN");
      assertThat(args(c.get(other))).doesNotContain("--cloudflare-proxied=false");
    }
    // ExternalDNS's chart defaults: sources service and ingress, policy upsert-only.
    assertThat(args(c.get("watcher"))).contains("--source=service", "--source=ingress");
    assertThat(args(c.get("planner"))).contains("--policy=upsert-only");
  }

  @Test
  void everyComponentOn() {
    Helm.Rendered r = Helm.template("-f", ALL_ON);
    Map<String, JsonNode> c = r.containers();
    assertThat(c.keySet()).containsExactlyInAnyOrder("watcher", "planner", "applier-route53", "applier-cloudflare",
        "applier-inmemory", "topics");
    assertThat(r.named("Deployment", "rel-dnsplane-applier-route53").path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(args(c.get("planner"))).as("the planner keeps its name events as long as the topics keep every record")
        .contains("--replay-window=PT604800S");
    assertThat(args(c.get("planner"))).contains("--kafka-property=num.standby.replicas=1",
        "--kafka-property=security.protocol=SASL_SSL", "--kafka-config=/etc/dnsplane/kafka/client.properties",
        "--txt-wildcard-replacement=wildcard");
    assertThat(r.ofKind("ServiceMonitor")).hasSize(5);
    // The registry's password stays in its Secret; Kubernetes expands it into the args.
    for (String component : List.of("watcher", "planner", "applier-route53")) {
      assertThat(args(c.get(component))).contains("--schema-registry-url=https://registry.example.com/apis/ccompat/v7",
          "--schema-registry-property=basic.auth.user.info=$(DNSPLANE_SCHEMA_REGISTRY_USER_INFO)");
      assertThat(env(c.get(component))).containsEntry("DNSPLANE_SCHEMA_REGISTRY_USER_INFO", "<from dnsplane-registry/user-info>");
    }
    JsonNode planner = r.named("StatefulSet", "rel-dnsplane-planner");
    assertThat(planner.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(planner.path("spec").path("volumeClaimTemplates").get(0).path("spec").path("resources")
        .path("requests").path("storage").asText()).isEqualTo("5Gi");
    assertThat(r.named("PodDisruptionBudget", "rel-dnsplane-planner").path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
    for (JsonNode container : c.values()) {
      JsonNode sc = container.path("securityContext");
      assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(sc.path("allowPrivilegeEscalation").asBoolean()).isFalse();
      assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
    }
    for (String workload : List.of("rel-dnsplane-watcher", "rel-dnsplane-applier-route53")) {
      JsonNode spec = r.named("Deployment", workload).path("spec").path("template").path("spec").path("containers").get(0);
      assertThat(spec.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
      assertThat(spec.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
    }
  }

  @Test
  void twoAccountsOfOneProviderGetAnApplierEach() {
    String[] twoAccounts = {"--set", KAFKA, "--set", "appliers[0].name=route53-prod", "--set", "appliers[0].provider=aws",
        "--set", "appliers[1].name=route53-shared", "--set", "appliers[1].provider=aws"};
    Map<String, JsonNode> c = Helm.template(twoAccounts).containers();
    assertThat(args(c.get("applier-route53-prod"))).contains("--provider=aws", "--applier-name=route53-prod");
    assertThat(args(c.get("applier-route53-shared"))).contains("--provider=aws", "--applier-name=route53-shared");
    assertThat(args(c.get("topics"))).contains("--applier-name=route53-prod,route53-shared");
    Helm.Result twice = Helm.helm("template", "rel", Helm.CHART.toString(), "--set", KAFKA,
        "--set", "appliers[0].provider=aws", "--set", "appliers[1].provider=aws");
    assertThat(twice.exit()).isNotZero();
    assertThat(twice.out()).contains("two entries named \"aws\"");
  }

  @Test
  void theWatcherGetsExactlyTheRbacOfWatcherRbacYaml() throws IOException {
    JsonNode expected = null;
    var it = YAML.readValues(new YAMLFactory().createParser(Files.readString(Helm.REPO.resolve("watcher/rbac.yaml"))),
        JsonNode.class);
    while (it.hasNext()) {
      JsonNode doc = it.next();
      if (doc.path("kind").asText().equals("ClusterRole")) {
        expected = doc.path("rules");
      }
    }
    assertThat(expected).isNotNull();
    JsonNode rendered = Helm.template("--set", KAFKA).named("ClusterRole", "rel-dnsplane-watcher").path("rules");
    assertThat(rendered).isEqualTo(expected);
    JsonNode namespaced = Helm.template("--set", KAFKA, "--set", "namespaced=true")
        .named("Role", "rel-dnsplane-watcher").path("rules");
    assertThat(namespaced).isEqualTo(expected);
  }

  @Test
  void theChartsFlagTableIsTheServicesOwn() throws IOException {
    JsonNode table = YAML.readTree(Helm.CHART.resolve("flags.yaml").toFile());
    Map<String, Set<String>> actual = new TreeMap<>();
    for (String component : List.of("watcher", "planner", "applier")) {
      Set<String> flags = new TreeSet<>();
      table.path(component).forEach(f -> flags.add(f.asText()));
      actual.put(component, flags);
    }
    ChartFlags.providers().keySet().forEach(provider -> {
      Set<String> flags = new TreeSet<>();
      table.path("providers").path(provider).forEach(f -> flags.add(f.asText()));
      actual.put(provider, flags);
    });
    Map<String, Set<String>> expected = new TreeMap<>(ChartFlags.providers());
    expected.putAll(Map.of("watcher", ChartFlags.watcher(), "planner", ChartFlags.planner(), "applier", ChartFlags.applier()));
    Files.writeString(Helm.REPO.resolve("local/target/flags.yaml"), ChartFlags.yaml());
    assertThat(actual).as("helm/dnsplane/flags.yaml should hold (written to local/target/flags.yaml):%n%s",
        ChartFlags.yaml()).isEqualTo(expected);
    // A flag ExternalDNS has and dnsplane does not need is not one dnsplane takes.
    Set<String> all = new TreeSet<>();
    expected.values().forEach(all::addAll);
    table.path("notNeeded").fieldNames().forEachRemaining(f -> assertThat(all).doesNotContain("--" + f));
  }

  @Test
  void theChartsTopicsAreTheServicesOwn() throws IOException {
    Helm.Rendered strimzi = Helm.template("-f", ALL_ON, "--set", "kafka.topics.create=strimzi",
        "--set", "kafka.topics.strimzi.clusterName=prod");
    Map<String, String> rendered = new TreeMap<>();
    strimzi.ofKind("KafkaTopic").forEach(t -> rendered.put(t.path("spec").path("topicName").asText(),
        t.path("spec").path("config").path("cleanup.policy").asText() + " "
            + t.path("spec").path("config").path("min.compaction.lag.ms").asText("-")));
    Map<String, String> expected = new TreeMap<>();
    // The watcher installed with them writes its cluster's own desire topic.
    for (Topic<?, ?> t : Topics.singleObjectEncoding().all(List.of("route53", "cloudflare", "inmemory"), List.of("prod-eu-1"))) {
      expected.put(t.name(), t.cleanup().kafkaValue() + " " + (Topics.isPlannerInput(t.name()) ? "604800000" : "-"));
    }
    assertThat(rendered).as("each topic's cleanup policy and min.compaction.lag.ms (--replay-window)").isEqualTo(expected);
    JsonNode audit = strimzi.named("KafkaTopic", "dnsplane-apply-results");
    assertThat(audit.path("spec").path("config").path("retention.ms").asLong()).isEqualTo(-1);
    assertThat(audit.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("prod");

    List<String> hookArgs = args(Helm.template("-f", ALL_ON).containers().get("topics"));
    assertThat(hookArgs).contains("--applier-name=route53,cloudflare,inmemory", "--cluster-id=prod-eu-1",
        "--topic-retention-ms=dnsplane.apply-results=-1",
        "--topic-retention-ms=dnsplane.changes.route53=-1", "--replay-window=PT604800S", "--topic-partitions=12");
  }

  record Refusal(String why, List<String> args, String message) {
    @Override
    public String toString() {
      return why;
    }
  }

  static List<Refusal> refusals() {
    return List.of(
        new Refusal("no Kafka", List.of(), "kafka.bootstrapServers"),
        new Refusal("a misspelt value", List.of("--set", KAFKA, "--set", "txtOwnerID=x"), "txtOwnerID"),
        new Refusal("a misspelt component value", List.of("--set", KAFKA, "--set", "planner.replica=2"), "replica"),
        new Refusal("a bad policy", List.of("--set", KAFKA, "--set", "policy=delete-all"), "policy"),
        new Refusal("prefix and suffix", List.of("--set", KAFKA, "--set", "txtPrefix=a-", "--set", "txtSuffix=-b"),
            "txtPrefix and txtSuffix"),
        new Refusal("another registry", List.of("--set", KAFKA, "--set", "registry=dynamodb"), "registry"),
        new Refusal("ExternalDNS's image", List.of("--set", KAFKA, "--set",
            "image.repository=registry.k8s.io/external-dns/external-dns"), "image.repository"),
        new Refusal("an unknown provider", List.of("--set", KAFKA, "--set", "provider.name=ns1"), "provider"),
        new Refusal("a flag nobody knows", List.of("--set", KAFKA, "--set", "extraArgs[0]=--frobnicate=1"),
            "--frobnicate"),
        new Refusal("a webhook provider without its image", List.of("--set", KAFKA, "--set", "provider.name=webhook"),
            "provider.webhook.image.repository"),
        new Refusal("a log level", List.of("--set", KAFKA, "--set", "logLevel=loud"), "logLevel"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void badValuesFailNamingTheValue(Refusal refusal) {
    List<String> args = new ArrayList<>(List.of("template", "rel", Helm.CHART.toString()));
    args.addAll(refusal.args());
    Helm.Result r = Helm.helm(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.out()).isNotZero();
    assertThat(r.out()).contains(refusal.message());
  }

  @Test
  void externalDnsFlagsDnsplaneDoesNotNeedAreAcceptedAndNotPassed() {
    Map<String, JsonNode> c = Helm.template("--set", KAFKA, "--set", "provider.name=aws",
        "--set", "extraArgs[0]=--interval=5m", "--set", "extraArgs[1]=--aws-zone-type=public").containers();
    assertThat(args(c.get("applier-aws"))).contains("--aws-zone-type=public").doesNotContain("--interval=5m");
    assertThat(args(c.get("watcher"))).doesNotContain("--aws-zone-type=public", "--interval=5m");
  }

  @Test
  void externalDnsWebhookValuesRunTheProviderAsASidecarOfTheWebhookApplier() {
    var rendered = Helm.template("--set", KAFKA, "--set", "provider.name=webhook",
        "--set", "provider.webhook.image.repository=ghcr.io/example/external-dns-acme-webhook",
        "--set", "provider.webhook.image.tag=v1.2.3", "--set", "provider.webhook.env[0].name=ACME_TOKEN",
        "--set", "provider.webhook.env[0].value=t", "--set", "provider.webhook.args[0]=--acme-zone=example.com");
    Map<String, JsonNode> c = rendered.containers();
    assertThat(args(c.get("applier-webhook"))).contains("--provider=webhook", "--webhook-provider-url=http://localhost:8888");
    JsonNode sidecar = rendered.container("applier-webhook", "webhook");
    assertThat(sidecar).as(c.keySet().toString()).isNotNull();
    assertThat(sidecar.path("image").asText()).isEqualTo("ghcr.io/example/external-dns-acme-webhook:v1.2.3");
    assertThat(sidecar.path("env").get(0).path("name").asText()).isEqualTo("ACME_TOKEN");
    assertThat(args(sidecar)).containsExactly("--acme-zone=example.com");
    assertThat(sidecar.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("http-webhook");
    // The watcher and the planner get neither the sidecar nor its credentials.
    assertThat(c.get("watcher").toString()).doesNotContain("ACME_TOKEN");
  }
}
