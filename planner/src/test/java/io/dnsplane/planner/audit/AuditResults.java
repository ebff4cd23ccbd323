package io.dnsplane.planner.audit;

import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.avro.Cause;
import io.dnsplane.avro.Endpoint;
import io.dnsplane.avro.PlanRule;
import io.dnsplane.avro.RecordFailure;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.model.AvroEndpoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Audit results as the appliers write them, for the audit tests. */
final class AuditResults {
  static final SourceRef APP = new SourceRef("cluster-a", "ingress", "default", "app");
  static final SourceRef WEB = new SourceRef("cluster-b", "ingress", "default", "web");

  private AuditResults() {}

  static Endpoint a(String name, String... targets) {
    return AvroEndpoints.toAvro(io.dnsplane.model.Endpoint.of(name, "A", 300, targets));
  }

  static Endpoint txt(String name, String owner) {
    return AvroEndpoints.toAvro(io.dnsplane.model.Endpoint.of(name, "TXT", 300,
        "\"heritage=external-dns,external-dns/owner=" + owner + "\""));
  }

  static ApplyResult result(String at, ApplyStatus status, PlanRule rule, SourceRef cause, String resourceVersion,
      List<Endpoint> before, List<Endpoint> after, List<RecordFailure> failures) {
    return ApplyResult.newBuilder().setBatchId("b-" + at).setProvider("aws").setZoneId("Z1").setZoneName("example.com")
        .setStatus(status).setReason(status == ApplyStatus.HELD ? "delete breaker" : "").setProviderChangeId("C-" + at)
        .setBefore(new ArrayList<>(before)).setAfter(new ArrayList<>(after)).setFailures(new ArrayList<>(failures))
        .setCauses(List.of(cause)).setRule(rule)
        .setLineage(List.of(Cause.newBuilder().setSource(cause).setOwnerId(cause.getClusterId())
            .setResourceVersion(resourceVersion).build()))
        .setPlannedAt(Instant.parse(at)).setAppliedAt(Instant.parse(at)).setObservedAt(Instant.parse(at)).build();
  }
}
