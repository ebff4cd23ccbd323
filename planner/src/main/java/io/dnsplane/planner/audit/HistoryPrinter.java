package io.dnsplane.planner.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.Cause;
import io.dnsplane.avro.Endpoint;
import io.dnsplane.avro.RecordFailure;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Prints history entries: a few lines each for people, or one JSON object per line. */
public final class HistoryPrinter {

  private final PrintWriter out;

  HistoryPrinter(PrintWriter out) {
    this.out = out;
  }

  void table(RecordHistory.Entry e) {
    ApplyResult r = e.result();
    out.printf("%s  %s %s  %s  batch %s%n", r.getAppliedAt(), r.getStatus(), r.getRule(), r.getZoneName(),
        r.getBatchId());
    out.printf("    %s  ->  %s%n", records(e.before()), records(e.after()));
    for (RecordFailure f : e.failures()) {
      out.printf("    refused %s %s: %s%n", f.getEndpoint().getDnsName(), f.getEndpoint().getRecordType(), f.getReason());
    }
    if (!r.getReason().isEmpty()) {
      out.printf("    why: %s%n", r.getReason());
    }
    out.printf("    %s %s%s, planned %s, applied %s%n", r.getProvider(), r.getZoneId(),
        r.getProviderChangeId() == null ? "" : ", change " + r.getProviderChangeId(), time(r.getPlannedAt()),
        time(r.getAppliedAt()));
    for (Cause c : r.getLineage()) {
      out.printf("    by %s/%s/%s/%s%s%s%s, seen %s%s%n", c.getSource().getClusterId(), c.getSource().getKind(),
          c.getSource().getNamespace(), c.getSource().getName(),
          c.getOwnerId().isEmpty() ? "" : " (owner " + c.getOwnerId() + ")",
          c.getResourceVersion().isEmpty() ? "" : " resourceVersion " + c.getResourceVersion(),
          c.getUid().isEmpty() ? "" : " uid " + c.getUid() + " generation " + c.getGeneration(), time(c.getSeenAt()),
          c.getTopic().isEmpty() ? "" : ", event " + c.getTopic() + "-" + c.getPartition() + "@" + c.getOffset());
    }
  }

  void json(RecordHistory.Entry e) {
    ApplyResult r = e.result();
    ObjectNode node = AuditJson.MAPPER.createObjectNode();
    node.put("appliedAt", r.getAppliedAt().toString());
    node.put("status", r.getStatus().name());
    node.put("rule", r.getRule().name());
    node.put("batchId", r.getBatchId());
    node.put("provider", r.getProvider());
    node.put("zoneId", r.getZoneId());
    node.put("zoneName", r.getZoneName());
    node.put("providerChangeId", r.getProviderChangeId());
    node.put("reason", r.getReason());
    node.put("plannedAt", r.getPlannedAt().toString());
    node.set("before", AuditJson.endpoints(e.before()));
    node.set("after", AuditJson.endpoints(e.after()));
    ArrayNode failures = node.putArray("failures");
    e.failures().forEach(f -> failures.addObject().put("dnsName", f.getEndpoint().getDnsName())
        .put("recordType", f.getEndpoint().getRecordType()).put("reason", f.getReason()).put("retryable", f.getRetryable()));
    ArrayNode lineage = node.putArray("lineage");
    for (Cause c : r.getLineage()) {
      lineage.addObject().put("cluster", c.getSource().getClusterId()).put("kind", c.getSource().getKind())
          .put("namespace", c.getSource().getNamespace()).put("name", c.getSource().getName())
          .put("ownerId", c.getOwnerId()).put("uid", c.getUid()).put("resourceVersion", c.getResourceVersion())
          .put("generation", c.getGeneration()).put("topic", c.getTopic()).put("partition", c.getPartition())
          .put("offset", c.getOffset()).put("seenAt", c.getSeenAt().toString());
    }
    out.println(node);
  }

  public static String records(List<Endpoint> endpoints) {
    if (endpoints.isEmpty()) {
      return "(none)";
    }
    return endpoints.stream().map(e -> e.getDnsName() + " " + e.getRecordType() + " " + String.join(",", e.getTargets()))
        .collect(Collectors.joining("; "));
  }

  private static String time(Instant t) {
    return t == null || t.toEpochMilli() == 0 ? "?" : t.toString();
  }
}
