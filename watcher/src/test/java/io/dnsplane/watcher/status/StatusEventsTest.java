package io.dnsplane.watcher.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.ObjectState;
import io.dnsplane.avro.ObjectStatus;
import io.dnsplane.avro.ObjectStatusKey;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Statuses become Kubernetes Events on the objects, deduplicated, against fabric8's mock API server. */
@EnableKubernetesMockClient(crud = true)
class StatusEventsTest {
  KubernetesClient client;

  private static final ObjectStatusKey APP = new ObjectStatusKey("cluster-a", "ingress", "default", "app", "app.example.com");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static ObjectStatus status(ObjectState state, String reason, Endpoint... records) {
    return ObjectStatus.newBuilder().setClusterId("cluster-a").setResource("ingress/default/app").setDnsName("app.example.com")
        .setState(state).setReason(reason).setRecords(AvroEndpoints.toAvro(List.of(records))).setUpdatedAt(Instant.EPOCH)
        .setZoneName("example.com").build();
  }

  private List<Event> events() {
    return client.v1().events().inNamespace("default").list().getItems();
  }

  @Test
  void readyConflictAndInvalidBecomeEventsPendingDoesNot() {
    StatusEvents events = new StatusEvents(client, CLOCK, Duration.ofMinutes(10), 25);
    assertThat(events.record(APP, status(ObjectState.PENDING, "not in DNS yet"))).isEmpty();
    assertThat(events.record(APP, status(ObjectState.READY, "", Endpoint.of("app.example.com", "A", 300, "192.0.2.10"))))
        .contains("RecordReady");
    assertThat(events.record(APP, status(ObjectState.CONFLICT, "owned by someone-else"))).contains("Conflict");

    assertThat(events()).extracting(Event::getType, Event::getReason).containsExactlyInAnyOrder(
        Tuple.tuple("Normal", "RecordReady"), Tuple.tuple("Warning", "Conflict"));
    Event ready = events().stream().filter(e -> e.getReason().equals("RecordReady")).findFirst().orElseThrow();
    assertThat(ready.getMessage()).isEqualTo("app.example.com ready in zone example.com: app.example.com 300 A 192.0.2.10");
    assertThat(ready.getInvolvedObject().getKind()).isEqualTo("Ingress");
    assertThat(ready.getInvolvedObject().getName()).isEqualTo("app");
    assertThat(ready.getSource().getComponent()).isEqualTo("dnsplane-watcher");
  }

  @Test
  void aRefusalIsAWarningRecordErrorInTheProvidersWordsAndAWithdrawalANormalRecordDeleted() {
    StatusEvents events = new StatusEvents(client, CLOCK, Duration.ofMinutes(10), 25);
    assertThat(events.record(APP, status(ObjectState.ERROR, "the provider refused part of batch b1: InvalidChangeBatch:"
        + " bad address; retrying in PT30S"))).contains("RecordError");
    assertThat(events.deleted(APP)).contains("RecordDeleted");
    assertThat(events()).extracting(Event::getType, Event::getReason, Event::getMessage).containsExactlyInAnyOrder(
        Tuple.tuple("Warning", "RecordError", "app.example.com error in zone example.com (the provider refused part of"
            + " batch b1: InvalidChangeBatch: bad address; retrying in PT30S)"),
        Tuple.tuple("Normal", "RecordDeleted", "app.example.com is no longer wanted by this object; its records are withdrawn"));
  }

  @Test
  void theSameEventAgainRaisesTheCount() {
    StatusEvents events = new StatusEvents(client, CLOCK, Duration.ofMinutes(10), 25);
    events.record(APP, status(ObjectState.INVALID, "outside the domain filter"));
    events.record(APP, status(ObjectState.INVALID, "outside the domain filter"));
    events.record(APP, status(ObjectState.INVALID, "outside the domain filter"));
    assertThat(events()).singleElement().satisfies(e -> {
      assertThat(e.getReason()).isEqualTo("Invalid");
      assertThat(e.getCount()).isEqualTo(3);
    });
  }

  @Test
  void anObjectGetsAtMostABurstOfNewEventsPerWindow() {
    StatusEvents events = new StatusEvents(client, CLOCK, Duration.ofMinutes(10), 2);
    for (int i = 0; i < 5; i++) {
      events.record(APP, status(ObjectState.CONFLICT, "owner " + i));
    }
    assertThat(events()).hasSize(2);
  }
}
