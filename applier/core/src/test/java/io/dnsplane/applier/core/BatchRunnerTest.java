package io.dnsplane.applier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The per-poll logic of the applier, without Kafka: what reaches the provider and what is reported. */
class BatchRunnerTest {
  private static final Zone EXAMPLE = new Zone("Z1", "example.com");
  private static final String TXT = "\"heritage=external-dns,external-dns/owner=a,external-dns/resource=ingress/default/x\"";

  private final Topics topics = Topics.singleObjectEncoding();
  private final Topic<ZoneRef, ChangeBatch> changes = topics.changes("test");
  private final Outbox outbox = new Outbox();
  /** The retry delays asked for: nothing sleeps here. */
  private final List<Duration> delays = new ArrayList<>();
  private final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

  /** A transactional provider: refuses a whole call that creates what exists or holds a bad address. */
  static class TransactionalProvider implements DnsProvider {
    final List<Endpoint> records = new ArrayList<>();
    int applyCalls;
    boolean timeoutAfterNextApply;

    @Override
    public String name() {
      return "test";
    }

    @Override
    public List<Zone> zones() {
      return List.of(EXAMPLE);
    }

    @Override
    public List<Endpoint> records(Zone zone) {
      return List.copyOf(records);
    }

    @Override
    public synchronized ApplyOutcome apply(Zone zone, Changes c) {
      applyCalls++;
      for (Endpoint e : c.create()) {
        if (records.stream().anyMatch(r -> r.dnsName().equals(e.dnsName()) && r.recordType().equals(e.recordType()))) {
          throw new BatchRefusedException("InvalidChangeBatch: " + e.dnsName() + " " + e.recordType() + " already exists");
        }
        if (e.targets().contains("not-an-ip")) {
          throw new BatchRefusedException("InvalidChangeBatch: " + e.dnsName() + " has a bad address");
        }
      }
      c.delete().forEach(e -> records.removeIf(r -> r.dnsName().equals(e.dnsName()) && r.recordType().equals(e.recordType())));
      records.addAll(c.create().stream().map(e -> e.withoutLabels().withTtl(300)).toList());
      if (timeoutAfterNextApply) {
        timeoutAfterNextApply = false;
        throw new RetryableProviderException("read timed out (the change went through)");
      }
      return ApplyOutcome.applied("C" + applyCalls);
    }
  }

  private BatchRunner runner(DnsProvider provider) {
    Clock clock = Clock.systemUTC();
    ObservationPublisher observations = new ObservationPublisher(provider.name(), outbox::add, topics.providerZones(),
        topics.observedRecords(), clock);
    OwnedZones zones = new OwnedZones(provider, changes, observations, ApplierMetrics.of(registry, provider.name()));
    zones.listZones(3);
    ApplierMetrics metrics = ApplierMetrics.of(registry, provider.name());
    ProviderRetries retries = new ProviderRetries(new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 5),
        delays::add, new java.util.SplittableRandom(7), () -> true, metrics::retry);
    return new BatchRunner(provider, zones, observations, changes, new DeadLetters(topics.deadLetter(), outbox),
        new DeleteHolds(new DeleteBreaker(0.3, 10, Duration.ofMinutes(10)), new HeldBatches(), clock), retries,
        new ResultPublisher(provider.name(), outbox, topics.applyResults(), clock, metrics), metrics);
  }

  private ConsumerRecord<byte[], byte[]> batch(String id, String name, String ip) {
    Changes c = new Changes.Builder().create(Endpoint.of(name + ".example.com", "A", 0, ip))
        .create(Endpoint.of("a-" + name + ".example.com", "TXT", 0, TXT)).build();
    ChangeBatch batch = ChangeBatch.newBuilder().setBatchId(id).setProvider("test").setZoneId("Z1")
        .setZoneName("example.com").setCreate(AvroEndpoints.toAvro(c.create())).setUpdateOld(List.of())
        .setUpdateNew(List.of()).setDelete(List.of()).setCauses(List.of()).setPlannedAt(Instant.EPOCH).build();
    ZoneRef key = new ZoneRef("test", "Z1");
    return new ConsumerRecord<>(changes.name(), 0, 0, changes.keySerde().serializer().serialize(changes.name(), key),
        changes.valueSerde().serializer().serialize(changes.name(), batch));
  }

  private ConsumerRecord<byte[], byte[]> deletes(String id, long offset, String... names) {
    Changes.Builder c = new Changes.Builder();
    for (String name : names) {
      c.delete(Endpoint.of(name + ".example.com", "A", 300, "192.0.2.1"));
      c.delete(Endpoint.of("a-" + name + ".example.com", "TXT", 300, TXT));
    }
    Changes built = c.build();
    ChangeBatch batch = ChangeBatch.newBuilder().setBatchId(id).setProvider("test").setZoneId("Z1")
        .setZoneName("example.com").setCreate(List.of()).setUpdateOld(List.of()).setUpdateNew(List.of())
        .setDelete(AvroEndpoints.toAvro(built.delete())).setCauses(List.of()).setPlannedAt(Instant.EPOCH).build();
    return new ConsumerRecord<>(changes.name(), 0, offset,
        changes.keySerde().serializer().serialize(changes.name(), new ZoneRef("test", "Z1")),
        changes.valueSerde().serializer().serialize(changes.name(), batch));
  }

  private List<ApplyResult> results() {
    Topic<ZoneRef, ApplyResult> results = topics.applyResults();
    return outbox.pending().stream().filter(r -> r.topic().equals(results.name()))
        .map(r -> results.valueSerde().deserializer().deserialize(r.topic(), r.value())).filter(Objects::nonNull).toList();
  }

  @Test
  void aRetryRefusedBecauseTheFirstAttemptWentThroughIsReportedApplied() {
    TransactionalProvider provider = new TransactionalProvider();
    provider.timeoutAfterNextApply = true;
    runner(provider).run(List.of(batch("b1", "app", "192.0.2.10")));
    assertThat(provider.applyCalls).isEqualTo(2);
    assertThat(registry.get("dnsplane_applier_retries").counter().count()).isEqualTo(1);
    assertThat(delays).as("one wait, within the backoff's ceiling").singleElement()
        .satisfies(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(2)));
    assertThat(results()).singleElement().satisfies(r -> {
      assertThat(r.getStatus()).isEqualTo(ApplyStatus.APPLIED);
      assertThat(r.getReason()).contains("earlier attempt");
      assertThat(r.getFailures()).isEmpty();
      assertThat(r.getAfter()).extracting(io.dnsplane.avro.Endpoint::getDnsName).contains("app.example.com");
    });
  }

  @Test
  void mergedBatchesGoInOneCallAndABadOneIsIsolatedAndReportedWithTheZoneAsItIs() {
    TransactionalProvider provider = new TransactionalProvider();
    provider.records.add(Endpoint.of("legacy.example.com", "A", 300, "198.51.100.1"));
    runner(provider).run(List.of(batch("b1", "one", "192.0.2.1"), batch("b2", "bad", "not-an-ip"),
        batch("b3", "two", "192.0.2.2"), batch("b4", "legacy", "192.0.2.4")));
    Map<String, ApplyStatus> statuses = new java.util.TreeMap<>();
    results().forEach(r -> statuses.put(r.getBatchId(), r.getStatus()));
    assertThat(statuses).containsExactly(Map.entry("b1", ApplyStatus.APPLIED), Map.entry("b2", ApplyStatus.FAILED),
        Map.entry("b3", ApplyStatus.APPLIED), Map.entry("b4", ApplyStatus.FAILED));
    // 1 call for all four (refused), then halves: [b1 b2] refused, b1, b2 refused, [b3 b4] refused, b3, b4 refused.
    assertThat(provider.applyCalls).isEqualTo(7);
    ApplyResult legacy = results().stream().filter(r -> r.getBatchId().equals("b4")).findFirst().orElseThrow();
    assertThat(legacy.getAfter()).extracting(e -> e.getTargets().get(0)).containsExactly("198.51.100.1");
    assertThat(legacy.getFailures()).allSatisfy(f -> assertThat(f.getReason()).contains("already exists"));
    assertThat(registry.get("dnsplane_applier_batches").tags("status", "FAILED").counter().count()).isEqualTo(2);
    assertThat(registry.get("dnsplane_applier_batches").tags("status", "APPLIED").counter().count()).isEqualTo(2);
    assertThat(registry.get("dnsplane_applier_apply_calls").counter().count()).isEqualTo(7);
  }

  @Test
  void aBatchAlreadyInTheZoneCostsNoCall() {
    TransactionalProvider provider = new TransactionalProvider();
    provider.records.add(Endpoint.of("app.example.com", "A", 300, "192.0.2.10"));
    provider.records.add(Endpoint.of("a-app.example.com", "TXT", 300, TXT));
    runner(provider).run(List.of(batch("b1", "app", "192.0.2.10")));
    assertThat(provider.applyCalls).isZero();
    assertThat(results()).singleElement().satisfies(r -> {
      assertThat(r.getStatus()).isEqualTo(ApplyStatus.APPLIED);
      assertThat(r.getReason()).contains("already applied");
    });
  }

  @Test
  void aHeldDeleteHoldsOnlyItsNamesAndTheRestOfTheZoneGoesOn() {
    TransactionalProvider provider = new TransactionalProvider();
    for (int i = 0; i < 10; i++) {
      provider.records.add(Endpoint.of("old-" + i + ".example.com", "A", 300, "192.0.2.1"));
      provider.records.add(Endpoint.of("a-old-" + i + ".example.com", "TXT", 300, TXT));
    }
    BatchRunner runner = runner(provider);
    // 8 of the zone's 10 owned records at once: past --max-delete-fraction 0.3, so held.
    runner.run(List.of(deletes("mass", 1, "old-0", "old-1", "old-2", "old-3", "old-4", "old-5", "old-6", "old-7")));
    // A new name, and a change to a name the held batch deletes, arrive later.
    runner.run(List.of(batch("new", "new", "192.0.2.9"), deletes("again", 3, "old-2")));

    assertThat(results()).extracting(r -> r.getBatchId() + " " + r.getStatus())
        .containsExactly("mass HELD", "new APPLIED", "again HELD");
    assertThat(results().get(2).getReason()).contains("waiting behind a delete the breaker holds at").contains("old-2.example.com in zone example.com");
    assertThat(provider.records).extracting(Endpoint::dnsName).contains("new.example.com", "old-0.example.com", "old-2.example.com");
  }
}
