package io.dnsplane.planner.decision;

import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ObjectState;
import io.dnsplane.avro.ProviderZone;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.avro.planner.NameDesire;
import io.dnsplane.avro.planner.NameEvent;
import io.dnsplane.avro.planner.NameObservation;
import io.dnsplane.avro.planner.NameState;
import io.dnsplane.avro.planner.PendingRetry;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Changes;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.DomainFilter;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.PlannerConfig;
import io.dnsplane.planner.decision.NameDecision.Level;
import io.dnsplane.planner.decision.NameDecision.Note;
import io.dnsplane.planner.plan.ClusterDomains;
import io.dnsplane.planner.plan.NamePlanner;
import io.dnsplane.planner.plan.OwnerScope;
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

/**
 * What the planner decides at one DNS name when something there changes (a desire, an observation)
 * or a timer comes for it: a pure function of the name's state, what waits there, the zones, the
 * owners and the time, around {@link NamePlanner}'s plan. It applies the domain filter, finds the
 * zones, keeps clusters to their --cluster-domains, holds deletes for --deletion-grace, backs off
 * after a refusal, and waits for an owner's initial sync before its withdrawal deletes.
 */
public final class NameDecider {
  /** The planner's settings this decision reads. */
  public record Settings(DomainFilter domainFilter, ClusterDomains clusterDomains, Duration deletionGrace,
      Duration pendingRetryInterval, Duration failureBackoff, boolean dryRun, Duration listingSettle) {
    /** Without waiting for listings to settle. */
    public Settings(DomainFilter domainFilter, ClusterDomains clusterDomains, Duration deletionGrace,
        Duration pendingRetryInterval, Duration failureBackoff, boolean dryRun) {
      this(domainFilter, clusterDomains, deletionGrace, pendingRetryInterval, failureBackoff, dryRun, Duration.ZERO);
    }

    public static Settings of(PlannerConfig config) {
      return new Settings(config.domainFilter(), config.clusterDomains(), config.deletionGrace(),
          config.pendingRetryInterval(), config.failureBackoff(), config.dryRun(), config.listingSettle());
    }
  }

  /**
   * What is known around the name.
   *
   * @param zones every zone an applier manages
   * @param owners which owners are managed, synced and stale
   * @param pending why the name waits, if it does
   * @param now the planner's clock, which its timers (backoff, grace) run on; a replay sets it to
   *     each record's time
   */
  public record Around(Map<ZoneRef, ProviderZone> zones, Owners owners, PendingRetry pending, Instant now) {}

  private final NamePlanner planner;
  private final Settings settings;

  public NameDecider(NamePlanner planner, Settings settings) {
    this.planner = planner;
    this.settings = settings;
  }

  /** A desire or an observation at the name, carried by a record of time {@code at}. */
  public NameDecision onEvent(String name, NameState stored, NameEvent event, Instant at, Around around) {
    Decision d = new Decision(name, stored, around, at);
    NameDesire desire = event.getDesire();
    if (desire != null) {
      if (desire.getEndpoints().isEmpty()) {
        d.outputs.add(Statuses.withdrawn(name, desire));
      }
      NameStates.putDesire(d.state, desire);
      d.state.setLastCause(desire.getCause());
    }
    NameObservation observation = event.getObservation();
    if (observation != null) {
      Optional<String> awaited = InFlightBatches.inZone(d.state, observation.getZoneId());
      if (awaited.isPresent() && !awaited.get().equals(observation.getBatchId())) {
        // Older than the change in flight, which the state already assumes: it would only undo that.
        return d.unchanged(stored);
      }
      if (!observation.getHeld().isEmpty()) {
        // The delete breaker holds the batch in flight: it stays in flight (planned once, applied when
        // approved), the state keeps assuming it, and the objects are told why it waits.
        if (awaited.isEmpty()) {
          return d.unchanged(stored);
        }
        d.state.setHeldReason(observation.getHeld());
        return d.plan(PlanRules.Trigger.OBSERVATION);
      }
      NameStates.putObservation(d.state, observation);
      d.state.setHeldReason("");
      if (awaited.isPresent()) {
        InFlightBatches.acknowledge(d.state, observation.getZoneId());
        if (observation.getBatchFailed()) {
          d.note(Level.WARN, "the provider refused part of batch " + awaited.get() + "; planning it again in "
              + settings.failureBackoff());
          d.pending = PendingRetries.refused(around.now().plus(settings.failureBackoff()), awaited.get(),
              observation.getFailure());
        }
      }
    }
    if (desire == null && PendingRetries.inBackoff(d.pending, around.now())) {
      ObjectState told = d.pending.getRefused() ? ObjectState.ERROR : ObjectState.PENDING;
      String retry = d.pending.getRefused() ? "; retrying in " + settings.failureBackoff() : "; retrying";
      String reason = d.pending.getReason() + retry;
      d.outputs.addAll(Statuses.changed(name, "", d.state, x -> StatusDecider.notPlanned(told, reason), at));
      return d.done();
    }
    return d.plan(desire != null ? PlanRules.Trigger.DESIRE : PlanRules.Trigger.OBSERVATION);
  }

  /**
   * A timer plans the name again at {@code at}: its retry is due, a cluster it touches changed, or
   * a zone that serves it appeared.
   */
  public NameDecision onTimer(String name, NameState stored, Instant at, Around around) {
    if (stored == null) {
      return new NameDecision(null, false, null, List.of(), List.of());
    }
    return new Decision(name, stored, around, at).plan(PlanRules.Trigger.TIMER);
  }

  /** One decision: a copy of the stored state to change, and what it sends. */
  private final class Decision {
    final String name;
    final NameState state;
    final Around around;
    final Instant at;
    PendingRetry pending;
    final List<PlannerOutput> outputs = new ArrayList<>();
    final List<Note> notes = new ArrayList<>();

    Decision(String name, NameState stored, Around around, Instant at) {
      this.name = name;
      this.state = stored == null ? NameStates.empty() : NameState.newBuilder(stored).build();
      this.around = around;
      this.at = at;
      this.pending = around.pending();
    }

    void note(Level level, String message) {
      notes.add(new Note(level, message));
    }

    NameDecision done() {
      return new NameDecision(NameStates.isEmpty(state) ? null : state, true, pending, outputs, notes);
    }

    NameDecision unchanged(NameState stored) {
      return new NameDecision(stored, false, around.pending(), outputs, notes);
    }

    NameDecision plan(PlanRules.Trigger trigger) {
      if (!settings.domainFilter().matches(name)) {
        if (!state.getDesires().isEmpty()) {
          note(Level.INFO, name + " is outside the domain filter " + settings.domainFilter() + ": not planned");
        }
        outputs.addAll(Statuses.changed(name, "", state, d -> StatusDecider.notPlanned(ObjectState.INVALID,
            name + " is outside the planner's domain filter " + settings.domainFilter()), at));
        return done();
      }
      List<ZoneInfo> zones = zonesOf(name, state, around.zones());
      if (zones.isEmpty()) {
        if (!state.getDesires().isEmpty() && pending == null) {
          note(Level.WARN, name + " is in no zone any applier manages; it waits until one does");
          pending = PendingRetries.whenever("no managed zone serves it");
        }
        outputs.addAll(Statuses.changed(name, "", state, d -> StatusDecider.notPlanned(ObjectState.PENDING,
            "no zone any applier manages serves " + name), at));
        return done();
      }
      Optional<Instant> settled = listingSettledAt(zones, around, settings.listingSettle());
      if (settled.isPresent()) {
        pending = PendingRetries.at(settled.get(), "waiting for the listing of zone " + zones.get(0).zoneName()
            + " to arrive (--listing-settle)");
        outputs.addAll(Statuses.changed(name, "", state, d -> StatusDecider.notPlanned(ObjectState.PENDING,
            "waiting for the applier's listing of zone " + zones.get(0).zoneName() + " to arrive"), at));
        return done();
      }
      pending = null;
      List<NameDesire> allowed = state.getDesires().stream()
          .filter(d -> settings.clusterDomains().mayClaim(d.getSource().getClusterId(), name)).toList();
      Map<ZoneInfo, Plan> plans = new LinkedHashMap<>();
      OwnerScope scope = around.owners().scopeFor(state);
      for (ZoneInfo zone : zones) {
        plans.put(zone, planner.plan(name, zone.zoneName(), desired(allowed), observed(state, zone), scope,
            zone.capabilities(), adjustments(state, zone)));
      }
      waitingForSync(state, scope).ifPresent(owner -> pending = PendingRetries.at(
          around.now().plus(settings.pendingRetryInterval()), "waiting for " + owner
              + "'s initial sync to withdraw its records"));
      boolean deletesMayGo = deletesMayGo(plans.values().stream().anyMatch(p -> !p.changes().delete().isEmpty()));
      Map<ZoneInfo, List<Endpoint>> now = new LinkedHashMap<>();
      plans.forEach((zone, plan) -> {
        Changes changes = deletesMayGo ? plan.changes() : withoutDeletes(plan.changes());
        if (!changes.isEmpty()) {
          Changes records = deletesMayGo ? plan.records() : withoutDeletes(plan.records());
          ChangeBatch batch = PlannedBatches.of(zone, changes, state, at, PlanRules.of(trigger, records, changes));
          batch.setDryRun(settings.dryRun());
          if (!settings.dryRun()) {
            NameStates.applyOptimistically(state, changes, zone);
            InFlightBatches.put(state, zone.zoneId(), batch.getBatchId());
          }
          outputs.add(new PlannerOutput.Batch(zone.ref(), batch));
        }
        now.put(zone, observed(state, zone));
      });
      ZoneInfo first = zones.get(0);
      outputs.addAll(Statuses.changed(name, first.zoneName(), state, d -> allowed.contains(d)
          ? worst(plans.keySet().stream().map(z -> StatusDecider.decide(d, plans.get(z), now.get(z),
              InFlightBatches.batchIds(state), state.getHeldReason(), settings.dryRun())).toList())
          : StatusDecider.notPlanned(ObjectState.INVALID, "cluster " + d.getSource().getClusterId()
              + " may only claim names in " + settings.clusterDomains().describe(d.getSource().getClusterId())), at));
      return done();
    }

    /**
     * --deletion-grace: deletes wait until they have been planned for the whole grace period; if the
     * desire comes back meanwhile they are simply no longer planned.
     */
    private boolean deletesMayGo(boolean deletesPlanned) {
      Duration grace = settings.deletionGrace();
      if (!deletesPlanned || grace.isZero()) {
        state.setDeletesPlannedSince(0L);
        return true;
      }
      if (state.getDeletesPlannedSince() == 0L) {
        state.setDeletesPlannedSince(around.now().toEpochMilli());
      }
      Instant due = Instant.ofEpochMilli(state.getDeletesPlannedSince()).plus(grace);
      if (!around.now().isBefore(due)) {
        state.setDeletesPlannedSince(0L);
        return true;
      }
      note(Level.INFO, name + ": holding deletes until " + due + " (--deletion-grace " + grace + ")");
      pending = PendingRetries.at(due, "deletes held by --deletion-grace until " + due);
      return false;
    }
  }

  /**
   * An owner that claimed the name, wants it no more, and whose watcher has not finished its initial
   * sync: its withdrawal waits for that sync. The name is retried until then, for the sync may come
   * and go between two looks at the clusters (a watcher restarting within seconds).
   */
  static Optional<String> waitingForSync(NameState state, OwnerScope scope) {
    Set<String> wanting = new HashSet<>();
    state.getDesires().forEach(d -> wanting.add(d.getOwnerId()));
    return state.getClaimants().stream()
        .filter(c -> scope.managed().contains(c) && !scope.mayWithdraw().contains(c) && !wanting.contains(c))
        .sorted().findFirst();
  }

  /**
   * The zones a name is planned in: where it is observed (it stays where it lives, even if a more
   * specific zone appears later), plus the zones of the same name beside them (split horizon);
   * otherwise the most specific zones that serve it.
   */
  static List<ZoneInfo> zonesOf(String name, NameState state, Map<ZoneRef, ProviderZone> zones) {
    List<ZoneInfo> observedIn = new ArrayList<>();
    for (NameObservation o : state.getObservations()) {
      if (o.getSourceName().equals(name) && !o.getZoneName().isEmpty()
          && observedIn.stream().noneMatch(z -> z.provider().equals(o.getProvider()) && z.zoneId().equals(o.getZoneId()))) {
        ProviderZone known = zones.get(new ZoneRef(o.getProvider(), o.getZoneId()));
        observedIn.add(new ZoneInfo(o.getProvider(), o.getZoneId(), DnsNames.normalize(o.getZoneName()),
            ZoneInfo.capabilitiesOf(known)));
      }
    }
    List<ZoneInfo> serving = ZoneInfo.servingAll(name, zones.values());
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

  private static Changes withoutDeletes(Changes changes) {
    return new Changes(changes.create(), changes.updateOld(), changes.updateNew(), List.of());
  }

  /** Of one desire's decisions in several zones, the one to report: the first that is not READY. */
  private static StatusDecider.Decision worst(List<StatusDecider.Decision> decisions) {
    return decisions.stream().filter(d -> d.state() != ObjectState.READY).findFirst().orElse(decisions.get(0));
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

  /**
   * When the zones' latest listings will have arrived, if that is still to come: an applier lists
   * a zone name by name and announces the zone last, and a name planned on part of its listing
   * (its record seen, its TXT not yet) would be planned wrong.
   */
  private static Optional<Instant> listingSettledAt(List<ZoneInfo> zones, Around around, Duration settle) {
    Optional<Instant> latest = zones.stream().map(z -> around.zones().get(z.ref())).filter(java.util.Objects::nonNull)
        .map(ProviderZone::getObservedAt).max(Instant::compareTo);
    return latest.map(l -> l.plus(settle)).filter(at -> at.isAfter(around.now()));
  }

  /** What the zone's provider made of the endpoints last applied at the name (its AdjustEndpoints). */
  private static List<io.dnsplane.model.Adjustments.Adjustment> adjustments(NameState state, ZoneInfo zone) {
    List<io.dnsplane.model.Adjustments.Adjustment> adjustments = new ArrayList<>();
    for (NameObservation o : state.getObservations()) {
      if (o.getProvider().equals(zone.provider()) && o.getZoneId().equals(zone.zoneId())) {
        adjustments.addAll(io.dnsplane.model.Adjustments.fromAvro(o.getAdjustments()));
      }
    }
    return adjustments;
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
