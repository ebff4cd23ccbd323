package io.dnsplane.planner.topology;

import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.avro.ObjectState;
import io.dnsplane.avro.ProviderZone;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.avro.planner.NameDesire;
import io.dnsplane.avro.planner.NameEvent;
import io.dnsplane.avro.planner.NameObservation;
import io.dnsplane.avro.planner.NameState;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.Changes;
import io.dnsplane.model.DnsNames;
import io.dnsplane.planner.PlannerConfig;
import io.dnsplane.model.DomainFilter;
import io.dnsplane.planner.plan.NamePlanner;
import io.dnsplane.planner.plan.Plan;
import io.dnsplane.planner.plan.PlanRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Keeps everything known at one DNS name and re-plans the name whenever any of it changes, emitting
 * one change batch for the name's zone when the plan is not empty. The planning itself is
 * {@link NamePlanner}, a pure function; this class only loads and stores state around it.
 */
final class NamePlanProcessor implements Processor<String, NameEvent, String, PlannerOutput> {
  private static final Logger log = LoggerFactory.getLogger(NamePlanProcessor.class);

  private final NamePlanner planner;
  private final Duration pendingRetryInterval;
  private final Duration failureBackoff;
  private final boolean dryRun;
  private final DomainFilter domainFilter;
  private ProcessorContext<String, PlannerOutput> context;
  private KeyValueStore<String, NameState> names;
  private KeyValueStore<String, String> pending;
  private KeyValueStore<ClusterKey, ClusterHeartbeat> clusters;
  private KeyValueStore<ZoneRef, ProviderZone> zones;
  private StatusPublisher statuses;
  private ClusterOwners owners;
  /** The zones this processor has planned with; a zone that appears later gets the names it serves. */
  private final Set<ZoneRef> knownZones = new HashSet<>();

  private final PlannerConfig config;

  NamePlanProcessor(NamePlanner planner, PlannerConfig config) {
    this.planner = planner;
    this.config = config;
    this.pendingRetryInterval = config.pendingRetryInterval();
    this.failureBackoff = config.failureBackoff();
    this.dryRun = config.dryRun();
    this.domainFilter = config.domainFilter();
  }

  @Override
  public void init(ProcessorContext<String, PlannerOutput> context) {
    this.context = context;
    this.names = context.getStateStore(PlannerStores.NAME_STATE);
    this.pending = context.getStateStore(PlannerStores.PENDING_NAMES);
    this.clusters = context.getStateStore(PlannerStores.CLUSTER_STATUS);
    this.zones = context.getStateStore(PlannerStores.PROVIDER_ZONES);
    this.statuses = new StatusPublisher(context);
    this.owners = new ClusterOwners(clusters, config, context::currentSystemTimeMs);
    context.schedule(pendingRetryInterval, PunctuationType.WALL_CLOCK_TIME, this::retryPending);
    context.schedule(pendingRetryInterval, PunctuationType.WALL_CLOCK_TIME, this::replanOnClusterChanges);
    try (KeyValueIterator<ZoneRef, ProviderZone> all = zones.all()) {
      all.forEachRemaining(kv -> knownZones.add(kv.key));
    }
    context.schedule(pendingRetryInterval, PunctuationType.WALL_CLOCK_TIME, this::replanOnNewZones);
  }

  @Override
  public void process(Record<String, NameEvent> record) {
    String name = record.key();
    NameEvent event = record.value();
    if (name == null || event == null) {
      return;
    }
    NameState state = Optional.ofNullable(names.get(name)).orElseGet(NameStates::empty);
    Instant at = Instant.ofEpochMilli(record.timestamp());
    if (event.getDesire() != null) {
      if (event.getDesire().getEndpoints().isEmpty()) {
        statuses.withdrawn(name, event.getDesire(), at);
      }
      NameStates.putDesire(state, event.getDesire());
      state.setLastCause(event.getDesire().getCause());
    }
    NameObservation observation = event.getObservation();
    if (observation != null) {
      Optional<String> awaited = InFlightBatches.inZone(state, observation.getZoneId());
      if (awaited.isPresent() && !awaited.get().equals(observation.getBatchId())) {
        // Older than the change in flight, which the state already assumes: it would only undo that.
        return;
      }
      if (!observation.getHeld().isEmpty()) {
        // The delete breaker holds the batch in flight: it stays in flight (planned once, applied when
        // approved), the state keeps assuming it, and the objects are told why it waits.
        if (awaited.isPresent()) {
          state.setHeldReason(observation.getHeld());
          plan(name, state, at, PlanRules.Trigger.OBSERVATION);
        }
        return;
      }
      NameStates.putObservation(state, observation);
      state.setHeldReason("");
      if (awaited.isPresent()) {
        InFlightBatches.acknowledge(state, observation.getZoneId());
        if (observation.getBatchFailed()) {
          log.warn("{}: the provider refused part of batch {}; planning it again in {}", name, awaited.get(), failureBackoff);
          pending.put(name, PendingName.refused(wallClock().plus(failureBackoff), awaited.get(), observation.getFailure()));
        }
      }
    }
    if (event.getDesire() == null && inBackoff(name, wallClock())) {
      PendingName waiting = PendingName.parse(pending.get(name));
      ObjectState told = waiting.isRefusal() ? ObjectState.ERROR : ObjectState.PENDING;
      String retry = waiting.isRefusal() ? "; retrying in " + failureBackoff : "; retrying";
      statuses.publish(name, state, d -> StatusDecider.notPlanned(told, waiting.reason() + retry), at);
      save(name, state);
      return;
    }
    plan(name, state, at, event.getDesire() != null ? PlanRules.Trigger.DESIRE : PlanRules.Trigger.OBSERVATION);
  }

  private void retryPending(long now) {
    Instant at = Instant.ofEpochMilli(now);
    List<String> retry = new ArrayList<>();
    try (KeyValueIterator<String, String> all = pending.all()) {
      all.forEachRemaining(kv -> {
        PendingName p = PendingName.parse(kv.value);
        if (p == null || !at.isBefore(p.retryAt())) {
          retry.add(kv.key);
        }
      });
    }
    for (String name : retry) {
      NameState state = names.get(name);
      if (state == null) {
        pending.delete(name);
      } else {
        plan(name, state, at, PlanRules.Trigger.TIMER);
      }
    }
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
    Instant at = Instant.ofEpochMilli(now);
    affected.stream().filter(name -> !inBackoff(name, at)).forEach(name -> plan(name, names.get(name), at, PlanRules.Trigger.TIMER));
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
    Instant at = Instant.ofEpochMilli(now);
    affected.stream().filter(name -> !inBackoff(name, at)).forEach(name -> plan(name, names.get(name), at, PlanRules.Trigger.TIMER));
  }

  private boolean inBackoff(String name, Instant at) {
    PendingName waiting = PendingName.parse(pending.get(name));
    return waiting != null && waiting.isBackoff() && at.isBefore(waiting.retryAt());
  }

  private void plan(String name, NameState state, Instant at, PlanRules.Trigger trigger) {
    MDC.put("dnsName", name);
    try {
      if (!domainFilter.matches(name)) {
        if (!state.getDesires().isEmpty()) {
          log.info("{} is outside the domain filter {}: not planned", name, domainFilter);
        }
        statuses.publish(name, state, d -> StatusDecider.notPlanned(ObjectState.INVALID,
            name + " is outside the planner's domain filter " + domainFilter), at);
        save(name, state);
        return;
      }
      List<ZoneInfo> zones = zonesOf(name, state);
      if (zones.isEmpty()) {
        if (!state.getDesires().isEmpty() && pending.get(name) == null) {
          log.warn("{} is in no zone any applier manages; it waits until one does", name);
          pending.put(name, PendingName.retryAt(Instant.EPOCH, "no managed zone serves it"));
        }
        statuses.publish(name, state, d -> StatusDecider.notPlanned(ObjectState.PENDING,
            "no zone any applier manages serves " + name), at);
        save(name, state);
        return;
      }
      pending.delete(name);
      List<NameDesire> allowed = state.getDesires().stream()
          .filter(d -> config.clusterDomains().mayClaim(d.getSource().getClusterId(), name)).toList();
      Map<ZoneInfo, Plan> plans = new LinkedHashMap<>();
      io.dnsplane.planner.plan.OwnerScope scope = owners.scopeFor(state);
      for (ZoneInfo zone : zones) {
        plans.put(zone, planner.plan(name, zone.zoneName(), desired(allowed), observed(state, zone),
            scope, zone.capabilities()));
      }
      ClusterOwners.waitingForSync(state, scope).ifPresent(owner -> pending.put(name, PendingName.retryAt(
          wallClock().plus(pendingRetryInterval), "waiting for " + owner + "'s initial sync to withdraw its records")));
      boolean deletesMayGo = deletesMayGo(name, state, plans.values().stream().anyMatch(p -> !p.changes().delete().isEmpty()));
      Map<ZoneInfo, List<Endpoint>> now = new LinkedHashMap<>();
      plans.forEach((zone, plan) -> {
        Changes changes = deletesMayGo ? plan.changes() : withoutDeletes(plan.changes());
        if (!changes.isEmpty()) {
          Changes records = deletesMayGo ? plan.records() : withoutDeletes(plan.records());
          ChangeBatch batch = PlannedBatches.of(zone, changes, state, at, PlanRules.of(trigger, records, changes));
          batch.setDryRun(dryRun);
          if (!dryRun) {
            NameStates.applyOptimistically(state, changes, zone);
            InFlightBatches.put(state, zone.zoneId(), batch.getBatchId());
          }
          log.info("planned {} for {}: {}", batch.getBatchId(), name, changes);
          context.forward(new Record<>(name, new PlannerOutput.Batch(zone.ref(), batch), at.toEpochMilli()));
        }
        now.put(zone, observed(state, zone));
      });
      ZoneInfo first = zones.get(0);
      statuses.publish(name, first.zoneName(), state, d -> allowed.contains(d)
          ? worst(plans.keySet().stream().map(z -> StatusDecider.decide(d, plans.get(z), now.get(z),
              InFlightBatches.batchIds(state), state.getHeldReason(), dryRun)).toList())
          : StatusDecider.notPlanned(ObjectState.INVALID, "cluster " + d.getSource().getClusterId()
              + " may only claim names in " + config.clusterDomains().describe(d.getSource().getClusterId())), at);
      save(name, state);
    } finally {
      MDC.remove("dnsName");
    }
  }

  /**
   * --deletion-grace: deletes wait until they have been planned for the whole grace period; if the
   * desire comes back meanwhile they are simply no longer planned.
   */
  private boolean deletesMayGo(String name, NameState state, boolean deletesPlanned) {
    Duration grace = config.deletionGrace();
    Instant now = wallClock();
    if (!deletesPlanned || grace.isZero()) {
      state.setDeletesPlannedSince(0L);
      return true;
    }
    if (state.getDeletesPlannedSince() == 0L) {
      state.setDeletesPlannedSince(now.toEpochMilli());
    }
    Instant due = Instant.ofEpochMilli(state.getDeletesPlannedSince()).plus(grace);
    if (!now.isBefore(due)) {
      state.setDeletesPlannedSince(0L);
      return true;
    }
    log.info("{}: holding deletes until {} (--deletion-grace {})", name, due, grace);
    pending.put(name, PendingName.retryAt(due, "deletes held by --deletion-grace until " + due));
    return false;
  }

  private static Changes withoutDeletes(Changes changes) {
    return new Changes(changes.create(), changes.updateOld(), changes.updateNew(), List.of());
  }

  /** Of one desire's decisions in several zones, the one to report: the first that is not READY. */
  private static StatusDecider.Decision worst(List<StatusDecider.Decision> decisions) {
    return decisions.stream().filter(d -> d.state() != ObjectState.READY).findFirst().orElse(decisions.get(0));
  }

  /** Timers (backoff, grace, staleness) run on the wall clock, as punctuators do. */
  private Instant wallClock() {
    return Instant.ofEpochMilli(context.currentSystemTimeMs());
  }

  private void save(String name, NameState state) {
    if (NameStates.isEmpty(state)) {
      names.delete(name);
    } else {
      names.put(name, state);
    }
  }

  /**
   * The zones a name is planned in: where it is observed (it stays where it lives, even if a more
   * specific zone appears later), plus the zones of the same name beside them (split horizon);
   * otherwise the most specific zones that serve it.
   */
  private List<ZoneInfo> zonesOf(String name, NameState state) {
    List<ZoneInfo> observedIn = new ArrayList<>();
    for (NameObservation o : state.getObservations()) {
      if (o.getSourceName().equals(name) && !o.getZoneName().isEmpty()
          && observedIn.stream().noneMatch(z -> z.provider().equals(o.getProvider()) && z.zoneId().equals(o.getZoneId()))) {
        ProviderZone known = zones.get(new ZoneRef(o.getProvider(), o.getZoneId()));
        observedIn.add(new ZoneInfo(o.getProvider(), o.getZoneId(), DnsNames.normalize(o.getZoneName()),
            ZoneInfo.capabilitiesOf(known)));
      }
    }
    List<ZoneInfo> serving = ZoneInfo.servingAll(name, zones);
    if (observedIn.isEmpty()) {
      return serving;
    }
    List<ZoneInfo> result = new ArrayList<>(observedIn);
    serving.stream()
        .filter(z -> observedIn.stream().anyMatch(o -> o.zoneName().equals(z.zoneName())))
        .filter(z -> observedIn.stream().noneMatch(o -> o.ref().equals(z.ref())))
        .forEach(result::add);
    return result;
  }

  private static List<Endpoint> desired(List<NameDesire> desires) {
    List<Endpoint> desired = new ArrayList<>();
    for (NameDesire d : desires) {
      for (io.dnsplane.avro.Endpoint e : d.getEndpoints()) {
        desired.add(AvroEndpoints.fromAvro(e)
            .withLabel(Endpoint.LABEL_OWNER, d.getOwnerId())
            .withLabel(Endpoint.LABEL_RESOURCE, d.getResource()));
      }
    }
    return desired;
  }

  private static List<Endpoint> observed(NameState state, ZoneInfo zone) {
    List<Endpoint> observed = new ArrayList<>();
    for (NameObservation o : state.getObservations()) {
      if (o.getProvider().equals(zone.provider()) && o.getZoneId().equals(zone.zoneId())) {
        o.getRecords().forEach(r -> observed.add(AvroEndpoints.fromAvro(r)));
      }
    }
    return observed;
  }
}
