package io.dnsplane.applier.core;

import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.model.Adjustments;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import io.dnsplane.schema.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the change batches of one poll into provider calls and publications. Per zone, in order:
 * dry-run batches are reported, batches that must wait for an operator are held ({@link DeleteHolds}),
 * everything else is compared with what the zone holds ({@link AlreadyApplied}) and applied in
 * merged calls ({@link CulpritIsolation}) through {@link ProviderRetries}. What happened is written
 * to the {@link Outbox}: the touched names' records (tagged with the batch) and one audit result
 * per batch, whose status {@link BatchVerdict} decides.
 */
final class BatchRunner {
  private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

  private final DnsProvider provider;
  private final OwnedZones zones;
  private final ObservationPublisher observations;
  private final Topic<ZoneRef, ChangeBatch> changesTopic;
  private final DeadLetters deadLetters;
  private final DeleteHolds holds;
  private final ProviderRetries retries;
  private final ResultPublisher results;
  private final ApplierMetrics metrics;

  BatchRunner(DnsProvider provider, OwnedZones zones, ObservationPublisher observations,
      Topic<ZoneRef, ChangeBatch> changesTopic, DeadLetters deadLetters, DeleteHolds holds, ProviderRetries retries,
      ResultPublisher results, ApplierMetrics metrics) {
    this.provider = provider;
    this.zones = zones;
    this.observations = observations;
    this.changesTopic = changesTopic;
    this.deadLetters = deadLetters;
    this.holds = holds;
    this.retries = retries;
    this.results = results;
    this.metrics = metrics;
  }

  /** An operator approved a zone's deletes planned up to {@code approvedAt}. */
  void approved(String zoneId, Instant approvedAt) {
    holds.approved(zoneId, approvedAt);
  }

  /** Applies a poll's records; each zone's batches keep their order. */
  void run(List<ConsumerRecord<byte[], byte[]>> records) {
    ReceivedBatch.byZone(records, changesTopic, deadLetters).forEach(this::runZone);
  }

  /** Batches waiting to be applied together: no two touch the same name. */
  private record Pending(ReceivedBatch received, Changes remaining, List<Endpoint> before) {}

  private void runZone(String zoneId, List<ReceivedBatch> batches) {
    Optional<Zone> known = zones.zone(zoneId);
    if (known.isEmpty()) {
      String why = "zone " + zoneId + " is not managed by this applier";
      batches.forEach(b -> results.unapplied(b.batch(), ApplyStatus.FAILED, why, List.of(),
          b.changes().all().stream().map(e -> new RecordFailure(e, why, false)).toList()));
      return;
    }
    Zone zone = known.get();
    ObservedZone observed = zones.observed(zone);
    // As the provider will hold them (ExternalDNS's AdjustEndpoints; most providers change nothing):
    // asked once for all of the zone's batches, not once a batch (a webhook's POST /adjustendpoints).
    List<Adjustments.Adjustment> adjustments = Adjustments.ask(batches.stream().map(ReceivedBatch::changes).toList(),
        provider::adjust);
    observations.adjusted(zone, adjustments);
    List<Pending> pending = new ArrayList<>();
    Set<String> pendingNames = new TreeSet<>();
    for (ReceivedBatch received : batches) {
      Set<String> names = received.names();
      boolean alone = received.batch().getDryRun() || received.ownershipDeletes() > 0
          || !holds.heldAmong(zoneId, names).isEmpty();
      if (alone || names.stream().anyMatch(pendingNames::contains)) {
        // Apply what came before, so this batch is judged against the zone as it then is.
        applyPending(zone, observed, pending);
        pendingNames.clear();
      }
      List<Endpoint> before = recordsAt(observed, names);
      if (received.batch().getDryRun()) {
        results.unapplied(received.batch(), ApplyStatus.DRY_RUN, "--dry-run", before, List.of());
        log.info("DRY_RUN batch {} on {}: would apply {}", received.batch().getBatchId(), zone.name(), received.changes());
        continue;
      }
      // Only the names a held batch touches wait; the rest of the zone goes on.
      Optional<String> hold = holds.reasonToHold(received.batch(), zone.name(), names, observed.txtRecordSets(),
          received.ownershipDeletes());
      if (hold.isPresent()) {
        holds.hold(zoneId, received.record(), names);
        // The planner learns the batch waits, so the objects wanting these names are told HELD and why.
        names.forEach(name -> observations.heldAt(zone, name, observed.at(name), received.batch().getBatchId(), hold.get()));
        results.unapplied(received.batch(), ApplyStatus.HELD, hold.get(), before, List.of());
        log.warn("HELD batch {} on {}: {}", received.batch().getBatchId(), zone.name(), hold.get());
        continue;
      }
      pending.add(new Pending(received, AlreadyApplied.remaining(Adjustments.applied(received.changes(), adjustments),
          observed), before));
      pendingNames.addAll(names);
    }
    applyPending(zone, observed, pending);
  }

  private void applyPending(Zone zone, ObservedZone observed, List<Pending> pending) {
    if (pending.isEmpty()) {
      return;
    }
    CulpritIsolation isolation = new CulpritIsolation(provider::fitsOneCall,
        merged -> retries.apply(zone.name(), merged, changes -> provider.apply(zone, changes)));
    Map<String, ApplyOutcome> outcomes = isolation.apply(pending.stream()
        .map(p -> new CulpritIsolation.Part(p.received().batch().getBatchId(), p.remaining())).toList());
    metrics.applyCalls(isolation.calls());
    for (Pending p : pending) {
      ChangeBatch batch = p.received().batch();
      ApplyOutcome outcome = outcomes.get(batch.getBatchId());
      Changes accepted = Accepted.of(p.remaining(), outcome.failures());
      boolean appliedEarlier = false;
      if (BatchVerdict.refused(outcome.failures()) && refresh(zone, observed, p.received().names())) {
        // The provider's word, not our view: a refusal may mean an earlier attempt went through.
        appliedEarlier = AlreadyApplied.remaining(p.remaining(), observed).isEmpty();
        if (appliedEarlier) {
          log.warn("batch {} on {} was refused, but the zone holds every change: an earlier attempt went through",
              batch.getBatchId(), zone.name());
          outcome = new ApplyOutcome(outcome.providerChangeId(), List.of());
          accepted = p.remaining();
        }
      } else {
        observed.apply(accepted);
      }
      holds.applied(zone.id(), ReceivedBatch.ownershipDeletes(accepted));
      report(zone, observed, batch, p.received().names(), outcome.failures());
      BatchVerdict verdict = BatchVerdict.of(p.received().changes(), p.remaining(), outcome.failures(), appliedEarlier);
      results.publish(batch, verdict, outcome.providerChangeId(), p.before(), recordsAt(observed, p.received().names()),
          outcome.failures());
      log.info("{} batch {} on {}: {}{}", verdict.status(), batch.getBatchId(), zone.name(), p.remaining(),
          outcome.failures().isEmpty() ? "" : " failures " + outcome.failures());
    }
    pending.clear();
  }

  /**
   * Every touched name is reported, changed or not, tagged with the batch: the planner waits for it
   * before planning the name again, and backs off where the provider refused something, in its words.
   */
  private void report(Zone zone, ObservedZone observed, ChangeBatch batch, Set<String> touched,
      List<RecordFailure> failures) {
    Map<String, Set<String>> refusals = new TreeMap<>();
    failures.forEach(f -> refusals.computeIfAbsent(f.endpoint().dnsName(), n -> new LinkedHashSet<>())
        .add(f.reason() == null || f.reason().isBlank() ? "refused by the provider" : f.reason()));
    touched.forEach(name -> observations.recordsAt(zone, name, observed.at(name), batch.getBatchId(),
        String.join("; ", refusals.getOrDefault(name, Set.of()))));
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

  private static List<Endpoint> recordsAt(ObservedZone observed, Set<String> names) {
    List<Endpoint> records = new ArrayList<>();
    names.forEach(n -> records.addAll(observed.at(n)));
    return records;
  }
}
