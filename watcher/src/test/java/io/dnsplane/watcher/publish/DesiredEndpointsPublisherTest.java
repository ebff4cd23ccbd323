package io.dnsplane.watcher.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.model.Endpoint;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.Topics;
import io.dnsplane.watcher.source.ObjectRef;
import io.dnsplane.watcher.source.SourceEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;

class DesiredEndpointsPublisherTest {
  private final Topic<SourceRef, DesiredEndpoints> topic = Topics.singleObjectEncoding().desiredEndpoints();
  private final MockProducer<SourceRef, DesiredEndpoints> producer =
      new MockProducer<>(true, null, topic.keySerde().serializer(), topic.valueSerde().serializer());
  private final DesiredEndpointsPublisher publisher = new DesiredEndpointsPublisher(producer, topic, "cluster-a",
      "owner-a", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  private final ObjectRef app = new ObjectRef("ingress", "default", "app");

  @Test
  void publishesKeyedPerObjectWithOwnerAndResource() {
    publisher.accept(new SourceEvent.Upsert(app, "7", List.of(Endpoint.of("app.example.com", "A", 0, "192.0.2.10"))));
    var sent = producer.history().get(0);
    assertThat(sent.key()).isEqualTo(new SourceRef("cluster-a", "ingress", "default", "app"));
    assertThat(sent.value().getOwnerId()).isEqualTo("owner-a");
    assertThat(sent.value().getResource()).isEqualTo("ingress/default/app");
    assertThat(sent.value().getResourceVersion()).isEqualTo("7");
    assertThat(sent.value().getEndpoints()).hasSize(1);
  }

  @Test
  void aResyncThatChangesNothingPublishesNothing() {
    var endpoints = List.of(Endpoint.of("app.example.com", "A", 0, "192.0.2.10"));
    publisher.accept(new SourceEvent.Upsert(app, "7", endpoints));
    publisher.accept(new SourceEvent.Upsert(app, "8", endpoints));
    assertThat(producer.history()).hasSize(1);
    publisher.accept(new SourceEvent.Upsert(app, "9", List.of(Endpoint.of("app.example.com", "A", 0, "192.0.2.11"))));
    assertThat(producer.history()).hasSize(2);
  }

  @Test
  void aDeletedObjectIsATombstone() {
    publisher.accept(new SourceEvent.Upsert(app, "7", List.of(Endpoint.of("app.example.com", "A", 0, "192.0.2.10"))));
    publisher.accept(new SourceEvent.Delete(app));
    assertThat(producer.history().get(1).value()).isNull();
    // and a re-created object is published again
    publisher.accept(new SourceEvent.Upsert(app, "10", List.of(Endpoint.of("app.example.com", "A", 0, "192.0.2.10"))));
    assertThat(producer.history()).hasSize(3);
  }

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.EPOCH;

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final TestClock clock = new TestClock();
  private final DesiredEndpointsPublisher patient = new DesiredEndpointsPublisher(producer, topic, "cluster-a", "owner-a",
      clock, new EmptyTargetsGrace(java.time.Duration.ofMinutes(2)));
  private final List<Endpoint> served = List.of(Endpoint.of("app.example.com", "A", 0, "192.0.2.10"));

  @Test
  void aLoadBalancerStatusThatFlickersChangesNothing() {
    patient.accept(new SourceEvent.Upsert(app, "7", served));
    clock.now = Instant.EPOCH.plusSeconds(10);
    patient.accept(new SourceEvent.Upsert(app, "8", List.of()));
    clock.now = Instant.EPOCH.plusSeconds(70);
    patient.publishExpired();
    patient.accept(new SourceEvent.Upsert(app, "9", served));
    clock.now = Instant.EPOCH.plusSeconds(600);
    patient.publishExpired();
    assertThat(producer.history()).hasSize(1);
    assertThat(patient.waitingCount()).isZero();
  }

  @Test
  void anObjectStillWithoutTargetsAfterTheGraceWithdrawsItsRecords() {
    patient.accept(new SourceEvent.Upsert(app, "7", served));
    clock.now = Instant.EPOCH.plusSeconds(10);
    patient.accept(new SourceEvent.Upsert(app, "8", List.of()));
    clock.now = Instant.EPOCH.plusSeconds(100);
    // A resync of the still-empty object does not restart the grace.
    patient.accept(new SourceEvent.Upsert(app, "8", List.of()));
    patient.publishExpired();
    assertThat(producer.history()).hasSize(1);
    clock.now = Instant.EPOCH.plusSeconds(130);
    patient.publishExpired();
    assertThat(producer.history()).hasSize(2);
    assertThat(producer.history().get(1).value().getEndpoints()).isEmpty();
    assertThat(producer.history().get(1).value().getResourceVersion()).isEqualTo("8");
  }

  @Test
  void aDeletedObjectWithdrawsAtOnceEvenDuringTheGrace() {
    patient.accept(new SourceEvent.Upsert(app, "7", served));
    patient.accept(new SourceEvent.Upsert(app, "8", List.of()));
    patient.accept(new SourceEvent.Delete(app));
    assertThat(producer.history()).hasSize(2);
    assertThat(producer.history().get(1).value()).isNull();
    clock.now = Instant.EPOCH.plusSeconds(600);
    patient.publishExpired();
    assertThat(producer.history()).hasSize(2);
  }

  @Test
  void withoutAGraceAnEmptyDesireIsPublishedAtOnceAsInExternalDns() {
    publisher.accept(new SourceEvent.Upsert(app, "7", served));
    publisher.accept(new SourceEvent.Upsert(app, "8", List.of()));
    assertThat(producer.history()).hasSize(2);
  }

  @Test
  void aNewObjectWithoutTargetsIsPublishedAtOnce() {
    patient.accept(new SourceEvent.Upsert(app, "1", List.of()));
    assertThat(producer.history()).hasSize(1);
  }
}
