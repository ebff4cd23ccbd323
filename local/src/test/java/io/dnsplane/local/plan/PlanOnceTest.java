package io.dnsplane.local.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.fakes.route53.Route53Fake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dnsplane plan --provider aws [--once]}: the manifests planned against the zone as the
 * real Route53 provider lists it from the local Route53, and with --once applied and exit, as
 * ExternalDNS's --once does for a CI job.
 */
class PlanOnceTest {
  @TempDir
  Path dir;

  private Route53Fake route53;
  private String com;
  private String org;
  private Path cluster;
  private ByteArrayOutputStream out;
  private ByteArrayOutputStream err;

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "AKIAPLANONCE");
    System.setProperty("aws.secretAccessKey", "local");
    System.setProperty("aws.disableEc2Metadata", "true");
  }

  @BeforeEach
  void zones() throws Exception {
    route53 = Route53Fake.start();
    com = route53.addZone("example.com", false, Map.of());
    org = route53.addZone("example.org", false, Map.of());
    route53.putRecord(com, "legacy.example.com", "A", 300, "198.51.100.1"); // nobody's: never touched
    cluster = Files.createDirectories(dir.resolve("prod"));
    Files.writeString(cluster.resolve("app.yaml"), ingress("app", "app.example.com", "192.0.2.10"));
  }

  @AfterEach
  void stop() {
    route53.close();
  }

  private static String ingress(String name, String host, String ip) {
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
            - ip: %s
        """.formatted(name, host, ip);
  }

  private int run(String... more) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("--manifests", cluster.toString(), "--txt-owner-id", "ci",
        "--provider", "aws", "--aws-endpoint-url=" + route53.endpoint()));
    args.addAll(List.of(more));
    PlanMain main = new PlanMain();
    main.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    main.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    return new CommandLine(main).execute(args.toArray(String[]::new));
  }

  private String text() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withoutOnceThePlanAgainstTheLiveZoneIsOnlyShown() {
    int exit = run("--zone", "example.com");

    assertThat(exit).as(text()).isEqualTo(PlanMain.CHANGES);
    assertThat(text()).contains("Zone example.com:", "+ create  app.example.com", "+ create  a-app.example.com")
        .doesNotContain("Applied");
    assertThat(route53.values(com, "app.example.com", "A")).isEmpty();
  }

  @Test
  void onceAppliesThePlanWithItsOwnershipRecordsAndARerunChangesNothing() throws Exception {
    assertThat(run("--once")).as(text()).isEqualTo(PlanMain.NO_CHANGES);
    assertThat(text()).contains("Zone example.com:", "Applied 2 changes to example.com in 1 call.",
        "Zone example.org:", "No changes.");
    assertThat(route53.values(com, "app.example.com", "A")).containsExactly("192.0.2.10");
    assertThat(route53.values(com, "a-app.example.com", "TXT")).singleElement().asString()
        .contains("heritage=external-dns", "external-dns/owner=ci", "external-dns/resource=ingress/default/app");

    assertThat(run("--once")).as(text()).isEqualTo(PlanMain.NO_CHANGES);
    assertThat(text()).contains("= adopt   app.example.com A (TXT owner ci)").doesNotContain("Applied");
    assertThat(route53.timesApplied("CREATE", "app.example.com", "A")).isEqualTo(1);

    Files.delete(cluster.resolve("app.yaml"));
    assertThat(run("--once")).as(text()).isEqualTo(PlanMain.NO_CHANGES);
    assertThat(text()).contains("- delete  app.example.com", "Applied 2 changes to example.com in 1 call.");
    assertThat(route53.values(com, "app.example.com", "A")).isEmpty();
    assertThat(route53.values(com, "a-app.example.com", "TXT")).isEmpty();
    assertThat(route53.values(com, "legacy.example.com", "A")).containsExactly("198.51.100.1");
  }

  @Test
  void eachNameGoesToItsZoneAndTheDomainFilterScopesTheProvidersZonesToo() throws Exception {
    Files.writeString(cluster.resolve("shop.yaml"), ingress("shop", "shop.example.org", "192.0.2.20"));

    assertThat(run("--once", "--domain-filter", "example.org")).as(text()).isEqualTo(PlanMain.NO_CHANGES);
    assertThat(text()).contains("Zone example.org:").doesNotContain("Zone example.com:");
    assertThat(route53.values(org, "shop.example.org", "A")).containsExactly("192.0.2.20");
    assertThat(route53.values(com, "app.example.com", "A")).isEmpty();
  }

  @Test
  void aNameTheProviderRefusesIsReportedWithExitThreeAndTheOthersAreApplied() throws Exception {
    Files.writeString(cluster.resolve("bad.yaml"), ingress("bad", "bad.example.com", "192.0.2.66"));
    route53.refuseChangesOf("bad.example.com", "RRSet of type A with DNS name bad.example.com. is not permitted");

    int exit = run("--once", "--zone", "example.com", "--output", "json");

    assertThat(exit).as(text()).isEqualTo(PlanMain.PARTLY_APPLIED);
    assertThat(text()).contains("\"example.com\"", "\"applied\"", "\"changes\" : 2", "\"notApplied\"",
        "bad.example.com", "is not permitted");
    assertThat(route53.values(com, "app.example.com", "A")).containsExactly("192.0.2.10");
    assertThat(route53.values(com, "bad.example.com", "A")).isEmpty();
  }

  @Test
  void throttlingIsRetriedAsTheApplierRetriesIt() {
    route53.throttleNext(3); // the zone listings are retried by the SDK, the change by the applier core

    assertThat(run("--once", "--zone", "example.com")).as(text()).isEqualTo(PlanMain.NO_CHANGES);
    assertThat(route53.values(com, "app.example.com", "A")).containsExactly("192.0.2.10");
  }

  @Test
  void theDeleteBreakerHoldsAMassDeleteUnlessTurnedOff() throws Exception {
    for (int i = 0; i < 10; i++) {
      Files.writeString(cluster.resolve("n" + i + ".yaml"), ingress("n" + i, "n" + i + ".example.com", "192.0.2." + (30 + i)));
    }
    assertThat(run("--once", "--zone", "example.com")).as(text()).isEqualTo(PlanMain.NO_CHANGES);
    for (int i = 0; i < 10; i++) {
      Files.delete(cluster.resolve("n" + i + ".yaml"));
    }

    assertThat(run("--once", "--zone", "example.com")).as(text()).isEqualTo(PlanMain.PARTLY_APPLIED);
    assertThat(text()).contains("! held  n0.example.com", "10 of 11 owned records",
        "give --max-delete-fraction 1 to let them go");
    assertThat(route53.values(com, "n0.example.com", "A")).containsExactly("192.0.2.30");

    assertThat(run("--once", "--zone", "example.com", "--max-delete-fraction", "1")).as(text())
        .isEqualTo(PlanMain.NO_CHANGES);
    assertThat(route53.values(com, "n0.example.com", "A")).isEmpty();
    assertThat(route53.values(com, "app.example.com", "A")).containsExactly("192.0.2.10");
  }

  @Test
  void badInputIsRefusedClearlyBeforeAnythingIsApplied() throws Exception {
    assertThat(run("--zone", "example.net")).isEqualTo(PlanMain.ERROR);
    assertThat(text()).contains("provider aws has no zone example.net", "[example.com, example.org]");

    assertThat(run("--once", "--aws-zone-type", "neither")).isEqualTo(PlanMain.ERROR);
    assertThat(text()).contains("dnsplane plan:", "neither");

    assertThat(run("--once", "--max-delete-fraction", "0")).isEqualTo(PlanMain.ERROR);
    assertThat(text()).contains("--max-delete-fraction must be in (0, 1]");

    Path zoneFile = Files.writeString(dir.resolve("z.zone"), "example.com. 300 IN SOA a. b. 1 1 1 1 1\n");
    assertThat(run("--zone-file", zoneFile.toString())).isEqualTo(PlanMain.ERROR);
    assertThat(text()).contains("drop --zone-file");
    assertThat(route53.values(com, "app.example.com", "A")).isEmpty();
  }

  @Test
  void onceNeedsAProviderAndAProviderNeedsManifests() {
    PlanMain main = new PlanMain();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    main.err = new PrintStream(errors, true, StandardCharsets.UTF_8);
    CommandLine cli = new CommandLine(main);
    assertThat(cli.execute("--manifests", cluster.toString(), "--once")).isEqualTo(PlanMain.ERROR);
    assertThat(cli.execute("--desired", "d.json", "--current", "c.json", "--provider", "aws")).isEqualTo(PlanMain.ERROR);
    assertThat(cli.execute("--manifests", cluster.toString(), "--zone-file", "z", "--no-such-flag")).isEqualTo(PlanMain.ERROR);
    assertThat(errors.toString(StandardCharsets.UTF_8))
        .contains("--once applies the plan through a provider: give --provider NAME")
        .contains("--provider plans from manifests")
        .contains("unknown option: --no-such-flag");
  }
}
