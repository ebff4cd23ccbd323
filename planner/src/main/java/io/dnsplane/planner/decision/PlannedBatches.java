package io.dnsplane.planner.decision;

import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.avro.planner.NameState;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Changes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The change batch a plan becomes: its id, its changes, and its lineage (every desire at the name). Pure. */
public final class PlannedBatches {
  private PlannedBatches() {}

  /**
   * A batch's id follows from what it was planned from (the zone, the changes, the time, the batch
   * still in flight there), so planning the same inputs again gives the same ids (a replay of the
   * topics can then be compared with what was recorded); two different plans never share one.
   */
  public static String id(ZoneInfo zone, Changes changes, NameState state, Instant at) {
    String seed = zone.provider() + "|" + zone.zoneId() + "|" + at.toEpochMilli() + "|"
        + InFlightBatches.inZone(state, zone.zoneId()).orElse("") + "|" + changes + "|"
        + changes.all().stream().map(e -> e.labels() + "" + e.providerSpecific()).toList();
    return UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
  }

  public static ChangeBatch of(ZoneInfo zone, Changes changes, NameState state, Instant at,
      io.dnsplane.avro.PlanRule rule) {
    Set<SourceRef> causes = new LinkedHashSet<>();
    List<io.dnsplane.avro.Cause> lineage = new ArrayList<>();
    state.getDesires().forEach(d -> {
      causes.add(d.getSource());
      lineage.add(d.getCause() != null ? d.getCause() : io.dnsplane.avro.Cause.newBuilder().setSource(d.getSource())
          .setOwnerId(d.getOwnerId()).build());
    });
    // A withdrawal is no longer among the desires, yet it is what the delete comes from.
    io.dnsplane.avro.Cause last = state.getLastCause();
    if (last != null && causes.add(last.getSource())) {
      lineage.add(last);
    }
    return ChangeBatch.newBuilder()
        .setBatchId(id(zone, changes, state, at))
        .setProvider(zone.provider())
        .setZoneId(zone.zoneId())
        .setZoneName(zone.zoneName())
        .setCreate(AvroEndpoints.toAvro(changes.create()))
        .setUpdateOld(AvroEndpoints.toAvro(changes.updateOld()))
        .setUpdateNew(AvroEndpoints.toAvro(changes.updateNew()))
        .setDelete(AvroEndpoints.toAvro(changes.delete()))
        .setCauses(new ArrayList<>(causes))
        .setRule(rule)
        .setLineage(lineage)
        .setPlannedAt(at)
        .build();
  }
}
