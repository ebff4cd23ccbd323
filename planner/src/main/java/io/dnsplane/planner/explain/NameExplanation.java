package io.dnsplane.planner.explain;

import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.ObjectStatus;
import io.dnsplane.avro.ObjectStatusKey;
import io.dnsplane.avro.ObservedKey;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.ownership.Ownership;
import io.dnsplane.planner.ownership.OwnershipRegistry;
import io.dnsplane.planner.ownership.TxtRegistryConfig;
import io.dnsplane.schema.TopicSnapshot;
import io.dnsplane.schema.Topics;
import java.io.PrintStream;
import io.dnsplane.schema.Topic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import io.dnsplane.runtime.KafkaConnection;
import java.util.Map;
import java.util.Optional;

/**
 * The planner's view of one DNS name, rebuilt from the topics (the planner's own input and output):
 * desire per cluster and object, what the provider holds and who owns it, each object's status, and
 * the last change applied there with its causes. Read-only; works while the planner runs or not.
 */
public final class NameExplanation {
  private final KafkaConnection kafka;
  private final Topics topics;
  private final TxtRegistryConfig txt;

  public NameExplanation(KafkaConnection kafka, Topics topics, TxtRegistryConfig txt) {
    this.kafka = kafka;
    this.topics = topics;
    this.txt = txt;
  }

  public void print(String rawName, PrintStream out) {
    String name = DnsNames.normalize(rawName);
    OwnershipRegistry registry = txt.registry();
    out.println(name);

    out.println("  desired:");
    Map<SourceRef, DesiredEndpoints> desired = new LinkedHashMap<>();
    // The shared topic first, then every cluster's own: a watcher that moved writes there now.
    List<Topic<SourceRef, DesiredEndpoints>> desireTopics = new ArrayList<>(List.of(topics.desiredEndpoints()));
    io.dnsplane.schema.TopicAdmin.clustersWithOwnTopic(kafka).forEach(c -> desireTopics.add(topics.desiredEndpointsOf(c)));
    for (Topic<SourceRef, DesiredEndpoints> topic : desireTopics) {
      TopicSnapshot.read(kafka, topic, (k, v) -> true)
          .forEach(e -> {
            if (e.value() == null) {
              desired.remove(e.key());
            } else {
              desired.put(e.key(), e.value());
            }
          });
    }
    Map<String, ClusterHeartbeat> clusters = new LinkedHashMap<>();
    TopicSnapshot.read(kafka, topics.clusterStatus(), (k, v) -> v != null)
        .forEach(e -> clusters.put(e.key().getClusterId(), e.value()));
    boolean anyDesire = false;
    for (DesiredEndpoints d : desired.values()) {
      for (Endpoint e : AvroEndpoints.fromAvro(d.getEndpoints())) {
        if (e.dnsName().equals(name)) {
          anyDesire = true;
          ClusterHeartbeat h = clusters.get(d.getClusterId());
          String liveness = h == null ? "no heartbeat yet"
              : (h.getInitialSyncComplete() ? "synced" : "initial sync running") + ", last heartbeat " + h.getSentAt();
          out.printf("    %s %s (owner %s; %s): %s%n", d.getClusterId(), d.getResource(), d.getOwnerId(), liveness,
              e.withoutLabels());
        }
      }
    }
    if (!anyDesire) {
      out.println("    nothing: no object in any cluster wants this name");
    }

    out.println("  provider holds:");
    String legacyTxt = txt.mapper().toLegacyTxtName(name);
    List<Endpoint> observed = new ArrayList<>();
    TopicSnapshot.read(kafka, topics.observedRecords(), (k, v) -> relevant(k, name, legacyTxt, txt))
        .forEach(e -> {
          observed.removeIf(r -> r.dnsName().equals(e.key().getDnsName()));
          if (e.value() != null) {
            observed.addAll(AvroEndpoints.fromAvro(e.value().getRecords()));
          }
        });
    if (observed.isEmpty()) {
      out.println("    nothing at this name or its TXT ownership names");
    }
    observed.forEach(r -> out.println("    " + r));
    for (Endpoint current : registry.currentWithOwnership(name, observed)) {
      Map<String, String> owners = Ownership.of(current);
      out.printf("    -> %s %s is %s%n", current.dnsName(), current.recordType(), owners.isEmpty()
          ? "owned by nobody (no TXT ownership record): dnsplane never touches it"
          : "owned by " + owners);
    }

    out.println("  status:");
    Map<ObjectStatusKey, ObjectStatus> statuses = new LinkedHashMap<>();
    TopicSnapshot.read(kafka, topics.objectStatus(), (k, v) -> k.getDnsName().equals(name))
        .forEach(e -> {
          if (e.value() == null) {
            statuses.remove(e.key());
          } else {
            statuses.put(e.key(), e.value());
          }
        });
    if (statuses.isEmpty()) {
      out.println("    none published");
    }
    statuses.values().forEach(s -> out.printf("    %s %s: %s%s%n", s.getClusterId(), s.getResource(), s.getState(),
        s.getReason().isEmpty() ? "" : " (" + s.getReason() + ")"));

    out.println("  last change:");
    Optional<ApplyResult> last = TopicSnapshot.read(kafka, topics.applyResults(),
            (ZoneRef k, ApplyResult v) -> v != null && touches(v, name)).stream()
        .map(TopicSnapshot.Entry::value).reduce((a, b) -> b);
    if (last.isEmpty()) {
      out.println("    none recorded");
    }
    last.ifPresent(r -> {
      out.printf("    batch %s on %s zone %s: %s at %s%s%n", r.getBatchId(), r.getProvider(), r.getZoneName(), r.getStatus(),
          r.getAppliedAt(), r.getReason().isEmpty() ? "" : " (" + r.getReason() + ")");
      r.getCauses().forEach(c -> out.printf("      caused by %s %s/%s/%s%n", c.getClusterId(), c.getKind(), c.getNamespace(),
          c.getName()));
      AvroEndpoints.fromAvro(r.getBefore()).forEach(e -> out.println("      before: " + e));
      AvroEndpoints.fromAvro(r.getAfter()).forEach(e -> out.println("      after:  " + e));
    });
  }

  private static boolean relevant(ObservedKey key, String name, String legacyTxt, TxtRegistryConfig txt) {
    String observed = key.getDnsName();
    return observed.equals(name) || observed.equals(legacyTxt)
        || txt.mapper().toEndpointName(observed).map(o -> o.dnsName().equals(name)).orElse(false);
  }

  private static boolean touches(ApplyResult result, String name) {
    return result.getBefore().stream().anyMatch(e -> e.getDnsName().equals(name))
        || result.getAfter().stream().anyMatch(e -> e.getDnsName().equals(name));
  }
}
