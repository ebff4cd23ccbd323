package io.dnsplane.applier.core;

import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.ApplyStatus;
import io.dnsplane.avro.ChangeBatch;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Endpoint;
import io.dnsplane.schema.Topic;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;

/** One audit result per batch, to the results topic through the outbox (committed with the offsets). */
final class ResultPublisher {
  private final String provider;
  private final Outbox outbox;
  private final Topic<ZoneRef, ApplyResult> topic;
  private final Clock clock;
  private final ApplierMetrics metrics;

  ResultPublisher(String provider, Outbox outbox, Topic<ZoneRef, ApplyResult> topic, Clock clock, ApplierMetrics metrics) {
    this.provider = provider;
    this.outbox = outbox;
    this.topic = topic;
    this.clock = clock;
    this.metrics = metrics;
  }

  void publish(ChangeBatch batch, BatchVerdict verdict, Optional<String> changeId, List<Endpoint> before,
      List<Endpoint> after, List<RecordFailure> failures) {
    ApplyResult result = ApplyResult.newBuilder()
        .setBatchId(batch.getBatchId())
        .setProvider(provider)
        .setZoneId(batch.getZoneId())
        .setZoneName(batch.getZoneName())
        .setStatus(verdict.status())
        .setReason(verdict.reason())
        .setProviderChangeId(changeId.orElse(null))
        .setBefore(AvroEndpoints.toAvro(before))
        .setAfter(AvroEndpoints.toAvro(after))
        .setFailures(new ArrayList<>(failures.stream().map(f -> io.dnsplane.avro.RecordFailure.newBuilder()
            .setEndpoint(AvroEndpoints.toAvro(f.endpoint())).setReason(f.reason()).setRetryable(f.retryable()).build())
            .toList()))
        .setCauses(batch.getCauses())
        .setRule(batch.getRule())
        .setLineage(batch.getLineage())
        .setPlannedAt(batch.getPlannedAt())
        .setAppliedAt(clock.instant())
        .setObservedAt(clock.instant())
        .build();
    metrics.batch(verdict.status());
    ZoneRef key = new ZoneRef(provider, batch.getZoneId());
    outbox.add(new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), result)));
  }

  /** A batch that was not applied (held, dry run, zone not ours): the records stay as they are. */
  void unapplied(ChangeBatch batch, ApplyStatus status, String reason, List<Endpoint> records,
      List<RecordFailure> failures) {
    publish(batch, new BatchVerdict(status, reason), Optional.empty(), records, records, failures);
  }
}
