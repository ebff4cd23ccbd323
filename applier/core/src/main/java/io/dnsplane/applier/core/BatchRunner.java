package io.dnsplane.applier.core;

import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RecordFailure;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the change batches of one poll into provider calls and publications. Per zone, in order:
 * dry-run batches are reported, batches the delete breaker stops are held, everything else is
 * compared with what the zone holds ({@link AlreadyApplied}) and applied in merged calls
 * ({@link CulpritIsolation}). What happened is written to the {@link Outbox}: the touched names'
 * records (tagged with the batch) and one audit result per batch.
 */
final class BatchRunner {
  private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

  private final DnsProvider provider;
  private final OwnedZones zones;
  private final ObservationPublisher observations;
  private final Outbox outbox;
  private final Topic<ZoneRef, ChangeBatch> changesTopic;
  private final Topic<ZoneRef, ApplyResult> resultsTopic;
  private final DeadLetters deadLetters;
  private final DeleteBreaker breaker;
  private final HeldBatches held;
  private final Backoff backoff;
  private final Clock clock;
  private final BooleanSupplier running;
  private final ApplierMetrics metrics;
  private final Map<String, Instant> approvals = new HashMap<>();

  BatchRunner(DnsProvider provider, OwnedZones zones, ObservationPublisher observations, Outbox outbox,
      Topic<ZoneRef, ChangeBatch> changesTopic, Topic<ZoneRef, ApplyResult> resultsTopic, DeadLetters deadLetters,
      DeleteBreaker breaker, HeldBatches held, Backoff backoff, Clock clock, BooleanSupplier running,
      ApplierMetrics metrics) {
    this.provider = provider;
    this.zones = zones;
    this.observations = observations;
    this.outbox = outbox;
    this.changesTopic = changesTopic;
    this.resultsTopic = resultsTopic;
    this.deadLetters = deadLetters;
    this.breaker = breaker;
    this.held = held;
    this.backoff = backoff;
    this.clock = clock;
    this.running = running;
    this.metrics = metrics;
  }

  /** An operator approved a zone's deletes planned up to {@code approvedAt}. */
  void approved(String zoneId, Instant approvedAt) {
    approvals.put(zoneId, approvedAt);
    breaker.approved(zoneId);
  }

  /** Applies a poll's records; each zone's batches keep their order. */
  void run(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, List<Received>> byZone = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      ChangeBatch batch;
      try {
        batch = changesTopic.valueSerde().deserializer().deserialize(record.topic(), record.value());
      } catch (SerializationException e) {
        deadLetters.send(record, e);
        continue;
      }
      if (batch != null) {
        byZone.computeIfAbsent(batch.getZoneId(), z -> new ArrayList<>()).add(Received.of(record, batch));
      }
    }
    byZone.forEach(this::runZone);
  }

  /** A batch as consumed, with its changes and the names they touch, read once. */
  private record Received(ConsumerRecord<byte[], byte[]> record, ChangeBatch batch, Changes changes, Set<String> names) {
    static Received of(ConsumerRecord<byte[], byte[]> record, ChangeBatch batch) {
      Changes changes = new Changes(AvroEndpoints.fromAvro(batch.getCreate()), AvroEndpoints.fromAvro(batch.getUpdateOld()),
          AvroEndpoints.fromAvro(batch.getUpdateNew()), AvroEndpoints.fromAvro(batch.getDelete()));
      Set<String> names = new TreeSet<>();
      changes.all().forEach(e -> names.add(e.dnsName()));
      return new Received(record, batch, changes, names);
    }
  }


  /** Batches waiting to be applied together: no two touch the same name. */
  private record Pending(Received received, Changes remaining, List<Endpoint> before) {}

  private void runZone(String zoneId, List<Received> batches) {
    Optional<Zone> known = zones.zone(zoneId);
    if (known.isEmpty()) {
      String why = "zone " + zoneId + " is not managed by this applier";
      batches.forEach(b -> result(b.batch(), ApplyStatus.FAILED, Optional.empty(), List.of(), List.of(),
          b.changes().all().stream().map(e -> new RecordFailure(e, why, false)).toList(), why));
      return;
    }
    Zone zone = known.get();
    ObservedZone observed = zones.observed(zone);
    List<Pending> pending = new ArrayList<>();
    Set<String> pendingNames = new TreeSet<>();
    for (Received received : batches) {
      Changes changes = received.changes();
      Set<String> names = received.names();
      int ownershipDeletes = (int) changes.delete().stream().filter(e -> e.recordType().equals("TXT")).count();
      Set<String> waitingBehind = held.heldAmong(zoneId, names);
      boolean special = received.batch().getDryRun() || !waitingBehind.isEmpty() || ownershipDeletes > 0;
      if (special || names.stream().anyMatch(pendingNames::contains)) {
        // Apply what came before, so this batch is judged against the zone as it then is.
        applyPending(zone, observed, pending);
        pendingNames.clear();
      }
      List<Endpoint> before = recordsAt(observed, names);
      if (received.batch().getDryRun()) {
        result(received.batch(), ApplyStatus.DRY_RUN, Optional.empty(), before, before, List.of(), "--dry-run");
        log.info("DRY_RUN batch {} on {}: would apply {}", received.batch().getBatchId(), zone.name(), changes);
        continue;
      }
      // Only the names a held batch touches wait; the rest of the zone goes on.
      Optional<String> hold = !waitingBehind.isEmpty()
          ? Optional.of("waiting behind a delete the breaker holds at " + String.join(", ", waitingBehind)
              + " in zone " + zone.name())
          : isApproved(received.batch()) ? Optional.empty()
          : breaker.check(zoneId, observed.txtRecordSets(), ownershipDeletes, clock.instant());
      if (hold.isPresent()) {
        held.hold(zoneId, received.record(), names);
        // The planner learns the batch waits, so the objects wanting these names are told HELD and why.
        String why = hold.get();
        names.forEach(name -> observations.heldAt(zone, name, observed.at(name), received.batch().getBatchId(), why));
        result(received.batch(), ApplyStatus.HELD, Optional.empty(), before, before, List.of(), hold.get());
        log.warn("HELD batch {} on {}: {}", received.batch().getBatchId(), zone.name(), hold.get());
        continue;
      }
      pending.add(new Pending(received, AlreadyApplied.remaining(changes, observed), before));
      pendingNames.addAll(names);
    }
    applyPending(zone, observed, pending);
  }

  private void applyPending(Zone zone, ObservedZone observed, List<Pending> pending) {
    if (pending.isEmpty()) {
      return;
    }
    CulpritIsolation isolation = new CulpritIsolation(provider::fitsOneCall, merged -> applyWithRetry(zone, merged));
    Map<String, ApplyOutcome> outcomes = isolation.apply(pending.stream()
        .map(p -> new CulpritIsolation.Part(p.received().batch().getBatchId(), p.remaining())).toList());
    metrics.applyCalls(isolation.calls());
    for (Pending p : pending) {
      ChangeBatch batch = p.received().batch();
      ApplyOutcome outcome = outcomes.get(batch.getBatchId());
      Changes accepted = Accepted.of(p.remaining(), outcome.failures());
      boolean refused = !outcome.failures().isEmpty() && outcome.failures().stream().noneMatch(RecordFailure::retryable);
      boolean wentThrough = false;
      if (refused && refresh(zone, observed, p.received().names())) {
        // The provider's word, not our view: a refusal may mean an earlier attempt went through.
        wentThrough = AlreadyApplied.remaining(p.remaining(), observed).isEmpty();
        if (wentThrough) {
          log.warn("batch {} on {} was refused, but the zone holds every change: an earlier attempt went through",
              batch.getBatchId(), zone.name());
          outcome = new ApplyOutcome(outcome.providerChangeId(), List.of());
          accepted = p.remaining();
        }
      } else {
        observed.apply(accepted);
      }
      breaker.applied(zone.id(), (int) accepted.delete().stream().filter(e -> e.recordType().equals("TXT")).count(),
          clock.instant());
      Set<String> touched = p.received().names();
      // Every touched name is reported, changed or not, tagged with the batch: the planner waits for
      // it before planning the name again, and backs off when the provider refused something there.
      Map<String, Set<String>> refusals = new java.util.TreeMap<>();
      outcome.failures().forEach(f -> refusals.computeIfAbsent(f.endpoint().dnsName(), n -> new java.util.LinkedHashSet<>())
          .add(f.reason() == null || f.reason().isBlank() ? "refused by the provider" : f.reason()));
      touched.forEach(name -> observations.recordsAt(zone, name, observed.at(name), batch.getBatchId(),
          String.join("; ", refusals.getOrDefault(name, Set.of()))));
      Changes asked = p.received().changes();
      boolean redelivered = !asked.isEmpty() && p.remaining().isEmpty();
      ApplyStatus status = asked.isEmpty() ? ApplyStatus.NOTHING_TO_DO
          : outcome.failures().isEmpty() ? ApplyStatus.APPLIED
          : outcome.failures().size() >= p.remaining().all().size() ? ApplyStatus.FAILED
          : ApplyStatus.PARTIAL;
      result(batch, status, outcome.providerChangeId(), p.before(), recordsAt(observed, touched), outcome.failures(),
          redelivered ? "already applied: the zone held every change when the batch arrived"
              : wentThrough ? "applied by an earlier attempt: the provider refused the retry and holds every change" : "");
      log.info("{} batch {} on {}: {}{}", status, batch.getBatchId(), zone.name(), p.remaining(),
          outcome.failures().isEmpty() ? "" : " failures " + outcome.failures());
    }
    pending.clear();
  }

  /** Reads the names fresh from the provider into the view; false when the provider cannot say now. */
  private boolean refresh(Zone zone, ObservedZone observed, Set<String> names) {
    try {
      observed.replaceAt(names, provider.recordsAt(zone, names));
      return true;
    } catch (RuntimeException e) {
      log.warn("cannot read {} in {} after a refusal: {}", names, zone.name(), e.toString());
      return false;
    }
  }

  private ApplyOutcome applyWithRetry(Zone zone, Changes changes) {
    for (int attempt = 1; ; attempt++) {
      try {
        return provider.apply(zone, changes);
      } catch (RetryableProviderException e) {
        if (attempt >= backoff.maxAttempts() || !running.getAsBoolean()) {
          int attempts = attempt;
          List<RecordFailure> failures = changes.all().stream()
              .map(r -> new RecordFailure(r, "gave up after " + attempts + " attempts: " + e.getMessage(), true))
              .toList();
          return new ApplyOutcome(Optional.empty(), failures);
        }
        metrics.retry();
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

  private void result(ChangeBatch batch, ApplyStatus status, Optional<String> changeId,
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
    metrics.batch(status);
    ZoneRef key = new ZoneRef(provider.name(), batch.getZoneId());
    outbox.add(new ProducerRecord<>(resultsTopic.name(),
        resultsTopic.keySerde().serializer().serialize(resultsTopic.name(), key),
        resultsTopic.valueSerde().serializer().serialize(resultsTopic.name(), result)));
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
