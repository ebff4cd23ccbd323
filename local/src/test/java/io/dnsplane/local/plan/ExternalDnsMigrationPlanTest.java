package io.dnsplane.local.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * A Route53 zone as ExternalDNS v0.21 and v0.22 left it (src/test/resources/migration: an alias
 * owned through the cname- TXT v0.21 wrote or the a- TXT v0.22 writes, the seed's --txt-prefix,
 * an encrypted value, an SRV and an A from a DNSEndpoint, a weighted record set; beside them a
 * record nobody owns and one another owner id owns), planned by {@code dnsplane plan} from the
 * cluster's manifests and the zone as {@code aws route53 list-resource-record-sets} prints it: no
 * change, every record of the owner adopted, the others left alone. ExternalDnsMigrationIT runs the
 * same zone through the pipeline.
 */
class ExternalDnsMigrationPlanTest {
  static final Path MIGRATION = Path.of("src", "test", "resources", "migration").toAbsolutePath();
  static final String KEY = "migration-test-key-0123456789abc";

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    PlanMain main = new PlanMain();
    main.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    main.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    return new CommandLine(main).execute(args);
  }

  static Path route53Records(String version) {
    return MIGRATION.resolve("zones-external-dns-" + version).resolve("example.com.route53.json");
  }

  @ParameterizedTest(name = "ExternalDNS {0}")
  @ValueSource(strings = {"v0.21", "v0.22"})
  void aZoneExternalDnsManagedPlansNoChangeAndAdoptsEveryRecordItOwns(String version) {
    int exit = run("--manifests", MIGRATION.resolve("clusters/prod").toString(), "--route53-records",
        route53Records(version).toString(), "--txt-owner-id", "prod", "--txt-prefix", "_external-dns.",
        "--txt-encrypt-aes-key", KEY, "--managed-record-types", "A,AAAA,CNAME,SRV");
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(text + err).isEqualTo(PlanMain.NO_CHANGES);
    assertThat(text).startsWith("Zone example.com:").contains("No changes.")
        .contains("= adopt   app.example.com A (TXT owner prod)")
        .contains("= adopt   app.example.com AAAA (TXT owner prod)")
        .contains("= adopt   api.example.com CNAME [eu] (TXT owner prod)")
        .contains("= adopt   web.example.com A (TXT owner prod)")
        .contains("= adopt   _postgres._tcp.db.example.com SRV (TXT owner prod)")
        .contains("= adopt   db-0.example.com A (TXT owner prod)")
        .doesNotContain("legacy.example.com").doesNotContain("other.example.com").doesNotContain("conflict");
    assertThat(text.lines().filter(l -> l.startsWith("= adopt"))).hasSize(6);
  }

  @Test
  void withoutTheKeyTheEncryptedRecordIsNotOursAndNothingElseChanges() {
    int exit = run("--manifests", MIGRATION.resolve("clusters/prod").toString(), "--route53-records",
        route53Records("v0.22").toString(), "--txt-owner-id", "prod", "--txt-prefix", "_external-dns.",
        "--managed-record-types", "A,AAAA,CNAME,SRV");
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(text + err).isEqualTo(PlanMain.NO_CHANGES);
    assertThat(text).contains("! conflict web.example.com A").doesNotContain("= adopt   web.example.com");
  }

  @Test
  void aListingThatIsNotRoute53sNamesTheFile() throws Exception {
    Path bad = Files.writeString(dir.resolve("records.json"), "{\"Records\": []}");
    assertThat(run("--manifests", MIGRATION.resolve("clusters/prod").toString(), "--route53-records", bad.toString()))
        .isEqualTo(PlanMain.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("records.json: wants {\"ResourceRecordSets\": [...]}");
    err.reset();
    Path noSoa = Files.writeString(dir.resolve("no-soa.json"), "{\"ResourceRecordSets\": []}");
    assertThat(run("--manifests", MIGRATION.resolve("clusters/prod").toString(), "--route53-records", noSoa.toString()))
        .isEqualTo(PlanMain.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no-soa.json: has no SOA record set to name the zone; give --zone");
  }
}
