package io.dnsplane.local.bench;

import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.avro.Cause;
import io.dnsplane.avro.PlanRule;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.local.EmbeddedKafka;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.audit.HistoryMain;
import io.dnsplane.planner.audit.StateMain;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.TopicAdmin;
import io.dnsplane.schema.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark, not a test (its name keeps it out of the test runs): {@code history} and
 * {@code state --at} over an audit log of 100,000 results (1,000 names, 100 changes each, over 30
 * days) on the embedded broker, each command timed as a whole process by farm-bench (start-up,
 * reading the topic and answering). Run:
 *
 * <pre>mvn -B -pl local verify -Dit.test=AuditQueryBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * The report goes to local/target/benchmarks/audit-queries.md and to the console.
 */
class AuditQueryBenchmark {
  private static final int NAMES = 1_000;
  private static final int CHANGES_PER_NAME = 100;
  private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration SPAN = Duration.ofDays(30);

  @TempDir
  Path dir;

  @Test
  void historyAndStateOverOneHundredThousandResults() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      Topics topics = Topics.singleObjectEncoding();
      TopicAdmin.ensureTopics(kafka.connection(), topics.all(List.of("aws")), 3, (short) 1);
      long written = System.nanoTime();
      write(kafka, topics.applyResults());
      double writeSeconds = (System.nanoTime() - written) / 1e9;

      String bootstrap = "--kafka-bootstrap-servers=" + kafka.bootstrapServers();
      Instant middle = START.plus(SPAN.dividedBy(2));
      // What is timed answers right: 100 changes to one name, 1,000 names at a time.
      check(json(new HistoryMain(), "name-500.example.com", "--output", "json", bootstrap), CHANGES_PER_NAME);
      check(json(new StateMain(), "example.com", "--at", middle.toString(), "--output", "json", bootstrap), 2 * NAMES);
      List<String> rows = new ArrayList<>();
      rows.add(time("history name-500.example.com (100 changes)", HistoryMain.class, "name-500.example.com", bootstrap));
      rows.add(time("history --object (100 changes)", HistoryMain.class, "--object",
          "cluster-a/ingress/default/app-500", bootstrap));
      rows.add(time("state example.com --at (1,000 names)", StateMain.class, "example.com", "--at", middle.toString(),
          bootstrap));
      rows.add(time("state --diff over 15 days", StateMain.class, "example.com", "--at", middle.toString(), "--diff",
          START.plus(SPAN).toString(), bootstrap));

      StringBuilder md = new StringBuilder("# Audit queries over 100,000 results\n\n");
      md.append(String.format("%,d results (%,d names x %d changes over %d days) written in %.1f s; each command run"
          + " as its own JVM, timed by farm-bench (5 runs after 1 warm-up; wall seconds min / median / max).%n%n",
          NAMES * CHANGES_PER_NAME, NAMES, CHANGES_PER_NAME, SPAN.toDays(), writeSeconds));
      md.append("| query | farm-bench |\n|---|---|\n");
      rows.forEach(r -> md.append(r).append('\n'));
      Path out = Path.of("target", "benchmarks", "audit-queries.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, md.toString());
      System.out.println(md);
    }
  }

  private static void write(EmbeddedKafka kafka, Topic<ZoneRef, ApplyResult> topic) {
    Properties props = kafka.connection().clientProperties();
    props.put("linger.ms", "20");
    props.put("batch.size", Integer.toString(512 * 1024));
    long step = SPAN.toMillis() / ((long) NAMES * CHANGES_PER_NAME);
    try (KafkaProducer<ZoneRef, ApplyResult> producer = new KafkaProducer<>(props, topic.keySerde().serializer(),
        topic.valueSerde().serializer())) {
      int n = 0;
      for (int change = 0; change < CHANGES_PER_NAME; change++) {
        for (int name = 0; name < NAMES; name++) {
          Instant at = START.plusMillis(step * n++);
          producer.send(new ProducerRecord<>(topic.name(), new ZoneRef("aws", "Z1"), result(name, change, at)));
        }
      }
      producer.flush();
    }
  }

  private static ApplyResult result(int name, int change, Instant at) {
    String host = "name-" + name + ".example.com";
    SourceRef source = new SourceRef("cluster-a", "ingress", "default", "app-" + name);
    List<io.dnsplane.avro.Endpoint> before = change == 0 ? List.of()
        : List.of(AvroEndpoints.toAvro(Endpoint.of(host, "A", 300, ip(name, change - 1))));
    List<io.dnsplane.avro.Endpoint> after = List.of(AvroEndpoints.toAvro(Endpoint.of(host, "A", 300, ip(name, change))),
        AvroEndpoints.toAvro(Endpoint.of("a-" + host, "TXT", 300,
            "\"heritage=external-dns,external-dns/owner=cluster-a,external-dns/resource=ingress/default/app-" + name + "\"")));
    return ApplyResult.newBuilder().setBatchId("b-" + name + "-" + change).setProvider("aws").setZoneId("Z1")
        .setZoneName("example.com").setStatus(ApplyStatus.APPLIED).setReason("").setProviderChangeId("C" + change)
        .setBefore(new ArrayList<>(before)).setAfter(new ArrayList<>(after)).setFailures(List.of())
        .setCauses(List.of(source)).setRule(change == 0 ? PlanRule.CREATE : PlanRule.UPDATE)
        .setLineage(List.of(Cause.newBuilder().setSource(source).setOwnerId("cluster-a")
            .setResourceVersion(Integer.toString(change + 1)).build()))
        .setPlannedAt(at).setAppliedAt(at).setObservedAt(at).build();
  }

  private static String ip(int name, int change) {
    return "10." + (name / 250) + "." + (name % 250) + "." + (change % 250 + 1);
  }

  private static String json(Object command, String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    int exit = io.dnsplane.runtime.Cli.commandLine(command, java.util.Map.of()).setOut(new java.io.PrintWriter(out, true))
        .execute(args);
    if (exit != 0) {
      throw new IllegalStateException(command.getClass().getSimpleName() + " exited " + exit);
    }
    return out.toString();
  }

  private static void check(String output, int lines) {
    long count = output.lines().filter(l -> !l.isBlank()).count();
    if (count != lines) {
      throw new IllegalStateException("expected " + lines + " lines, got " + count);
    }
  }

  /** farm-bench's figures for one command, as a table row. */
  private static String time(String what, Class<?> main, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("farm-bench", "-n", "5", "--timeout", "600", "--",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        main.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    String wall = out.lines().filter(l -> l.contains("wall")).findFirst().orElse(out.replace('\n', ' '));
    return "| " + what + " | " + wall.trim().replace("|", "/") + " |";
  }
}
