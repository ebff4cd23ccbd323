package io.dnsplane.planner.topology;

import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.avro.ProviderZone;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.avro.planner.NameEvent;
import io.dnsplane.avro.planner.NameState;
import io.dnsplane.avro.planner.PendingRetry;
import io.dnsplane.model.DnsNames;
import io.dnsplane.planner.PlannerConfig;
import io.dnsplane.planner.decision.InFlightBatches;
import io.dnsplane.planner.decision.NameDecider;
import io.dnsplane.planner.decision.NameDecision;
import io.dnsplane.planner.decision.PendingRetries;
import io.dnsplane.planner.decision.PlannerOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Keeps everything known at one DNS name and has it decided again whenever any of it changes or a
 * timer comes for it. The deciding is {@link NameDecider}, a pure function; this processor only
 * loads the name's state and surroundings, calls it, stores what it decided and sends what it
 * planned.
 */
final class NamePlanProcessor implements Processor<String, NameEvent, String, PlannerOutput> {
  private static final Logger log = LoggerFactory.getLogger(NamePlanProcessor.class);

  private final NameDecider decider;
  private final Duration timerInterval;
  private final PlannerConfig config;
  private ProcessorContext<String, PlannerOutput> context;
  private KeyValueStore<String, NameState> names;
  private KeyValueStore<String, PendingRetry> pending;
  private KeyValueStore<ZoneRef, ProviderZone> zones;
  private ClusterOwners owners;
  /** The zones this processor has planned with; a zone that appears later gets the names it serves. */
  private final Set<ZoneRef> knownZones = new HashSet<>();

  NamePlanProcessor(NameDecider decider, PlannerConfig config) {
    this.decider = decider;
    this.config = config;
    this.timerInterval = config.pendingRetryInterval();
  }

  @Override
  public void init(ProcessorContext<String, PlannerOutput> context) {
    this.context = context;
    this.names = context.getStateStore(PlannerStores.NAME_STATE);
    this.pending = context.getStateStore(PlannerStores.PENDING_RETRIES);
    moveLegacyPending(context.getStateStore(PlannerStores.PENDING_NAMES));
    KeyValueStore<ClusterKey, ClusterHeartbeat> clusters = context.getStateStore(PlannerStores.CLUSTER_STATUS);
    this.zones = context.getStateStore(PlannerStores.PROVIDER_ZONES);
    // Timers run on the planner's clock: a watcher's clock, which stamps its records, cannot shorten
    // a --deletion-grace or a backoff. A replay sets this clock to each record's time.
    this.owners = new ClusterOwners(clusters, config, context::currentSystemTimeMs);
    context.schedule(timerInterval, PunctuationType.WALL_CLOCK_TIME, this::retryPending);
    context.schedule(timerInterval, PunctuationType.WALL_CLOCK_TIME, this::replanOnClusterChanges);
    try (KeyValueIterator<ZoneRef, ProviderZone> all = zones.all()) {
      all.forEachRemaining(kv -> knownZones.add(kv.key));
    }
    context.schedule(timerInterval, PunctuationType.WALL_CLOCK_TIME, this::replanOnNewZones);
  }

  /** Names waiting in the store's earlier form ({@code millis|reason} strings) move to the typed store once. */
  private void moveLegacyPending(KeyValueStore<String, String> legacy) {
    List<String> moved = new ArrayList<>();
    try (KeyValueIterator<String, String> all = legacy.all()) {
      all.forEachRemaining(kv -> {
        if (kv.value != null && pending.get(kv.key) == null) {
          pending.put(kv.key, PendingRetries.fromLegacy(kv.value));
        }
        moved.add(kv.key);
      });
    }
    moved.forEach(legacy::delete);
    if (!moved.isEmpty()) {
      log.info("moved {} waiting names to the {} store", moved.size(), PlannerStores.PENDING_RETRIES);
    }
  }

  @Override
  public void process(Record<String, NameEvent> record) {
    String name = record.key();
    if (name == null || record.value() == null) {
      return;
    }
    Instant at = Instant.ofEpochMilli(record.timestamp());
    NameDecider.Around around = around(name);
    apply(name, decider.onEvent(name, names.get(name), record.value(), at, around), around.pending(), at);
  }

  private void retryPending(long now) {
    Instant at = Instant.ofEpochMilli(now);
    List<String> due = new ArrayList<>();
    try (KeyValueIterator<String, PendingRetry> all = pending.all()) {
      all.forEachRemaining(kv -> {
        if (kv.value == null || PendingRetries.isDue(kv.value, at)) {
          due.add(kv.key);
        }
      });
    }
    due.forEach(name -> onTimer(name, at));
  }

  /** A cluster finished its initial sync, went stale or came back: re-plan the names it touches. */
  private void replanOnClusterChanges(long now) {
    Set<String> changed = owners.changedSinceLastLook();
    if (changed.isEmpty()) {
      return;
    }
    log.info("clusters changed state (owners {}): re-planning their names", changed);
    List<String> affected = new ArrayList<>();
    try (KeyValueIterator<String, NameState> all = names.all()) {
      all.forEachRemaining(kv -> {
        boolean touches = kv.value.getClaimants().stream().anyMatch(changed::contains)
            || kv.value.getDesires().stream().anyMatch(d -> changed.contains(d.getOwnerId()));
        if (touches && InFlightBatches.isEmpty(kv.value)) {
          affected.add(kv.key);
        }
      });
    }
    replan(affected, Instant.ofEpochMilli(now));
  }

  /**
   * A zone that appeared since (a private zone beside a public one, a zone let through a filter)
   * gets the names it serves that are already planned elsewhere; names that waited for any zone
   * are retried by {@link #retryPending}.
   */
  private void replanOnNewZones(long now) {
    List<ProviderZone> added = new ArrayList<>();
    try (KeyValueIterator<ZoneRef, ProviderZone> all = zones.all()) {
      all.forEachRemaining(kv -> {
        if (kv.value != null && knownZones.add(kv.key)) {
          added.add(kv.value);
        }
      });
    }
    if (added.isEmpty()) {
      return;
    }
    List<String> affected = new ArrayList<>();
    try (KeyValueIterator<String, NameState> all = names.all()) {
      all.forEachRemaining(kv -> {
        boolean served = added.stream().anyMatch(z -> DnsNames.isInZone(kv.key, DnsNames.normalize(z.getZoneName())));
        if (served && !kv.value.getDesires().isEmpty()) {
          affected.add(kv.key);
        }
      });
    }
    log.info("new zones {}: planning their {} names", added.stream().map(ProviderZone::getZoneId).toList(), affected.size());
    replan(affected, Instant.ofEpochMilli(now));
  }

  /** Plans these names again, but not those backing off. */
  private void replan(List<String> affected, Instant at) {
    affected.stream().filter(name -> !PendingRetries.inBackoff(pending.get(name), at)).forEach(name -> onTimer(name, at));
  }

  private void onTimer(String name, Instant at) {
    NameDecider.Around around = around(name);
    apply(name, decider.onTimer(name, names.get(name), at, around), around.pending(), at);
  }

  private NameDecider.Around around(String name) {
    Map<ZoneRef, ProviderZone> all = new HashMap<>();
    try (KeyValueIterator<ZoneRef, ProviderZone> it = zones.all()) {
      it.forEachRemaining(kv -> {
        if (kv.value != null) {
          all.put(kv.key, kv.value);
        }
      });
    }
    return new NameDecider.Around(all, owners.read(), pending.get(name),
        Instant.ofEpochMilli(context.currentSystemTimeMs()));
  }

  /**
   * Stores what was decided and sends what was planned, at the time of what it was decided on.
   *
   * @param before what waited at the name when the decision was asked for
   */
  private void apply(String name, NameDecision decision, PendingRetry before, Instant at) {
    MDC.put("dnsName", name);
    try {
      decision.notes().forEach(n -> {
        if (n.level() == NameDecision.Level.WARN) {
          log.warn("{}: {}", name, n.message());
        } else {
          log.info("{}", n.message());
        }
      });
      if (decision.save()) {
        if (decision.state() == null) {
          names.delete(name);
        } else {
          names.put(name, decision.state());
        }
      }
      if (decision.pending() == null && before != null) {
        pending.delete(name);
      } else if (decision.pending() != null && !Objects.equals(before, decision.pending())) {
        pending.put(name, decision.pending());
      }
      for (PlannerOutput out : decision.outputs()) {
        if (out instanceof PlannerOutput.Batch b) {
          log.info("planned {} for {}: create {}, update {} -> {}, delete {}", b.batch().getBatchId(), name,
              records(b.batch().getCreate()), records(b.batch().getUpdateOld()), records(b.batch().getUpdateNew()),
              records(b.batch().getDelete()));
        }
        context.forward(new Record<>(name, out, at.toEpochMilli()));
      }
    } finally {
      MDC.remove("dnsName");
    }
  }

  private static List<String> records(List<io.dnsplane.avro.Endpoint> endpoints) {
    return endpoints.stream().map(e -> e.getDnsName() + " " + e.getRecordType() + " " + e.getTargets()).toList();
  }
}
