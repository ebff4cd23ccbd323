package io.dnsplane.local.bench;

import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.aws.Route53ProviderFactory;
import io.dnsplane.applier.core.AccountRateBudget;
import io.dnsplane.applier.core.Applier;
import io.dnsplane.applier.core.ApplierConfig;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.fakes.route53.Route53Fake;
import io.dnsplane.local.EmbeddedKafka;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.TopicAdmin;
import io.dnsplane.schema.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark, not a test (its name keeps it out of the test runs): counts the Route53 API calls
 * the applier makes for 10,000 records created, one simulated hour of steady state, and 100
 * changes, against the local Route53, and sets them beside what ExternalDNS's loop makes for the
 * same work (its algorithm as in shared/REFERENCE.md: every --interval, default 1 minute, list
 * the hosted zones and every record set, 300 per page, then submit the changes in batches within
 * Route53's limits). Run:
 *
 * <pre>mvn -B -pl local verify -Dit.test=ApiCallBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * The report goes to local/target/benchmarks/api-calls.md and to the console.
 */
class ApiCallBenchmark {
  private static final int RECORDS = 10_000;
  private static final int CHANGES = 100;
  private static final Duration HOUR = Duration.ofHours(1);

  @TempDir
  Path dir;

  /** A clock the benchmark moves forward, so an hour of steady state takes seconds. */
  static final class SteppedClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  record Phase(String name, Map<String, Integer> calls, long millis, int externalDns, String externalDnsWork) {
    int total() {
      return calls.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  @Test
  void countApiCalls() throws Exception {
    System.setProperty("aws.accessKeyId", "AKIABENCH");
    System.setProperty("aws.secretAccessKey", "bench");
    System.setProperty("aws.disableEc2Metadata", "true");
    Topics topics = Topics.singleObjectEncoding();
    List<Phase> phases = new ArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        Route53Fake route53 = Route53Fake.start()) {
      TopicAdmin.ensureTopics(kafka.connection(), topics.all(List.of("aws")), 3, (short) 1);
      String zoneId = route53.addZone("bench.example", false, Map.of());
      SteppedClock clock = new SteppedClock();
      DnsProvider provider = new Route53ProviderFactory().create(new String[] {"--aws-endpoint-url=" + route53.endpoint()},
          AccountRateBudget.of(0));
      Topic<ZoneRef, ChangeBatch> changes = topics.changes("aws");
      try (Applier applier = Applier.start(provider, AccountRateBudget.of(0),
              ApplierConfig.defaults(kafka.bootstrapServers(), "aws").withDriftInterval(HOUR), topics, clock);
          KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
        await().atMost(Duration.ofSeconds(60)).until(() -> route53.calls("ListResourceRecordSets") >= 1);

        // 1. 10,000 names created (each an A record and its TXT ownership record).
        route53.resetCalls();
        long start = System.nanoTime();
        send(producer, changes, zoneId, RECORDS, i -> new Changes.Builder().create(a(i, "192.0.2." + (i % 250)))
            .create(txt(i)).build());
        await().atMost(Duration.ofMinutes(5)).until(() -> route53.recordSetCount(zoneId) == 2 + 2 * RECORDS);
        int recordSets = route53.recordSetCount(zoneId);
        int listPages = (recordSets + 299) / 300;
        int createBatches = route53Batches(RECORDS, 2, 11 + txtValue(0).length());
        phases.add(new Phase("create 10,000 names", route53.calls(), millis(start), 2 + createBatches,
            "1 sync: ListHostedZones + 1 page of an empty zone + " + createBatches + " ChangeResourceRecordSets"));

        // 2. One hour without changes: the clock moves a minute at a time.
        route53.resetCalls();
        start = System.nanoTime();
        for (int minute = 0; minute < 60; minute++) {
          clock.advance(Duration.ofMinutes(1));
          Thread.sleep(250);
        }
        awaitQuiet(route53);
        phases.add(new Phase("1 hour, no changes", route53.calls(), millis(start), 60 * (1 + listPages),
            "60 syncs x (ListHostedZones + " + listPages + " pages)"));

        // 3. 100 changes arriving together.
        route53.resetCalls();
        start = System.nanoTime();
        send(producer, changes, zoneId, CHANGES, i -> new Changes.Builder()
            .update(a(i, "192.0.2." + (i % 250)), a(i, "198.51.100." + (i % 250))).build());
        await().atMost(Duration.ofMinutes(2)).until(() -> route53.values(zoneId, "host" + (CHANGES - 1) + ".bench.example", "A")
            .equals(List.of("198.51.100." + ((CHANGES - 1) % 250))));
        phases.add(new Phase("100 changes at once", route53.calls(), millis(start), 1 + listPages + 1,
            "1 sync: ListHostedZones + " + listPages + " pages + 1 ChangeResourceRecordSets"));

        // 4. 100 changes one after the other (each waits for the previous one to be applied).
        route53.resetCalls();
        start = System.nanoTime();
        for (int n = 0; n < CHANGES; n++) {
          int i = CHANGES + n;
          send(producer, changes, zoneId, 1, x -> new Changes.Builder()
              .update(a(i, "192.0.2." + (i % 250)), a(i, "203.0.113." + (i % 250))).build());
          await().atMost(Duration.ofSeconds(30)).until(() -> route53.values(zoneId, "host" + i + ".bench.example", "A")
              .equals(List.of("203.0.113." + (i % 250))));
        }
        phases.add(new Phase("100 changes one by one", route53.calls(), millis(start), CHANGES * (1 + listPages + 1),
            "at best one change per sync: 100 x (ListHostedZones + " + listPages + " pages + 1 change)"));
      }
    }
    report(phases);
  }

  /** Until the fake has seen no request for a second: the drift check's listing is over. */
  private static void awaitQuiet(Route53Fake route53) throws InterruptedException {
    int seen = -1;
    while (true) {
      Thread.sleep(1000);
      int now = route53.calls().values().stream().mapToInt(Integer::intValue).sum();
      if (now == seen) {
        return;
      }
      seen = now;
    }
  }

  /** ChangeResourceRecordSets calls for n names of k CREATEs each, packed within 1000 changes and 32,000 characters. */
  private static int route53Batches(int names, int changesPerName, int charsPerName) {
    int perCall = Math.min(1000 / changesPerName, 32_000 / charsPerName);
    return (names + perCall - 1) / perCall;
  }

  private static Endpoint a(int i, String ip) {
    return new Endpoint("host" + i + ".bench.example", "A", List.of(ip), 300, "", Map.of(), Map.of());
  }

  private static String txtValue(int i) {
    return "\"heritage=external-dns,external-dns/owner=bench,external-dns/resource=ingress/default/host" + i + "\"";
  }

  private static Endpoint txt(int i) {
    return new Endpoint("a-host" + i + ".bench.example", "TXT", List.of(txtValue(i)), 300, "", Map.of(), Map.of());
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, Topic<ZoneRef, ChangeBatch> topic, String zoneId,
      int count, IntFunction<Changes> changes) {
    ZoneRef key = new ZoneRef("aws", zoneId);
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    for (int i = 0; i < count; i++) {
      Changes c = changes.apply(i);
      ChangeBatch batch = ChangeBatch.newBuilder().setBatchId(UUID.randomUUID().toString()).setProvider("aws")
          .setZoneId(zoneId).setZoneName("bench.example").setCreate(AvroEndpoints.toAvro(c.create()))
          .setUpdateOld(AvroEndpoints.toAvro(c.updateOld())).setUpdateNew(AvroEndpoints.toAvro(c.updateNew()))
          .setDelete(AvroEndpoints.toAvro(c.delete())).setCauses(new ArrayList<>()).setPlannedAt(Instant.now()).build();
      producer.send(new ProducerRecord<>(topic.name(), keyBytes, topic.valueSerde().serializer().serialize(topic.name(), batch)));
    }
    producer.flush();
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static void report(List<Phase> phases) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("| phase | dnsplane calls | of which | ExternalDNS calls (model) | ExternalDNS / dnsplane | dnsplane wall time |\n");
    md.append("|---|---:|---|---:|---:|---:|\n");
    for (Phase p : phases) {
      Map<String, Integer> calls = new LinkedHashMap<>(p.calls());
      md.append("| ").append(p.name()).append(" | ").append(p.total()).append(" | ").append(calls.isEmpty() ? "-" : calls)
          .append(" | ").append(p.externalDns()).append(" (").append(p.externalDnsWork()).append(") | ")
          .append(p.total() == 0 ? "no dnsplane calls" : String.format("%.1f", (double) p.externalDns() / p.total()))
          .append(" | ").append(p.millis()).append(" ms |\n");
    }
    Path out = Path.of("target", "benchmarks", "api-calls.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
    System.out.println("\nRoute53 API calls, 10,000 names (20,002 record sets):\n" + md);
  }
}
