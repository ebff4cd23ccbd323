package io.dnsplane.planner.decision;

import io.dnsplane.avro.planner.NameDesire;
import io.dnsplane.avro.planner.NameObservation;
import io.dnsplane.avro.planner.NameState;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.Changes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Pure updates of the state kept per DNS name. */
public final class NameStates {
  private NameStates() {}

  public static NameState empty() {
    return NameState.newBuilder().setDesires(new ArrayList<>()).setObservations(new ArrayList<>())
        .setClaimants(new ArrayList<>()).build();
  }

  /**
   * Nothing is known at the name any more: no desire, nothing observed, and no batch in flight (a
   * name whose last records are being deleted waits for the applier's report, so that what it
   * reports, held or applied, is read against the batch and not as a listing).
   */
  public static boolean isEmpty(NameState state) {
    return state.getDesires().isEmpty() && state.getObservations().isEmpty() && InFlightBatches.isEmpty(state);
  }

  /** Replaces the desire of the same source; an empty desire withdraws it. Remembers who claimed the name. */
  public static void putDesire(NameState state, NameDesire desire) {
    List<NameDesire> desires = new ArrayList<>(state.getDesires());
    desires.removeIf(d -> d.getSource().equals(desire.getSource()));
    if (!desire.getEndpoints().isEmpty()) {
      desires.add(desire);
      if (!state.getClaimants().contains(desire.getOwnerId())) {
        List<String> claimants = new ArrayList<>(state.getClaimants());
        claimants.add(desire.getOwnerId());
        state.setClaimants(claimants);
      }
    }
    state.setDesires(desires);
  }

  /** Replaces what was observed at the same (provider, zone, source name); empty removes it. */
  public static void putObservation(NameState state, NameObservation observation) {
    List<NameObservation> observations = new ArrayList<>(state.getObservations());
    observations.removeIf(o -> sameSlot(o, observation.getProvider(), observation.getZoneId(), observation.getSourceName()));
    if (!observation.getRecords().isEmpty()) {
      observations.add(observation);
    }
    state.setObservations(observations);
  }

  /**
   * Applies planned changes to the observed view, so events that arrive before the applier reports
   * back do not plan the same change twice. The applier's next observation replaces this guess.
   */
  public static void applyOptimistically(NameState state, Changes changes, ZoneInfo zone) {
    for (Endpoint e : changes.delete()) {
      removeRecord(state, zone, e);
    }
    for (Endpoint e : changes.updateOld()) {
      removeRecord(state, zone, e);
    }
    for (Endpoint e : changes.updateNew()) {
      addRecord(state, zone, e);
    }
    for (Endpoint e : changes.create()) {
      removeRecord(state, zone, e);
      addRecord(state, zone, e);
    }
  }

  private static void removeRecord(NameState state, ZoneInfo zone, Endpoint e) {
    for (NameObservation o : state.getObservations()) {
      if (sameSlot(o, zone.provider(), zone.zoneId(), e.dnsName())) {
        List<io.dnsplane.avro.Endpoint> records = new ArrayList<>(o.getRecords());
        records.removeIf(r -> r.getRecordType().equals(e.recordType()) && r.getSetIdentifier().equals(e.setIdentifier()));
        o.setRecords(records);
      }
    }
    // Avro's decoded arrays cannot remove through an iterator: filter into a new list.
    state.setObservations(new ArrayList<>(state.getObservations().stream().filter(o -> !o.getRecords().isEmpty()).toList()));
  }

  private static void addRecord(NameState state, ZoneInfo zone, Endpoint e) {
    io.dnsplane.avro.Endpoint record = AvroEndpoints.toAvro(e.withoutLabels());
    for (NameObservation o : state.getObservations()) {
      if (sameSlot(o, zone.provider(), zone.zoneId(), e.dnsName())) {
        List<io.dnsplane.avro.Endpoint> records = new ArrayList<>(o.getRecords());
        records.add(record);
        o.setRecords(records);
        return;
      }
    }
    List<NameObservation> observations = new ArrayList<>(state.getObservations());
    observations.add(NameObservation.newBuilder()
        .setProvider(zone.provider()).setZoneId(zone.zoneId()).setZoneName(zone.zoneName())
        .setSourceName(e.dnsName()).setRecords(new ArrayList<>(List.of(record))).build());
    state.setObservations(observations);
  }

  private static boolean sameSlot(NameObservation o, String provider, String zoneId, String sourceName) {
    return Objects.equals(o.getProvider(), provider) && Objects.equals(o.getZoneId(), zoneId)
        && Objects.equals(o.getSourceName(), sourceName);
  }
}
