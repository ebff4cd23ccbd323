package io.dnsplane.applier.core;

import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.DeleteApproval;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The per-provider apply loop. Change batches arrive keyed by zone, so one zone's batches stay in
 * order on one partition and one replica. For each batch: apply through the provider (retrying
 * what is retryable), publish what the zone now holds at the touched names and an audit result,
 * and only then commit the batch's offset. A crash in between re-applies the batch, which is
 * harmless because providers apply idempotently.
 */
public final class Applier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Applier.class);

  private final DnsProvider provider;
  private final ApplierConfig config;
  private final Clock clock;
  private final Topic<ZoneRef, ChangeBatch> changesTopic;
  private final Topic<ZoneRef, ApplyResult> resultsTopic;
  private final Topic<byte[], byte[]> deadLetterTopic;
  private final Producer<byte[], byte[]> producer;
  private final ObservationPublisher observations;
  private final Map<String, Zone> zonesById = new LinkedHashMap<>();
  private final Map<String, ObservedZone> observedById = new LinkedHashMap<>();
  private final Backoff backoff;
  private final Topic<ZoneRef, DeleteApproval> approvalsTopic;
  private final DeleteBreaker breaker;
  private final HeldBatches held = new HeldBatches();
  private final Map<String, Instant> approvals = new HashMap<>();
  private final Map<TopicPartition, Long> consumedNext = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private final Thread loop;
  private volatile boolean running = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  private Applier(DnsProvider provider, ApplierConfig config, Topics topics, Clock clock) {
    this.provider = provider;
    this.config = config;
    this.clock = clock;
    this.changesTopic = topics.changes(provider.name());
    this.resultsTopic = topics.applyResults();
    this.deadLetterTopic = topics.deadLetter();
    this.producer = producer(config, provider.name());
    this.observations = new ObservationPublisher(provider.name(), producer, topics.providerZones(),
        topics.observedRecords(), clock);
    this.backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), config.maxAttempts());
    this.approvalsTopic = topics.deleteApprovals();
    this.breaker = new DeleteBreaker(config.maxDeleteFraction(), config.breakerMinRecords(), config.deleteWindow());
    this.loop = new Thread(this::run, "applier-" + provider.name());
  }

  /** Lists the provider once, publishes what it holds, then applies batches until closed. */
  public static Applier start(DnsProvider provider, ApplierConfig config, Topics topics, Clock clock) {
    Applier applier = new Applier(provider, config, topics, clock);
    applier.observeEverything();
    applier.loop.start();
    return applier;
  }

  private void observeEverything() {
    for (Zone zone : provider.zones()) {
      ObservedZone observed = new ObservedZone(provider.records(zone));
      zonesById.put(zone.id(), zone);
      observedById.put(zone.id(), observed);
      // Records first, the zone last: a planner that learns of the zone has likely seen what it holds.
      observed.byName().forEach((name, records) -> observations.recordsAt(zone, name, records));
      observations.zone(zone, provider.capabilities());
      log.info("observing zone {} ({}) of {}: {} names", zone.name(), zone.id(), provider.name(), observed.byName().size());
    }
    producer.flush();
  }

  private void run() {
    consumer = consumer(config);
    try (ApprovalReader approvalReader = new ApprovalReader(config, approvalsTopic, provider.name())) {
      consumer.subscribe(List.of(changesTopic.name()), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          // Another replica takes these over and re-reads from the committed offset, held batches included.
          held.dropPartitions(partitions);
          partitions.forEach(consumedNext::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
      });
      Instant nextDriftCheck = clock.instant().plus(config.driftInterval());
      while (running) {
        if (!clock.instant().isBefore(nextDriftCheck)) {
          checkDrift();
          nextDriftCheck = clock.instant().plus(config.driftInterval());
        }
        approvalReader.poll().forEach(this::approved);
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(config.pollTimeout())) {
          handle(record);
          producer.flush();
          commit(HeldBatches.partition(record), record.offset() + 1);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      log.error("applier for {} stopped on an unexpected error", provider.name(), e);
    } finally {
      consumer.close();
    }
  }

  /**
   * Lists every zone again (every --drift-interval, 1 h by default; never in between) and publishes
   * the names whose records differ from what the applier believed, so the planner repairs them.
   */
  private void checkDrift() {
    for (Zone zone : zonesById.values()) {
      try {
        ObservedZone observed = observedById.get(zone.id());
        java.util.Set<String> drifted = observed.replaceWith(provider.records(zone));
        drifted.forEach(name -> observations.recordsAt(zone, name, observed.at(name)));
        if (!drifted.isEmpty()) {
          log.warn("drift in zone {}: {} names changed outside dnsplane: {}", zone.name(), drifted.size(), drifted);
        }
      } catch (RuntimeException e) {
        log.warn("drift check of zone {} failed, retried at the next interval: {}", zone.name(), e.toString());
      }
    }
    producer.flush();
  }

  /** Commits what was consumed, but never past a held batch: a restart must read it again. */
  private void commit(TopicPartition partition, long next) {
    consumedNext.put(partition, next);
    long offset = held.committable(partition, next);
    if (offset > committed.getOrDefault(partition, -1L)) {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
      committed.put(partition, offset);
    }
  }

  /** An operator approved a zone's held deletes: apply what was held, in order. */
  private void approved(DeleteApproval approval) {
    approvals.put(approval.getZoneId(), approval.getApprovedAt());
    breaker.approved(approval.getZoneId());
    List<ConsumerRecord<byte[], byte[]>> released = held.release(approval.getZoneId());
    if (released.isEmpty()) {
      return;
    }
    log.warn("deletes in zone {} approved by {}: applying {} held batches", approval.getZoneId(),
        approval.getApprovedBy(), released.size());
    released.forEach(this::handle);
    producer.flush();
    released.stream().map(HeldBatches::partition).distinct()
        .forEach(p -> commit(p, consumedNext.getOrDefault(p, 0L)));
  }

  private void handle(ConsumerRecord<byte[], byte[]> record) {
    ChangeBatch batch;
    try {
      batch = changesTopic.valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      deadLetter(record, e);
      return;
    }
    if (batch == null) {
      return;
    }
    MDC.put("batch", batch.getBatchId());
    try {
      apply(batch, record);
    } finally {
      MDC.remove("batch");
    }
  }

  private void apply(ChangeBatch batch, ConsumerRecord<byte[], byte[]> record) {
    Zone zone = zonesById.get(batch.getZoneId());
    Changes changes = new Changes(AvroEndpoints.fromAvro(batch.getCreate()), AvroEndpoints.fromAvro(batch.getUpdateOld()),
        AvroEndpoints.fromAvro(batch.getUpdateNew()), AvroEndpoints.fromAvro(batch.getDelete()));
    if (zone == null) {
      List<RecordFailure> failures = changes.all().stream()
          .map(e -> new RecordFailure(e, "zone " + batch.getZoneId() + " is not managed by this applier", false)).toList();
      publishResult(batch, ApplyStatus.FAILED, Optional.empty(), List.of(), List.of(), failures,
          "zone " + batch.getZoneId() + " is not managed by this applier");
      return;
    }
    ObservedZone observed = observedById.get(zone.id());
    Set<String> touched = new TreeSet<>();
    changes.all().forEach(e -> touched.add(e.dnsName()));
    List<Endpoint> before = recordsAt(observed, touched);
    if (batch.getDryRun()) {
      publishResult(batch, ApplyStatus.DRY_RUN, Optional.empty(), before, before, List.of(), "--dry-run");
      log.info("DRY_RUN batch {} on {}: would apply {}", batch.getBatchId(), zone.name(), changes);
      return;
    }
    int ownershipDeletes = (int) changes.delete().stream().filter(e -> e.recordType().equals("TXT")).count();
    Optional<String> hold = held.isHeld(zone.id())
        ? Optional.of("waiting behind earlier batches the delete breaker holds in zone " + zone.name())
        : isApproved(batch) ? Optional.empty()
        : breaker.check(zone.id(), observed.txtRecordSets(), ownershipDeletes, clock.instant());
    if (hold.isPresent()) {
      held.hold(zone.id(), record);
      publishResult(batch, ApplyStatus.HELD, Optional.empty(), before, before, List.of(), hold.get());
      log.warn("HELD batch {} on {}: {}", batch.getBatchId(), zone.name(), hold.get());
      return;
    }

    ApplyOutcome outcome = applyWithRetry(zone, changes);
    Changes accepted = Accepted.of(changes, outcome.failures());
    observed.apply(accepted);
    breaker.applied(zone.id(), (int) accepted.delete().stream().filter(e -> e.recordType().equals("TXT")).count(),
        clock.instant());
    List<Endpoint> after = recordsAt(observed, touched);
    // Every touched name is reported, changed or not, tagged with the batch: the planner waits for
    // it before planning the name again, and backs off when the provider refused something there.
    Set<String> refusedNames = new TreeSet<>();
    outcome.failures().forEach(f -> refusedNames.add(f.endpoint().dnsName()));
    for (String name : touched) {
      observations.recordsAt(zone, name, observed.at(name), batch.getBatchId(), refusedNames.contains(name));
    }
    ApplyStatus status = changes.isEmpty() ? ApplyStatus.NOTHING_TO_DO
        : outcome.failures().isEmpty() ? ApplyStatus.APPLIED
        : outcome.failures().size() >= changes.all().size() ? ApplyStatus.FAILED
        : ApplyStatus.PARTIAL;
    publishResult(batch, status, outcome.providerChangeId(), before, after, outcome.failures(), "");
    log.info("{} batch {} on {}: {}{}", status, batch.getBatchId(), zone.name(), changes,
        outcome.failures().isEmpty() ? "" : " failures " + outcome.failures());
  }

  private ApplyOutcome applyWithRetry(Zone zone, Changes changes) {
    for (int attempt = 1; ; attempt++) {
      try {
        return provider.apply(zone, changes);
      } catch (RetryableProviderException e) {
        if (attempt >= backoff.maxAttempts() || !running) {
          List<RecordFailure> failures = changes.all().stream()
              .map(r -> new RecordFailure(r, "gave up after " + backoff.maxAttempts() + " attempts: " + e.getMessage(), true))
              .toList();
          return new ApplyOutcome(Optional.empty(), failures);
        }
        Duration delay = backoff.delay(attempt, e.retryAfter(), ThreadLocalRandom.current());
        log.warn("{} on {}, attempt {}: retrying in {} ms", e.getMessage(), zone.name(), attempt, delay.toMillis());
        sleep(delay);
      }
    }
  }

  private static List<Endpoint> recordsAt(ObservedZone observed, Set<String> names) {
    List<Endpoint> records = new ArrayList<>();
    names.forEach(n -> records.addAll(observed.at(n)));
    return records;
  }

  private boolean isApproved(ChangeBatch batch) {
    Instant approvedAt = approvals.get(batch.getZoneId());
    return approvedAt != null && !batch.getPlannedAt().isAfter(approvedAt);
  }

  private void publishResult(ChangeBatch batch, ApplyStatus status, Optional<String> changeId,
      List<Endpoint> before, List<Endpoint> after, List<RecordFailure> failures, String reason) {
    ApplyResult result = ApplyResult.newBuilder()
        .setBatchId(batch.getBatchId())
        .setProvider(provider.name())
        .setZoneId(batch.getZoneId())
        .setZoneName(batch.getZoneName())
        .setStatus(status)
        .setReason(reason)
        .setProviderChangeId(changeId.orElse(null))
        .setBefore(AvroEndpoints.toAvro(before))
        .setAfter(AvroEndpoints.toAvro(after))
        .setFailures(new ArrayList<>(failures.stream().map(f -> io.dnsplane.avro.RecordFailure.newBuilder()
            .setEndpoint(AvroEndpoints.toAvro(f.endpoint())).setReason(f.reason()).setRetryable(f.retryable()).build())
            .toList()))
        .setCauses(batch.getCauses())
        .setAppliedAt(clock.instant())
        .build();
    ZoneRef key = new ZoneRef(provider.name(), batch.getZoneId());
    producer.send(new ProducerRecord<>(resultsTopic.name(),
        resultsTopic.keySerde().serializer().serialize(resultsTopic.name(), key),
        resultsTopic.valueSerde().serializer().serialize(resultsTopic.name(), result)));
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> record, Exception error) {
    log.error("unreadable record at {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
        deadLetterTopic.name(), error.getMessage());
    ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(deadLetterTopic.name(), record.key(), record.value());
    DeadLetterHeaders.describe(dead.headers(), record.topic(), record.partition(), record.offset(), error);
    producer.send(dead);
  }

  private void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private static Producer<byte[], byte[]> producer(ApplierConfig config, String provider) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "dnsplane-applier-" + provider);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> consumer(ApplierConfig config) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public void close() {
    running = false;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      loop.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close();
    provider.close();
    log.info("applier for {} stopped", provider.name());
  }
}
