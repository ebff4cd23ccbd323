package io.dnsplane.planner.decision;

import io.dnsplane.avro.ObjectState;
import io.dnsplane.avro.planner.NameDesire;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.ProviderProperties;
import io.dnsplane.model.RecordTypes;
import io.dnsplane.planner.plan.Conflict;
import io.dnsplane.planner.plan.Plan;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Decides, purely, what each object wanting a name is told: Ready, Pending, Conflict, Invalid or Held. */
public final class StatusDecider {
  private StatusDecider() {}

  public record Decision(ObjectState state, String reason, List<Endpoint> records) {
    public String summary() {
      return state + "|" + reason + "|" + records;
    }
  }

  /** For a name that was not planned: every object is told the same. */
  public static Decision notPlanned(ObjectState state, String reason) {
    return new Decision(state, reason, List.of());
  }

  /**
   * @param observed what the provider holds at the name (records of every type)
   * @param inFlightBatch the batch planned for the name and not yet reported back, or empty
   * @param heldReason why the applier holds that batch (the delete breaker), or empty
   */
  public static Decision decide(NameDesire desire, Plan plan, List<Endpoint> observed, String inFlightBatch, String heldReason,
      boolean dryRun) {
    Optional<Conflict> conflict = plan.conflicts().stream()
        .filter(c -> c.desired().label(Endpoint.LABEL_OWNER).equals(desire.getOwnerId())
            && c.desired().label(Endpoint.LABEL_RESOURCE).equals(desire.getResource()))
        .findFirst();
    if (conflict.isPresent()) {
      return new Decision(ObjectState.CONFLICT, conflict.get().reason(), List.of());
    }
    if (dryRun && !plan.changes().isEmpty()) {
      return new Decision(ObjectState.HELD, "--dry-run: changes are planned and recorded, not applied", List.of());
    }
    if (!inFlightBatch.isEmpty() && !heldReason.isEmpty()) {
      return new Decision(ObjectState.HELD, heldReason + " (change batch " + inFlightBatch + ")", List.of());
    }
    if (!inFlightBatch.isEmpty()) {
      return new Decision(ObjectState.PENDING, "change batch " + inFlightBatch + " is being applied", List.of());
    }
    List<Endpoint> wanted = AvroEndpoints.fromAvro(desire.getEndpoints());
    Set<String> types = wanted.stream().flatMap(w -> servingTypes(w).stream()).collect(Collectors.toSet());
    String name = wanted.isEmpty() ? "" : wanted.get(0).dnsName();
    List<Endpoint> held = observed.stream()
        .filter(r -> r.dnsName().equals(name) && types.contains(r.recordType()))
        .map(Endpoint::withoutLabels)
        .toList();
    boolean satisfied = wanted.stream().allMatch(w -> held.stream().anyMatch(r ->
        servingTypes(w).contains(r.recordType()) && (r.recordType().equals(w.recordType()) || ProviderProperties.isAlias(r))
            && r.setIdentifier().equals(w.setIdentifier()) && r.targets().containsAll(w.targets())));
    return satisfied
        ? new Decision(ObjectState.READY, "", held)
        : new Decision(ObjectState.PENDING, "not in DNS yet", List.of());
  }

  /**
   * The record types that serve a desired record: its own, and for a CNAME also the A and AAAA
   * alias records a provider with aliases (Route53) makes of it, as ExternalDNS does.
   */
  private static Set<String> servingTypes(Endpoint wanted) {
    return RecordTypes.CNAME.equals(wanted.recordType())
        ? Set.of(RecordTypes.CNAME, RecordTypes.A, RecordTypes.AAAA) : Set.of(wanted.recordType());
  }
}
