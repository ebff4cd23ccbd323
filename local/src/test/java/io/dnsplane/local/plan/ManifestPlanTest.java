package io.dnsplane.local.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.planner.ownership.TxtEncryption;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `dnsplane plan --manifests DIR --zone-file FILE`: a zone as ExternalDNS left it is adopted, not recreated. */
class ManifestPlanTest {
  private static final String KEY = "12345678901234567890123456789012";

  @TempDir
  Path dir;

  private Path cluster;
  private Path zone;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static String ingress(String name, String host, String lb) {
    String status = lb.matches("[0-9.]+") ? "ip: " + lb : "hostname: " + lb;
    return """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: %s, namespace: default}
        spec:
          rules:
          - host: %s
        status:
          loadBalancer:
            ingress:
            - %s
        """.formatted(name, host, status);
  }

  @BeforeEach
  void zoneAsExternalDnsLeftIt() throws Exception {
    cluster = Files.createDirectories(dir.resolve("prod"));
    Files.writeString(cluster.resolve("app.yaml"), ingress("app", "app.example.com", "192.0.2.10"));
    Files.writeString(cluster.resolve("more.yaml"), ingress("api", "api.example.com", "192.0.2.30") + "---\n"
        + ingress("web", "web.example.com", "lb.example.net"));
    String encrypted = TxtEncryption.withKey(KEY).encrypt(
        "heritage=external-dns,external-dns/owner=default,external-dns/resource=ingress/default/web");
    zone = dir.resolve("example.com.zone");
    Files.writeString(zone, """
        example.com.                 300 IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 60
        example.com.                 300 IN NS  ns1.example.com.
        app.example.com.             300 IN A   192.0.2.10
        p-a-app.example.com.         300 IN TXT "heritage=external-dns,external-dns/owner=default,external-dns/resource=ingress/default/app"
        api.example.com.             300 IN A   192.0.2.30
        p-api.example.com.           300 IN TXT "heritage=external-dns,external-dns/owner=default,external-dns/resource=ingress/default/api"
        web.example.com.             300 IN CNAME lb.example.net.
        p-cname-web.example.com.     300 IN TXT "%s"
        legacy.example.com.          300 IN A   198.51.100.1
        """.formatted(encrypted));
  }

  private int run(String... args) {
    PlanMain main = new PlanMain();
    main.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    main.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    return new CommandLine(main).execute(args);
  }

  @Test
  void everyRecordExternalDnsCreatedIsAdoptedWithZeroChanges() {
    int exit = run("--manifests", cluster.toString(), "--zone-file", zone.toString(), "--txt-prefix", "p-",
        "--txt-encrypt-aes-key", KEY);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(text + err).isEqualTo(PlanMain.NO_CHANGES);
    assertThat(text).startsWith("Zone example.com:").contains("No changes.")
        .contains("= adopt   app.example.com A (TXT owner default)")
        .contains("= adopt   api.example.com A (TXT owner default)")
        .contains("= adopt   web.example.com CNAME (TXT owner default)")
        .doesNotContain("legacy.example.com");
  }

  @Test
  void aRemovedObjectDeletesItsRecordAndTxtAndIsACiFailure() throws Exception {
    Files.delete(cluster.resolve("app.yaml"));
    int exit = run("--manifests", cluster.toString(), "--zone-file", zone.toString(), "--txt-prefix", "p-",
        "--txt-encrypt-aes-key", KEY, "--output", "json");
    assertThat(exit).isEqualTo(PlanMain.CHANGES);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"dnsName\" : \"app.example.com\"")
        .contains("\"dnsName\" : \"p-a-app.example.com\"");
  }

  @Test
  void anotherOwnerIdAdoptsNothingAndChangesNothingItDoesNotOwn() {
    int exit = run("--manifests", cluster.toString(), "--zone-file", zone.toString(), "--txt-prefix", "p-",
        "--txt-encrypt-aes-key", KEY, "--txt-owner-id", "someone-new");
    assertThat(exit).isEqualTo(PlanMain.NO_CHANGES);
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("= adopt").contains("! conflict app.example.com A");
  }

  @Test
  void theWatchersSourceFlagsChooseWhatTheManifestsWant() {
    // Objects the watcher would not take want nothing: their records would go.
    for (String[] flags : List.of(new String[] {"--label-filter", "team=payments"},
        new String[] {"--ingress-class", "nginx"}, new String[] {"--target-net-filter", "10.0.0.0/8"})) {
      out.reset();
      int exit = run("--manifests", cluster.toString(), "--zone-file", zone.toString(), "--txt-prefix", "p-",
          "--txt-encrypt-aes-key", KEY, flags[0], flags[1], "--output", "json");
      assertThat(exit).as(String.join(" ", flags)).isEqualTo(PlanMain.CHANGES);
      assertThat(out.toString(StandardCharsets.UTF_8)).as(String.join(" ", flags)).contains("\"delete\"")
          .contains("\"dnsName\" : \"app.example.com\"");
    }
    // A name from --fqdn-template, for Ingresses whose rules are ignored.
    out.reset();
    int exit = run("--manifests", cluster.toString(), "--zone-file", zone.toString(), "--txt-prefix", "p-",
        "--txt-encrypt-aes-key", KEY, "--ignore-ingress-rules-spec", "--fqdn-template", "{{.Name}}.apps.example.com");
    assertThat(exit).isEqualTo(PlanMain.CHANGES);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("+ create  app.apps.example.com");
    err.reset();
    assertThat(run("--manifests", cluster.toString(), "--zone-file", zone.toString(), "--fqdn-template", "{{.Spec.Rules}}"))
        .isEqualTo(PlanMain.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--fqdn-template: {{.Spec.Rules}} is not something");
  }

  @Test
  void nodesAreTakenWhenTheirSourceIsGiven() throws Exception {
    Files.writeString(cluster.resolve("node.yaml"), """
        apiVersion: v1
        kind: Node
        metadata: {name: node-a}
        status:
          addresses:
          - {type: ExternalIP, address: 203.0.113.7}
        """);
    assertThat(run("--manifests", cluster.toString(), "--zone-file", zone.toString(), "--txt-prefix", "p-",
        "--txt-encrypt-aes-key", KEY)).as("no --source node").isEqualTo(PlanMain.NO_CHANGES);
    out.reset();
    int exit = run("--manifests", cluster.toString(), "--zone-file", zone.toString(), "--txt-prefix", "p-",
        "--txt-encrypt-aes-key", KEY, "--source", "ingress,node", "--fqdn-template", "{{.Name}}.nodes.example.com");
    assertThat(exit).isEqualTo(PlanMain.CHANGES);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("+ create  node-a.nodes.example.com A 203.0.113.7")
        .doesNotContain("delete");
  }

  @Test
  void istioGatewaysAndVirtualServicesAreToldApartFromGatewayApisGateways() throws Exception {
    Files.writeString(cluster.resolve("istio.yaml"), """
        apiVersion: v1
        kind: Service
        metadata: {name: istio-ingressgateway, namespace: istio-system}
        spec:
          type: LoadBalancer
          selector: {istio: ingressgateway}
        status:
          loadBalancer:
            ingress: [{ip: 198.51.100.40}]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public, namespace: istio-system}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - hosts: ["*/mesh.example.com", "*/*.shop.example.com"]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: cart, namespace: web}
        spec:
          hosts: [cart.shop.example.com]
          gateways: [istio-system/public]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: envoy, namespace: default}
        spec:
          gatewayClassName: envoy
          listeners: [{name: http, port: 80, protocol: HTTP, hostname: gw.example.com}]
        """);
    int exit = run("--manifests", cluster.toString(), "--zone-file", zone.toString(), "--txt-prefix", "p-",
        "--txt-encrypt-aes-key", KEY);
    assertThat(exit).isEqualTo(PlanMain.CHANGES);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("+ create  mesh.example.com A 198.51.100.40")
        .contains("+ create  cart.shop.example.com A 198.51.100.40").doesNotContain("gw.example.com")
        .doesNotContain("delete");
  }

  @Test
  void anAnnotationPrefixIsReadOnTheObjectAndOnTheGatewayItsTargetsComeFrom() throws Exception {
    Files.writeString(cluster.resolve("istio.yaml"), """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata:
          name: public
          namespace: istio-system
          annotations: {custom.io/target: lb.example.net, external-dns.kubernetes.io/target: 192.0.2.99}
        spec:
          servers:
          - hosts: ["*/*"]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: cart
          namespace: web
          annotations: {custom.io/hostname: cart.example.com}
        spec:
          gateways: [istio-system/public]
        """);
    int exit = run("--manifests", cluster.toString(), "--zone-file", zone.toString(), "--txt-prefix", "p-",
        "--txt-encrypt-aes-key", KEY, "--annotation-prefix", "custom.io/", "--output", "json");
    assertThat(exit).isEqualTo(PlanMain.CHANGES);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"dnsName\" : \"cart.example.com\"")
        .contains("lb.example.net").doesNotContain("192.0.2.99");
    err.reset();
    assertThat(run("--manifests", cluster.toString(), "--zone-file", zone.toString(), "--annotation-prefix", "custom.io"))
        .isEqualTo(PlanMain.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--annotation-prefix must end with '/'");
  }

  @Test
  void badInputNamesTheFile() throws Exception {
    Files.writeString(cluster.resolve("broken.yaml"), "kind: [unclosed");
    assertThat(run("--manifests", cluster.toString(), "--zone-file", zone.toString())).isEqualTo(PlanMain.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken.yaml: not a Kubernetes manifest");
    err.reset();
    Files.delete(cluster.resolve("broken.yaml"));
    Path badZone = dir.resolve("bad.zone");
    Files.writeString(badZone, "example.com. 300 IN A not-an-address\n");
    assertThat(run("--manifests", cluster.toString(), "--zone-file", badZone.toString())).isEqualTo(PlanMain.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.zone");
    err.reset();
    assertThat(run("--manifests", cluster.toString(), "--zone-file", zone.toString(), "--zone", "example.org"))
        .isEqualTo(PlanMain.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds zone example.com, not --zone example.org");
    err.reset();
    assertThat(run("--manifests", cluster.toString())).isEqualTo(PlanMain.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--manifests needs the zone: --zone-file FILE, --route53-records FILE or --provider NAME");
  }
}
