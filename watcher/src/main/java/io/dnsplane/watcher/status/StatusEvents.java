package io.dnsplane.watcher.status;

import io.dnsplane.avro.ObjectState;
import io.dnsplane.avro.ObjectStatus;
import io.dnsplane.avro.ObjectStatusKey;
import io.dnsplane.model.AvroEndpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the planner's status of an object's DNS name into a Kubernetes Event on that object, so
 * {@code kubectl describe ingress app} shows what became of its DNS: Normal RecordReady and
 * RecordDeleted, Warning Conflict, Invalid, Held and RecordError (the provider refused the change,
 * in its words: ExternalDNS's --events-emit reason); Pending is not worth an Event. Like Kubernetes' own recorder, the same
 * event again within {@code dedupWindow} raises the count of the existing Event instead of adding
 * one, and an object gets at most {@code burst} new Events per window.
 */
public final class StatusEvents {
  private static final Logger log = LoggerFactory.getLogger(StatusEvents.class);
  static final String COMPONENT = "dnsplane-watcher";

  private final KubernetesClient client;
  private final Clock clock;
  private final Duration dedupWindow;
  private final int burst;
  private final Map<String, Recorded> recorded = new ConcurrentHashMap<>();
  private final Map<String, Window> perObject = new ConcurrentHashMap<>();

  private record Recorded(String eventName, String namespace, int count, Instant last) {}

  private record Window(Instant start, int count) {}

  public StatusEvents(KubernetesClient client, Clock clock, Duration dedupWindow, int burst) {
    this.client = client;
    this.clock = clock;
    this.dedupWindow = dedupWindow;
    this.burst = burst;
  }

  /** Records the Event a status calls for, if any; returns the Event's reason, or empty. */
  public Optional<String> record(ObjectStatusKey key, ObjectStatus status) {
    String reason = reason(status.getState());
    if (reason == null) {
      return Optional.empty();
    }
    return emit(key, reason, status.getState() == ObjectState.READY ? "Normal" : "Warning", message(status));
  }

  /** The planner withdrew a name the object no longer wants: its records go (shared ones keep others' targets). */
  public Optional<String> deleted(ObjectStatusKey key) {
    return emit(key, "RecordDeleted", "Normal", key.getDnsName() + " is no longer wanted by this object; its records"
        + " are withdrawn");
  }

  /** The watcher's own finding: parts of an object it could not take (a bad host name). */
  public Optional<String> invalid(String kind, String namespace, String name, List<String> problems) {
    return emit(new ObjectStatusKey("", kind, namespace, name, ""), "Invalid", "Warning", String.join("; ", problems));
  }

  private Optional<String> emit(ObjectStatusKey key, String reason, String type, String message) {
    Optional<ObjectReference> involved = involvedObject(key);
    if (involved.isEmpty()) {
      return Optional.empty();
    }
    String dedupKey = key.getKind() + "/" + key.getNamespace() + "/" + key.getName() + "|" + reason + "|" + message;
    Instant now = clock.instant();
    Recorded before = recorded.get(dedupKey);
    try {
      if (before != null && Duration.between(before.last(), now).compareTo(dedupWindow) < 0) {
        int count = before.count() + 1;
        client.v1().events().inNamespace(before.namespace()).withName(before.eventName()).edit(e -> {
          e.setCount(count);
          e.setLastTimestamp(now.toString());
          return e;
        });
        recorded.put(dedupKey, new Recorded(before.eventName(), before.namespace(), count, now));
        return Optional.of(reason);
      }
      if (!allowed(key, now)) {
        log.debug("event for {} dropped by the rate limit", key);
        return Optional.empty();
      }
      String name = key.getName() + "." + Long.toHexString(now.toEpochMilli()) + Integer.toHexString(dedupKey.hashCode() & 0xfff);
      Event event = new EventBuilder().withNewMetadata().withName(name).withNamespace(key.getNamespace()).endMetadata()
          .withInvolvedObject(involved.get()).withReason(reason).withMessage(message).withType(type).withCount(1)
          .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString())
          .withNewSource().withComponent(COMPONENT).endSource().withReportingComponent(COMPONENT).build();
      client.v1().events().inNamespace(key.getNamespace()).resource(event).create();
      recorded.put(dedupKey, new Recorded(name, key.getNamespace(), 1, now));
      return Optional.of(reason);
    } catch (KubernetesClientException e) {
      log.warn("cannot record event {} on {}/{}: {}", reason, key.getNamespace(), key.getName(), e.getMessage());
      return Optional.empty();
    }
  }

  private boolean allowed(ObjectStatusKey key, Instant now) {
    String object = key.getKind() + "/" + key.getNamespace() + "/" + key.getName();
    Window w = perObject.compute(object, (k, old) -> old == null || Duration.between(old.start(), now).compareTo(dedupWindow) >= 0
        ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
    return w.count() <= burst;
  }

  static String reason(ObjectState state) {
    return switch (state) {
      case READY -> "RecordReady";
      case CONFLICT -> "Conflict";
      case INVALID -> "Invalid";
      case HELD -> "Held";
      case ERROR -> "RecordError";
      default -> null;
    };
  }

  static String message(ObjectStatus status) {
    String records = status.getRecords().isEmpty() ? "" : ": " + AvroEndpoints.fromAvro(status.getRecords()).stream()
        .map(Object::toString).collect(Collectors.joining("; "));
    String reason = status.getReason().isEmpty() ? "" : " (" + status.getReason() + ")";
    String zone = status.getZoneName().isEmpty() ? "" : " in zone " + status.getZoneName();
    return status.getDnsName() + " " + status.getState().name().toLowerCase(Locale.ROOT) + zone + records + reason;
  }

  /** The Kubernetes object a status is about, from dnsplane's lower-case kind. */
  static Optional<ObjectReference> involvedObject(ObjectStatusKey key) {
    String[] apiVersionAndKind = switch (key.getKind()) {
      case "ingress" -> new String[] {"networking.k8s.io/v1", "Ingress"};
      case "service" -> new String[] {"v1", "Service"};
      case "dnsendpoint" -> new String[] {"externaldns.k8s.io/v1alpha1", "DNSEndpoint"};
      case "httproute" -> new String[] {"gateway.networking.k8s.io/v1", "HTTPRoute"};
      case "grpcroute" -> new String[] {"gateway.networking.k8s.io/v1", "GRPCRoute"};
      default -> null;
    };
    if (apiVersionAndKind == null) {
      return Optional.empty();
    }
    return Optional.of(new ObjectReferenceBuilder().withApiVersion(apiVersionAndKind[0]).withKind(apiVersionAndKind[1])
        .withNamespace(key.getNamespace()).withName(key.getName()).build());
  }
}
