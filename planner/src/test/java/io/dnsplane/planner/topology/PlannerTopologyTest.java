package io.dnsplane.planner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.ObjectStatus;
import io.dnsplane.avro.ObjectStatusKey;
import io.dnsplane.avro.ObservedKey;
import io.dnsplane.avro.ObservedRecordSet;
import io.dnsplane.avro.ProviderZone;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.PlannerConfig;
import io.dnsplane.planner.plan.Policy;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTopologyTest {
  private static final String OWNER_TXT =
      "\"heritage=external-dns,external-dns/owner=cluster-a,external-dns/resource=ingress/default/app\"";
  private static final SourceRef APP = new SourceRef("cluster-a", "ingress", "default", "app");

  @TempDir
  Path stateDir;

  private final Topics topics = Topics.singleObjectEncoding();
  private TopologyTestDriver driver;
  private TestInputTopic<SourceRef, DesiredEndpoints> desired;
  private TestInputTopic<ObservedKey, ObservedRecordSet> observed;
  private TestInputTopic<ClusterKey, ClusterHeartbeat> clusters;
  private TestInputTopic<ZoneRef, ProviderZone> zones;
  private TestOutputTopic<ZoneRef, ChangeBatch> changes;
  private TestOutputTopic<ObjectStatusKey, ObjectStatus> statuses;

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  /** When the applier listed the zone: long enough before T0 for its listing to have arrived (--listing-settle). */
  private static final Instant LISTED = T0.minus(Duration.ofMinutes(1));

  @BeforeEach
  void start() {
    startDriver(PlannerConfig.defaults("unused:9092", stateDir, Policy.SYNC)
        .withApplicationId("planner-test").withRetries(Duration.ofSeconds(5), Duration.ofSeconds(30)));
  }

  private final List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> deadLetters =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private void startDriver(PlannerConfig config) {
    if (driver != null) {
      driver.close();
    }
    driver = new TopologyTestDriver(PlannerTopology.buildTopology(config, topics, deadLetters::add),
        PlannerTopology.streamsProperties(config), T0);
    desired = input(topics.desiredEndpoints());
    observed = input(topics.observedRecords());
    clusters = input(topics.clusterStatus());
    zones = input(topics.providerZones());
    Topic<ZoneRef, ChangeBatch> changeTopic = topics.changes("inmemory");
    changes = driver.createOutputTopic(changeTopic.name(), changeTopic.keySerde().deserializer(),
        changeTopic.valueSerde().deserializer());
    Topic<ObjectStatusKey, ObjectStatus> statusTopic = topics.objectStatus();
    statuses = driver.createOutputTopic(statusTopic.name(), statusTopic.keySerde().deserializer(),
        statusTopic.valueSerde().deserializer());
  }

  private void heartbeat(String cluster, boolean synced, Instant sentAt) {
    clusters.pipeInput(new ClusterKey(cluster), new ClusterHeartbeat(cluster, cluster, synced, 1, sentAt, "test"));
  }

  /** The latest status per (object, name), tombstones removing it. */
  private Map<String, String> latestStatuses() {
    Map<String, String> latest = new java.util.TreeMap<>();
    statuses.readKeyValuesToList().forEach(kv -> {
      String key = kv.key.getName() + "@" + kv.key.getDnsName();
      if (kv.value == null) {
        latest.remove(key);
      } else {
        latest.put(key, kv.value.getState() + (kv.value.getReason().isEmpty() ? "" : ": " + kv.value.getReason()));
      }
    });
    return latest;
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.close();
      driver = null;
    }
  }

  private <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  private void zoneExampleCom() {
    zones.pipeInput(new ZoneRef("inmemory", "example.com"),
        new ProviderZone("inmemory", "example.com", "example.com", Instant.EPOCH, List.of()));
    clusters.pipeInput(new ClusterKey("cluster-a"),
        new ClusterHeartbeat("cluster-a", "cluster-a", true, 1, Instant.EPOCH, "test"));
  }

  private static DesiredEndpoints want(SourceRef source, String... endpoints) {
    List<io.dnsplane.avro.Endpoint> list = java.util.Arrays.stream(endpoints).map(s -> {
      String[] p = s.split(" ");
      return AvroEndpoints.toAvro(Endpoint.of(p[0], p[1], 0, p[2]));
    }).toList();
    return DesiredEndpoints.newBuilder().setClusterId(source.getClusterId()).setOwnerId(source.getClusterId())
        .setResource(source.getKind() + "/" + source.getNamespace() + "/" + source.getName())
        .setEndpoints(new java.util.ArrayList<>(list)).setObservedAt(Instant.EPOCH).build();
  }

  private void observe(String name, Endpoint... records) {
    ObservedKey key = new ObservedKey("inmemory", "example.com", name);
    observed.pipeInput(key, records.length == 0 ? null : observation(name, "", false, records));
  }

  /** What the applier reports at a name after a batch. */
  private void observeAfter(ChangeBatch batch, boolean failed, String name, Endpoint... records) {
    observed.pipeInput(new ObservedKey("inmemory", "example.com", name), observation(name, batch.getBatchId(), failed, records));
  }

  private static ObservedRecordSet observation(String name, String batchId, boolean failed, Endpoint... records) {
    return ObservedRecordSet.newBuilder()
        .setProvider("inmemory").setZoneId("example.com").setZoneName("example.com").setDnsName(name)
        .setRecords(AvroEndpoints.toAvro(List.of(records))).setObservedAt(Instant.EPOCH)
        .setBatchId(batchId).setBatchFailed(failed)
        .setFailure(failed ? "InvalidChangeBatch: RRSet of type A with DNS name app.example.com. is not permitted" : "")
        .build();
  }

  private static List<String> describe(List<io.dnsplane.avro.Endpoint> endpoints) {
    return AvroEndpoints.fromAvro(endpoints).stream().map(e -> e.withoutLabels().toString()).toList();
  }

  @Test
  void plansARecordAndItsOwnershipTxtForANewName() {
    zoneExampleCom();
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));

    var batch = changes.readKeyValue();
    assertThat(batch.key).isEqualTo(new ZoneRef("inmemory", "example.com"));
    assertThat(describe(batch.value.getCreate())).containsExactlyInAnyOrder(
        "app.example.com A 192.0.2.10", "a-app.example.com TXT " + OWNER_TXT);
    assertThat(batch.value.getCauses()).containsExactly(APP);
    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  void observingWhatWasPlannedPlansNothingMore() {
    zoneExampleCom();
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    changes.readKeyValue();
    observe("app.example.com", Endpoint.of("app.example.com", "A", 300, "192.0.2.10"));
    observe("a-app.example.com", Endpoint.of("a-app.example.com", "TXT", 300, OWNER_TXT));
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  void aRecordIsNotDeletedBeforeItsOwnerWasSeenToWantAndWithdrawIt() {
    zoneExampleCom();
    observe("app.example.com", Endpoint.of("app.example.com", "A", 300, "192.0.2.10"));
    observe("a-app.example.com", Endpoint.of("a-app.example.com", "TXT", 300, OWNER_TXT));
    // The owner's desire may simply not have been read yet (cold start): hold.
    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  void updatesOnANewLoadBalancerIpAndDeletesBothRecordsOnTombstone() {
    zoneExampleCom();
    observe("app.example.com", Endpoint.of("app.example.com", "A", 300, "192.0.2.10"));
    observe("a-app.example.com", Endpoint.of("a-app.example.com", "TXT", 300, OWNER_TXT));
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.11"));

    ChangeBatch update = changes.readValue();
    assertThat(describe(update.getUpdateOld())).containsExactly("app.example.com 300 A 192.0.2.10");
    assertThat(describe(update.getUpdateNew())).containsExactly("app.example.com A 192.0.2.11");

    desired.pipeInput(APP, (DesiredEndpoints) null);
    ChangeBatch delete = changes.readValue();
    assertThat(describe(delete.getDelete())).containsExactlyInAnyOrder(
        "app.example.com A 192.0.2.11", "a-app.example.com 300 TXT " + OWNER_TXT);
  }

  @Test
  void whileABatchIsInFlightOlderObservationsDoNotUndoIt() {
    zoneExampleCom();
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    ChangeBatch create = changes.readValue();
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.11"));
    ChangeBatch update = changes.readValue();
    assertThat(describe(update.getUpdateNew())).contains("app.example.com A 192.0.2.11");

    // The applier reports the first batch: older than what is in flight, so no re-plan.
    observeAfter(create, false, "app.example.com", Endpoint.of("app.example.com", "A", 0, "192.0.2.10"));
    observeAfter(create, false, "a-app.example.com", Endpoint.of("a-app.example.com", "TXT", 0, OWNER_TXT));
    observe("app.example.com");
    assertThat(changes.isEmpty()).isTrue();

    // Then the second: the system has converged.
    observeAfter(update, false, "app.example.com", Endpoint.of("app.example.com", "A", 0, "192.0.2.11"));
    observeAfter(update, false, "a-app.example.com", Endpoint.of("a-app.example.com", "TXT", 0, OWNER_TXT));
    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  void aRefusedChangeIsPlannedAgainAfterABackoffNotInALoop() {
    zoneExampleCom();
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    ChangeBatch create = changes.readValue();
    observeAfter(create, true, "app.example.com");
    observeAfter(create, true, "a-app.example.com");
    assertThat(changes.isEmpty()).isTrue();
    // The object is told, with the provider's own words (the watcher makes it a Warning RecordError).
    assertThat(latestStatuses().get("app@app.example.com")).isEqualTo("ERROR: the provider refused part of batch "
        + create.getBatchId() + ": InvalidChangeBatch: RRSet of type A with DNS name app.example.com. is not permitted;"
        + " retrying in PT30S");

    driver.advanceWallClockTime(Duration.ofSeconds(10));
    assertThat(changes.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofSeconds(30));
    assertThat(describe(changes.readValue().getCreate())).contains("app.example.com A 192.0.2.10");
  }

  @Test
  void aBatchTheDeleteBreakerHoldsStaysInFlightAndItsObjectsAreToldWhy() {
    zoneExampleCom();
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    ChangeBatch create = changes.readValue();
    String why = "waiting behind a delete the breaker holds at app.example.com in zone example.com";
    for (String name : List.of("app.example.com", "a-app.example.com")) {
      observed.pipeInput(new ObservedKey("inmemory", "example.com", name), ObservedRecordSet.newBuilder()
          .setProvider("inmemory").setZoneId("example.com").setZoneName("example.com").setDnsName(name)
          .setRecords(List.of()).setObservedAt(Instant.EPOCH).setBatchId(create.getBatchId()).setHeld(why).build());
    }
    // Planned once: not planned again while it waits, whatever time passes.
    driver.advanceWallClockTime(Duration.ofMinutes(5));
    assertThat(changes.isEmpty()).isTrue();
    assertThat(latestStatuses().get("app@app.example.com")).isEqualTo("HELD: " + why + " (change batch "
        + create.getBatchId() + ")");

    // Approved and applied: READY.
    observeAfter(create, false, "app.example.com", Endpoint.of("app.example.com", "A", 0, "192.0.2.10"));
    observeAfter(create, false, "a-app.example.com", Endpoint.of("a-app.example.com", "TXT", 0, OWNER_TXT));
    assertThat(latestStatuses().get("app@app.example.com")).startsWith("READY");
    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  void dryRunPublishesThePlanButAssumesNothingWasApplied() {
    startDriver(PlannerConfig.defaults("unused:9092", stateDir.resolve("dry"), Policy.SYNC)
        .withApplicationId("planner-dry").withDryRun(true));
    zoneExampleCom();
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    observe("app.example.com");
    List<ChangeBatch> batches = changes.readValuesToList();
    assertThat(batches).allMatch(ChangeBatch::getDryRun);
    // Nothing was assumed applied (no in-flight state), so looking at the name again plans it again.
    assertThat(batches).extracting(b -> describe(b.getCreate()).get(0))
        .containsExactly("app.example.com A 192.0.2.10", "app.example.com A 192.0.2.10");
  }

  @Test
  void namesOutsideTheDomainFilterAreNotPlanned() {
    startDriver(PlannerConfig.defaults("unused:9092", stateDir.resolve("filtered"), Policy.SYNC)
        .withApplicationId("planner-filtered")
        .withDomainFilter(io.dnsplane.model.DomainFilter.of(List.of("example.com"), List.of("internal.example.com"), null, null)));
    zoneExampleCom();
    desired.pipeInput(APP, want(APP, "db.internal.example.com A 192.0.2.10", "app.example.com A 192.0.2.10"));
    assertThat(changes.readValuesToList()).extracting(b -> describe(b.getCreate()).get(0))
        .containsExactly("app.example.com A 192.0.2.10");
  }

  @Test
  void eachObjectIsToldWhatBecameOfItsNames() {
    zoneExampleCom();
    SourceRef legacy = new SourceRef("cluster-a", "ingress", "default", "legacy");
    observe("legacy.example.com", Endpoint.of("legacy.example.com", "A", 300, "198.51.100.1"));
    desired.pipeInput(legacy, want(legacy, "legacy.example.com A 192.0.2.40"));
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    ChangeBatch create = changes.readValue();
    assertThat(latestStatuses()).containsOnly(
        Map.entry("legacy@legacy.example.com",
            "CONFLICT: legacy.example.com A exists and no TXT record says who owns it; dnsplane leaves it alone"),
        Map.entry("app@app.example.com", "PENDING: change batch " + create.getBatchId() + " is being applied"));

    observeAfter(create, false, "app.example.com", Endpoint.of("app.example.com", "A", 300, "192.0.2.10"));
    observeAfter(create, false, "a-app.example.com", Endpoint.of("a-app.example.com", "TXT", 300, OWNER_TXT));
    var ready = statuses.readKeyValuesToList();
    assertThat(ready).hasSize(1);
    assertThat(ready.get(0).value.getState()).isEqualTo(io.dnsplane.avro.ObjectState.READY);
    assertThat(describe(ready.get(0).value.getRecords())).containsExactly("app.example.com 300 A 192.0.2.10");

    desired.pipeInput(legacy, (DesiredEndpoints) null);
    var gone = statuses.readKeyValuesToList();
    assertThat(gone).singleElement().satisfies(kv -> {
      assertThat(kv.key.getDnsName()).isEqualTo("legacy.example.com");
      assertThat(kv.value).isNull();
    });
  }

  /**
   * The applier lists a zone name by name and announces it last; the record of a name may arrive
   * before its TXT. The planner waits --listing-settle after the listing before planning there, so
   * it never plans on half a listing (a create over ExternalDNS's record, a conflict over its own).
   */
  @Test
  void aNameIsPlannedOnlyOnceTheZonesListingHasArrived() {
    zones.pipeInput(new ZoneRef("inmemory", "example.com"), new ProviderZone("inmemory", "example.com", "example.com", T0, List.of()));
    heartbeat("cluster-a", true, T0);
    // The record is in; its ownership TXT, listed too, has not reached the planner yet.
    observed.pipeInput(new ObservedKey("inmemory", "example.com", "app.example.com"),
        observation("app.example.com", "", false, Endpoint.of("app.example.com", "A", 300, "192.0.2.10")));
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    assertThat(changes.isEmpty()).as("nothing planned while the listing arrives").isTrue();
    observed.pipeInput(new ObservedKey("inmemory", "example.com", "a-app.example.com"),
        observation("a-app.example.com", "", false, Endpoint.of("a-app.example.com", "TXT", 300, OWNER_TXT)));
    driver.advanceWallClockTime(PlannerConfig.DEFAULT_LISTING_SETTLE.plusSeconds(1));
    assertThat(changes.isEmpty()).as("the record and its TXT are ExternalDNS's: adopted, nothing to change").isTrue();
    assertThat(statuses.readValuesToList()).extracting(s -> s.getState().toString())
        .as("never a conflict over its own record").doesNotContain("CONFLICT").endsWith("READY");
  }

  @Test
  void aClustersWithdrawalsWaitForItsInitialSync() {
    zones.pipeInput(new ZoneRef("inmemory", "example.com"), new ProviderZone("inmemory", "example.com", "example.com", LISTED, List.of()));
    heartbeat("cluster-a", false, T0);
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    ChangeBatch create = changes.readValue();
    observeAfter(create, false, "app.example.com", Endpoint.of("app.example.com", "A", 300, "192.0.2.10"));
    observeAfter(create, false, "a-app.example.com", Endpoint.of("a-app.example.com", "TXT", 300, OWNER_TXT));

    desired.pipeInput(APP, (DesiredEndpoints) null);
    driver.advanceWallClockTime(Duration.ofSeconds(6));
    assertThat(changes.isEmpty()).as("no delete before the cluster's initial sync").isTrue();

    heartbeat("cluster-a", true, T0.plusSeconds(6));
    driver.advanceWallClockTime(Duration.ofSeconds(6));
    assertThat(describe(changes.readValue().getDelete())).contains("app.example.com 300 A 192.0.2.10");
  }

  /** A watcher restarting within seconds: not synced, then synced again, between two looks at the clusters. */
  @Test
  void aWithdrawalWaitingForASyncThatCameAndWentBetweenTwoLooksIsStillApplied() {
    zones.pipeInput(new ZoneRef("inmemory", "example.com"), new ProviderZone("inmemory", "example.com", "example.com", LISTED, List.of()));
    heartbeat("cluster-a", true, T0);
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    ChangeBatch create = changes.readValue();
    observeAfter(create, false, "app.example.com", Endpoint.of("app.example.com", "A", 300, "192.0.2.10"));
    observeAfter(create, false, "a-app.example.com", Endpoint.of("a-app.example.com", "TXT", 300, OWNER_TXT));
    driver.advanceWallClockTime(Duration.ofSeconds(6)); // the planner has looked: cluster-a synced

    heartbeat("cluster-a", false, T0.plusSeconds(6));
    desired.pipeInput(APP, (DesiredEndpoints) null);
    assertThat(changes.isEmpty()).as("no delete while the restarted watcher has not synced").isTrue();
    heartbeat("cluster-a", true, T0.plusSeconds(7));
    driver.advanceWallClockTime(Duration.ofSeconds(6)); // synced again, as at the last look
    assertThat(describe(changes.readValue().getDelete())).contains("app.example.com 300 A 192.0.2.10");
  }

  @Test
  void aNameGoesToThePublicAndThePrivateZoneOfTheSameNameAndWaitsForBoth() {
    zoneExampleCom();
    zones.pipeInput(new ZoneRef("inmemory", "example.com-private"),
        new ProviderZone("inmemory", "example.com-private", "example.com", Instant.EPOCH, List.of()));
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    List<ChangeBatch> batches = changes.readValuesToList();
    assertThat(batches).extracting(ChangeBatch::getZoneId).containsExactlyInAnyOrder("example.com", "example.com-private");
    assertThat(batches).allSatisfy(b -> assertThat(describe(b.getCreate())).contains("app.example.com A 192.0.2.10"));
    ChangeBatch publicBatch = batches.stream().filter(b -> b.getZoneId().equals("example.com")).findFirst().orElseThrow();
    ChangeBatch privateBatch = batches.stream().filter(b -> !b.getZoneId().equals("example.com")).findFirst().orElseThrow();

    // The public zone answers first: the name still waits for the private one, and plans nothing new.
    observeAfter(publicBatch, false, "app.example.com", Endpoint.of("app.example.com", "A", 300, "192.0.2.10"));
    assertThat(changes.isEmpty()).isTrue();
    assertThat(latestStatuses().get("app@app.example.com")).startsWith("PENDING: change batch " + privateBatch.getBatchId());

    observed.pipeInput(new ObservedKey("inmemory", "example.com-private", "app.example.com"), ObservedRecordSet.newBuilder()
        .setProvider("inmemory").setZoneId("example.com-private").setZoneName("example.com").setDnsName("app.example.com")
        .setRecords(AvroEndpoints.toAvro(List.of(Endpoint.of("app.example.com", "A", 300, "192.0.2.10"))))
        .setObservedAt(Instant.EPOCH).setBatchId(privateBatch.getBatchId()).setBatchFailed(false).build());
    assertThat(changes.isEmpty()).isTrue();

    // Withdrawn: deleted from both zones.
    desired.pipeInput(APP, (DesiredEndpoints) null);
    assertThat(changes.readValuesToList()).extracting(ChangeBatch::getZoneId)
        .containsExactlyInAnyOrder("example.com", "example.com-private");
  }

  @Test
  void aZoneThatAppearsLaterGetsTheNamesItServes() {
    zoneExampleCom();
    ChangeBatch created = createdAndObservedApp();
    assertThat(created.getZoneId()).isEqualTo("example.com");
    zones.pipeInput(new ZoneRef("inmemory", "example.com-private"),
        new ProviderZone("inmemory", "example.com-private", "example.com", Instant.EPOCH, List.of()));
    driver.advanceWallClockTime(Duration.ofSeconds(10));
    assertThat(changes.readValuesToList()).singleElement().satisfies(b -> {
      assertThat(b.getZoneId()).isEqualTo("example.com-private");
      assertThat(describe(b.getCreate())).contains("app.example.com A 192.0.2.10");
    });
  }

  private ChangeBatch sharedAppRecord() {
    zones.pipeInput(new ZoneRef("inmemory", "example.com"), new ProviderZone("inmemory", "example.com", "example.com", LISTED, List.of()));
    heartbeat("cluster-a", true, T0);
    heartbeat("cluster-b", true, T0);
    SourceRef appB = new SourceRef("cluster-b", "ingress", "default", "app");
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    desired.pipeInput(appB, want(appB, "app.example.com A 192.0.2.20"));
    List<ChangeBatch> batches = changes.readValuesToList();
    ChangeBatch last = batches.get(batches.size() - 1);
    String both = "\"heritage=external-dns,external-dns/owner=cluster-b,external-dns/resource=ingress/default/app\"";
    observeAfter(last, false, "app.example.com", Endpoint.of("app.example.com", "A", 300, "192.0.2.10", "192.0.2.20"));
    observeAfter(last, false, "a-app.example.com", Endpoint.of("a-app.example.com", "TXT", 300, OWNER_TXT, both));
    assertThat(changes.isEmpty()).isTrue();
    return last;
  }

  @Test
  void withWithdrawAStaleClusterLeavesSharedRecordsButNeverTheLastTarget() {
    startDriver(PlannerConfig.defaults("unused:9092", stateDir.resolve("stale"), Policy.SYNC).withApplicationId("planner-stale")
        .withStaleClusters(Duration.ofMinutes(2), PlannerConfig.StaleClusterPolicy.WITHDRAW));
    sharedAppRecord();

    driver.advanceWallClockTime(Duration.ofMinutes(3));
    heartbeat("cluster-a", true, T0.plus(Duration.ofMinutes(3)));
    driver.advanceWallClockTime(Duration.ofSeconds(6));
    ChangeBatch failover = changes.readValue();
    assertThat(describe(failover.getUpdateNew())).contains("app.example.com A 192.0.2.10");

    observeAfter(failover, false, "app.example.com", Endpoint.of("app.example.com", "A", 300, "192.0.2.10"));
    observeAfter(failover, false, "a-app.example.com", Endpoint.of("a-app.example.com", "TXT", 300, OWNER_TXT));
    driver.advanceWallClockTime(Duration.ofMinutes(3));
    assertThat(changes.isEmpty()).as("both stale: fail static").isTrue();

    heartbeat("cluster-b", true, T0.plus(Duration.ofMinutes(6)));
    heartbeat("cluster-a", true, T0.plus(Duration.ofMinutes(6)));
    driver.advanceWallClockTime(Duration.ofSeconds(6));
    assertThat(describe(changes.readValue().getUpdateNew())).contains("app.example.com A 192.0.2.10,192.0.2.20");
  }

  @Test
  void withKeepAStaleClusterChangesNothing() {
    startDriver(PlannerConfig.defaults("unused:9092", stateDir.resolve("keep"), Policy.SYNC).withApplicationId("planner-keep")
        .withStaleClusters(Duration.ofMinutes(2), PlannerConfig.StaleClusterPolicy.KEEP));
    sharedAppRecord();
    driver.advanceWallClockTime(Duration.ofMinutes(10));
    assertThat(changes.isEmpty()).isTrue();
  }

  private ChangeBatch createdAndObservedApp() {
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    ChangeBatch create = changes.readValue();
    observeAfter(create, false, "app.example.com", Endpoint.of("app.example.com", "A", 300, "192.0.2.10"));
    observeAfter(create, false, "a-app.example.com", Endpoint.of("a-app.example.com", "TXT", 300, OWNER_TXT));
    return create;
  }

  @Test
  void deletionGraceHoldsADeleteAndCancelsItWhenTheDesireComesBack() {
    startDriver(PlannerConfig.defaults("unused:9092", stateDir.resolve("grace"), Policy.SYNC).withApplicationId("planner-grace")
        .withDeletionGrace(Duration.ofMinutes(5)));
    zoneExampleCom();
    createdAndObservedApp();

    desired.pipeInput(APP, (DesiredEndpoints) null);
    driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertThat(changes.isEmpty()).as("held during the grace period").isTrue();
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    driver.advanceWallClockTime(Duration.ofMinutes(10));
    assertThat(changes.isEmpty()).as("the desire came back: nothing to delete").isTrue();

    desired.pipeInput(APP, (DesiredEndpoints) null);
    driver.advanceWallClockTime(Duration.ofMinutes(4));
    assertThat(changes.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertThat(describe(changes.readValue().getDelete())).contains("app.example.com 300 A 192.0.2.10");
  }

  @Test
  void aClusterClaimingOutsideItsDomainsIsInvalid() {
    startDriver(PlannerConfig.defaults("unused:9092", stateDir.resolve("domains"), Policy.SYNC).withApplicationId("planner-domains")
        .withClusterDomains(io.dnsplane.planner.plan.ClusterDomains.parse(List.of("cluster-a=a.example.com"))));
    zoneExampleCom();
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10", "web.a.example.com A 192.0.2.10"));
    assertThat(changes.readValuesToList()).extracting(b -> describe(b.getCreate()).get(0))
        .containsExactly("web.a.example.com A 192.0.2.10");
    assertThat(latestStatuses()).containsEntry("app@app.example.com",
        "INVALID: cluster cluster-a may only claim names in a.example.com");
  }

  @Test
  void neverTouchesARecordItDoesNotOwn() {
    zoneExampleCom();
    SourceRef legacy = new SourceRef("cluster-a", "ingress", "default", "legacy");
    observe("legacy.example.com", Endpoint.of("legacy.example.com", "A", 300, "198.51.100.1"));
    desired.pipeInput(legacy, want(legacy, "legacy.example.com A 192.0.2.40"));
    desired.pipeInput(legacy, (DesiredEndpoints) null);
    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  void aNameOutsideEveryZoneWaitsUntilAZoneServesIt() {
    clusters.pipeInput(new ClusterKey("cluster-a"),
        new ClusterHeartbeat("cluster-a", "cluster-a", true, 1, Instant.EPOCH, "test"));
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    assertThat(changes.isEmpty()).isTrue();

    zones.pipeInput(new ZoneRef("inmemory", "example.com"),
        new ProviderZone("inmemory", "example.com", "example.com", Instant.EPOCH, List.of()));
    driver.advanceWallClockTime(Duration.ofSeconds(6));
    assertThat(describe(changes.readValue().getCreate())).contains("app.example.com A 192.0.2.10");
  }

  @Test
  void aNameAnObjectStopsWantingIsWithdrawn() {
    zoneExampleCom();
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10", "www.example.com A 192.0.2.10"));
    assertThat(changes.readValuesToList()).hasSize(2);
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    ChangeBatch withdrawal = changes.readValue();
    assertThat(describe(withdrawal.getDelete())).contains("www.example.com A 192.0.2.10");
    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  void unreadableRecordsAreSkippedAndPlanningGoesOn() {
    zoneExampleCom();
    TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(Topics.DESIRED_ENDPOINTS,
        new ByteArraySerializer(), new ByteArraySerializer());
    raw.pipeInput("garbage-key".getBytes(StandardCharsets.UTF_8), "garbage".getBytes(StandardCharsets.UTF_8));
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    // The dead-letter copy is checked against a real broker in the end-to-end test.
    assertThat(changes.readValue().getCreate()).hasSize(2);
  }

  @Test
  void anUnreadableRecordOnAGlobalStoresTopicIsADeadLetterAndThePlannerGoesOn() {
    for (String topic : List.of(Topics.PROVIDER_ZONES, Topics.CLUSTER_STATUS)) {
      driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer())
          .pipeInput("poison-key".getBytes(StandardCharsets.UTF_8), "poison".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(deadLetters).extracting(r -> new String(r.headers().lastHeader("dnsplane.dlq.topic").value(),
        StandardCharsets.UTF_8)).containsExactlyInAnyOrder(Topics.PROVIDER_ZONES, Topics.CLUSTER_STATUS);
    assertThat(deadLetters).allSatisfy(r -> assertThat(r.topic()).isEqualTo(Topics.DEAD_LETTER));
    zoneExampleCom();
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    assertThat(changes.readValue().getCreate()).hasSize(2);
  }

  @Test
  void aClustersOwnTopicIsPlannedAndARecordWritingAsAnotherClusterIsADeadLetter() {
    zoneExampleCom();
    TestInputTopic<SourceRef, DesiredEndpoints> ownA = input(topics.desiredEndpointsOf("cluster-a"));
    TestOutputTopic<byte[], byte[]> deadLetterTopic = driver.createOutputTopic(Topics.DEAD_LETTER,
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer());

    ownA.pipeInput(APP, want(APP, "app.example.com A 192.0.2.10"));
    assertThat(changes.readValue().getCreate()).hasSize(2);

    // cluster-a's watcher writes as cluster-b, then claims cluster-b's TXT owner id: neither is planned.
    SourceRef forged = new SourceRef("cluster-b", "ingress", "default", "web");
    ownA.pipeInput(forged, want(forged, "web.example.com A 192.0.2.66"));
    SourceRef own = new SourceRef("cluster-a", "ingress", "default", "takeover");
    DesiredEndpoints takeover = want(own, "web.example.com A 192.0.2.67");
    takeover.setOwnerId("cluster-b");
    ownA.pipeInput(own, takeover);
    assertThat(changes.isEmpty()).as("nothing planned for web.example.com").isTrue();

    List<org.apache.kafka.streams.test.TestRecord<byte[], byte[]>> dead = deadLetterTopic.readRecordsToList();
    assertThat(dead).hasSize(2);
    assertThat(dead).extracting(r -> new String(r.headers().lastHeader("__streams.errors.message").value(),
        StandardCharsets.UTF_8)).containsExactly(
        "a record on dnsplane.desired-endpoints.cluster-a names cluster cluster-b: only cluster-a writes there",
        "cluster cluster-a claims TXT owner id cluster-b; it may use cluster-a (--cluster-owner-ids)");
    // The refused records are kept as they came, for whoever audits them.
    assertThat(topics.desiredEndpoints().keySerde().deserializer().deserialize(Topics.DESIRED_ENDPOINTS, dead.get(0).key()))
        .isEqualTo(forged);

    // The shared topic and the cluster's own both reach the planner: a later desire is planned.
    desired.pipeInput(APP, want(APP, "app.example.com A 192.0.2.11"));
    assertThat(changes.readValue().getUpdateNew()).isNotEmpty();
  }

  @Test
  void aClustersOwnHeartbeatsAreRelayedAndOnesWritingAsAnotherClusterAreDeadLetters() {
    TestInputTopic<ClusterKey, ClusterHeartbeat> ownA = input(topics.clusterStatusOf("cluster-a"));
    Topic<ClusterKey, ClusterHeartbeat> shared = topics.clusterStatus();
    TestOutputTopic<ClusterKey, ClusterHeartbeat> relayed = driver.createOutputTopic(shared.name(),
        shared.keySerde().deserializer(), shared.valueSerde().deserializer());
    TestOutputTopic<byte[], byte[]> deadLetterTopic = driver.createOutputTopic(Topics.DEAD_LETTER,
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer());

    ClusterHeartbeat beat = new ClusterHeartbeat("cluster-a", "cluster-a", true, 1, T0, "test");
    ownA.pipeInput(new ClusterKey("cluster-a"), beat);
    // cluster-a's watcher says cluster-b went silent long ago: not relayed.
    ownA.pipeInput(new ClusterKey("cluster-b"), new ClusterHeartbeat("cluster-b", "cluster-b", true, 1, Instant.EPOCH,
        "test"));
    ownA.pipeInput(new ClusterKey("cluster-a"), new ClusterHeartbeat("cluster-a", "cluster-b", true, 1, T0, "test"));

    assertThat(relayed.readKeyValuesToList()).containsExactly(org.apache.kafka.streams.KeyValue.pair(
        new ClusterKey("cluster-a"), beat));
    assertThat(deadLetterTopic.readRecordsToList()).extracting(r -> new String(
        r.headers().lastHeader("__streams.errors.message").value(), StandardCharsets.UTF_8)).containsExactly(
        "a record on dnsplane.cluster-status.cluster-a names cluster cluster-b: only cluster-a writes there",
        "cluster cluster-a claims TXT owner id cluster-b; it may use cluster-a (--cluster-owner-ids)");
  }

  /** Batch ids follow from the inputs: planning the same records again gives the same ids (what a replay compares). */
  @Test
  void theSameInputsGiveTheSameBatchIds() {
    List<String> runs = new java.util.ArrayList<>();
    for (String run : List.of("first", "second")) {
      startDriver(PlannerConfig.defaults("unused:9092", stateDir.resolve(run), Policy.SYNC)
          .withApplicationId("planner-" + run).withRetries(Duration.ofSeconds(5), Duration.ofSeconds(30)));
      zoneExampleCom();
      desired.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(APP, want(APP, "app.example.com A 192.0.2.10"),
          T0.plusSeconds(1)));
      ChangeBatch create = changes.readValue();
      observeAfter(create, false, "app.example.com", Endpoint.of("app.example.com", "A", 300, "192.0.2.10"));
      desired.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(APP, want(APP, "app.example.com A 192.0.2.11"),
          T0.plusSeconds(2)));
      runs.add(create.getBatchId() + " " + changes.readValue().getBatchId());
    }
    assertThat(runs.get(0)).isEqualTo(runs.get(1));
    assertThat(runs.get(0).split(" ")).doesNotHaveDuplicates();
  }
}
