package io.dnsplane.local.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dnsplane.planner.preview.EndpointJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `dnsplane plan` from endpoints, through the command itself: output, exit codes, errors. */
class PlanMainTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String desired, String current, String... flags) throws Exception {
    Path d = dir.resolve("desired.json");
    Path c = dir.resolve("current.json");
    Files.writeString(d, desired);
    Files.writeString(c, current);
    PlanMain main = new PlanMain();
    main.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    main.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    String[] args = new String[flags.length + 4];
    args[0] = "--desired";
    args[1] = d.toString();
    args[2] = "--current";
    args[3] = c.toString();
    System.arraycopy(flags, 0, args, 4, flags.length);
    return new CommandLine(main).execute(args);
  }

  private JsonNode json() throws Exception {
    return EndpointJson.JSON.readTree(out.toString(StandardCharsets.UTF_8));
  }

  private static final String APP_A = """
      [{"dnsName": "app.example.com", "targets": ["192.0.2.10"], "recordType": "A",
        "labels": {"resource": "ingress/default/app"}}]""";

  @Test
  void nothingToChangeExitsZero() throws Exception {
    String current = """
        [{"dnsName": "app.example.com", "targets": ["192.0.2.10"], "recordType": "A", "recordTTL": 300,
          "labels": {"owner": "default", "resource": "ingress/default/app"}}]""";
    assertThat(run(APP_A, current)).isEqualTo(PlanMain.NO_CHANGES);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("No changes.").contains("= adopt   app.example.com A (TXT owner default)");
  }

  @Test
  void aCreateExitsTwoAndCanCarryItsOwnershipRecord() throws Exception {
    assertThat(run(APP_A, "[]", "--output", "json", "--with-ownership-records")).isEqualTo(PlanMain.CHANGES);
    JsonNode plan = json();
    assertThat(plan.get("create")).hasSize(2);
    assertThat(plan.get("create").get(1).get("dnsName").asText()).isEqualTo("a-app.example.com");
    assertThat(plan.get("create").get(1).get("targets").get(0).asText())
        .isEqualTo("\"heritage=external-dns,external-dns/owner=default,external-dns/resource=ingress/default/app\"");
    assertThat(plan.get("updateOld")).isEmpty();
  }

  @Test
  void anEmptyOwnerIdMeansNoOwnerFilteringAsInExternalDns() throws Exception {
    String current = """
        [{"dnsName": "old.example.com", "targets": ["192.0.2.99"], "recordType": "A"}]""";
    assertThat(run("[]", current, "--output", "json")).isEqualTo(PlanMain.NO_CHANGES);
    assertThat(run("[]", current, "--output", "json", "--txt-owner-id", "")).isEqualTo(PlanMain.CHANGES);
    JsonNode plan = EndpointJson.JSON.readTree(out.toString(StandardCharsets.UTF_8).substring(
        out.toString(StandardCharsets.UTF_8).lastIndexOf("{\n  \"create\"")));
    assertThat(plan.get("delete").get(0).get("dnsName").asText()).isEqualTo("old.example.com");
  }

  @Test
  void TestRecordOwnerIdMigration() throws Exception {
    String current = """
        [{"dnsName": "app.example.com", "targets": ["192.0.2.10"], "recordType": "A",
          "labels": {"owner": "old-owner", "resource": "ingress/default/app"}}]""";
    assertThat(run(APP_A, current, "--output", "json", "--txt-owner-id", "new-owner",
        "--migrate-from-txt-owner", "old-owner")).isEqualTo(PlanMain.CHANGES);
    JsonNode plan = json();
    assertThat(plan.get("updateNew").get(0).get("labels").get("owner").asText()).isEqualTo("new-owner");
    assertThat(plan.get("updateOld").get(0).get("labels").get("owner").asText()).isEqualTo("old-owner");
  }

  @Test
  void theMigrationTakesExternalDnsBareFormAndOldEqualsNewForTheOwnerPlanned() throws Exception {
    String current = """
        [{"dnsName": "app.example.com", "targets": ["192.0.2.10"], "recordType": "A",
          "labels": {"owner": "old-owner", "resource": "ingress/default/app"}}]""";
    assertThat(run(APP_A, current, "--output", "json", "--txt-owner-id", "new-owner",
        "--migrate-from-txt-owner", "old-owner=new-owner")).isEqualTo(PlanMain.CHANGES);
    assertThat(json().get("updateNew").get(0).get("labels").get("owner").asText()).isEqualTo("new-owner");
    out.reset();
    assertThat(run(APP_A, current, "--txt-owner-id", "new-owner", "--migrate-from-txt-owner", "old-owner=someone-else"))
        .isEqualTo(PlanMain.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("give old-owner or old-owner=new-owner");
  }

  @Test
  void theOwnershipRecordOfAWildcardHonoursTxtWildcardReplacement() throws Exception {
    String wildcard = """
        [{"dnsName": "*.example.com", "targets": ["192.0.2.10"], "recordType": "A",
          "labels": {"resource": "ingress/default/any"}}]""";
    assertThat(run(wildcard, "[]", "--output", "json", "--with-ownership-records", "--txt-wildcard-replacement", "wildcard"))
        .isEqualTo(PlanMain.CHANGES);
    assertThat(json().get("create").get(1).get("dnsName").asText()).isEqualTo("a-wildcard.example.com");
  }

  @Test
  void anotherOwnersRecordIsLeftAloneAndReported() throws Exception {
    String current = """
        [{"dnsName": "app.example.com", "targets": ["203.0.113.5"], "recordType": "A",
          "labels": {"owner": "someone-else"}}]""";
    assertThat(run(APP_A, current)).isEqualTo(PlanMain.NO_CHANGES);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("! conflict app.example.com A: app.example.com A is owned by someone-else");
  }

  @Test
  void badInputNamesTheFileAndPlace() throws Exception {
    assertThat(run("[{\"dnsName\": \"a.example.com\",, }]", "[]")).isEqualTo(PlanMain.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("desired.json:1:").contains("not JSON");
    err.reset();
    assertThat(run("[{\"targets\": [\"192.0.2.1\"], \"recordType\": \"A\"}]", "[]")).isEqualTo(PlanMain.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("desired.json: endpoint [0]: 'dnsName' is required");
    err.reset();
    assertThat(run(APP_A, "[]", "--policy", "upsert")).isEqualTo(PlanMain.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--policy must be one of");
  }
}
