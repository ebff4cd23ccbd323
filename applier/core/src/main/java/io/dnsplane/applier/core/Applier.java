package io.dnsplane.applier.core;

import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.avro.DeleteApproval;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-provider apply loop. Change batches arrive keyed by zone, so one zone's batches stay in
 * order on one partition and one replica; the replica lists the zones of the partitions it gets.
 * For each poll: apply through the provider (merged, retried, split to isolate bad batches), then
 * publish what the touched names now hold and an audit result per batch in one Kafka transaction
 * with the batches' offsets. A crash in between re-delivers the batches, which are compared with a
 * fresh listing first, so nothing is applied or reported twice.
 */
public final class Applier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Applier.class);

  private final DnsProvider provider;
  private final ApplierConfig config;
  private final Clock clock;
  private final AccountRateBudget budget;
  private final Topic<?, ?> changesTopic;
  private final Topic<io.dnsplane.avro.ZoneRef, DeleteApproval> approvalsTopic;
  private final Producer<byte[], byte[]> producer;
  private final Outbox outbox = new Outbox();
  private final DeadLetters deadLetters;
  private final OwnedZones zones;
  private final HeldBatches held = new HeldBatches();
  private final BatchRunner runner;
  private final Backoff backoff;
  private final Map<TopicPartition, Long> consumedNext = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private final Thread loop;
  private final java.util.concurrent.CompletableFuture<Void> stopped = new java.util.concurrent.CompletableFuture<>();
  private volatile boolean running = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  private volatile boolean ready;

  private Applier(DnsProvider provider, AccountRateBudget budget, ApplierConfig config, Topics topics, Clock clock,
      ApplierMetrics metrics) {
    this.provider = provider;
    this.config = config;
    this.clock = clock;
    this.budget = budget;
    this.changesTopic = topics.changes(provider.name());
    this.approvalsTopic = topics.deleteApprovals();
    this.producer = producer(config, provider.name());
    ObservationPublisher observations = new ObservationPublisher(provider.name(), outbox::add, topics.providerZones(),
        topics.observedRecords(), clock);
    this.zones = new OwnedZones(provider, topics.changes(provider.name()), observations, metrics);
    this.backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), config.maxAttempts());
    DeleteBreaker breaker = new DeleteBreaker(config.maxDeleteFraction(), config.breakerMinRecords(), config.deleteWindow());
    this.deadLetters = new DeadLetters(topics.deadLetter(), outbox);
    // The loop thread draws from its own ThreadLocalRandom.
    ProviderRetries retries = new ProviderRetries(backoff, ProviderRetries.Sleeper.REAL, () -> ThreadLocalRandom.current().nextLong(),
        () -> running, metrics::retry);
    this.runner = new BatchRunner(provider, zones, observations, topics.changes(provider.name()), deadLetters,
        new DeleteHolds(breaker, held, clock), retries,
        new ResultPublisher(provider.name(), outbox, topics.applyResults(), clock, metrics), metrics);
    metrics.requests(budget);
    metrics.gauge("dnsplane_applier_owned_partitions", "Partitions of the change topic this replica applies", zones,
        OwnedZones::ownedPartitions);
    metrics.gauge("dnsplane_applier_held_batches", "Batches the delete breaker holds", held, HeldBatches::size);
    this.loop = new Thread(this::run, "applier-" + provider.name());
  }

  /** Starts applying without a request budget (no --provider-rate-limit). */
  public static Applier start(DnsProvider provider, ApplierConfig config, Topics topics, Clock clock) {
    return start(provider, AccountRateBudget.of(0), config, topics, clock);
  }

  /**
   * Lists the provider's zones, then applies batches until closed; each zone is listed when its
   * partition is assigned to this replica.
   *
   * @param budget the budget the provider was created with; its share follows the owned partitions
   */
  public static Applier start(DnsProvider provider, AccountRateBudget budget, ApplierConfig config, Topics topics,
      Clock clock) {
    return start(provider, budget, config, topics, clock, ApplierMetrics.none(provider.name()));
  }

  /** As above, with metrics. */
  public static Applier start(DnsProvider provider, AccountRateBudget budget, ApplierConfig config, Topics topics,
      Clock clock, ApplierMetrics metrics) {
    Applier applier = new Applier(provider, budget, config, topics, clock, metrics);
    applier.loop.start();
    return applier;
  }

  private void run() {
    consumer = consumer(config);
    try (ApprovalReader approvalReader = new ApprovalReader(config, approvalsTopic, provider.name(), deadLetters)) {
      producer.initTransactions();
      int partitions = consumer.partitionsFor(changesTopic.name()).size();
      budget.ownPartitions(0, partitions);
      listZonesOnceReachable(partitions);
      consumer.subscribe(List.of(changesTopic.name()), new Rebalance(partitions));
      Instant nextDriftCheck = clock.instant().plus(config.driftInterval());
      while (running) {
        if (!clock.instant().isBefore(nextDriftCheck)) {
          zones.checkDrift();
          publish(List.of());
          nextDriftCheck = clock.instant().plus(config.driftInterval());
        }
        for (DeleteApproval approval : approvalReader.poll()) {
          approved(approval);
        }
        if (!outbox.isEmpty()) {
          publish(List.of()); // unreadable approvals, sent to the dead-letter topic
        }
        List<ConsumerRecord<byte[], byte[]>> records = gathered(consumer.poll(config.pollTimeout()));
        if (!records.isEmpty()) {
          process(records);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        log.error("applier for {} woken up unexpectedly", provider.name(), e);
      }
    } catch (RuntimeException e) {
      log.error("applier for {} stopped on an unexpected error", provider.name(), e);
      if (running) {
        stopped.completeExceptionally(e);
      }
    } finally {
      consumer.close();
      stopped.complete(null);
    }
  }

  /**
   * Lists the provider's zones, trying again while the provider cannot be reached (a webhook
   * provider that is not up yet, or speaks another API version): the applier stays unready and
   * applies nothing until it can, and says why each time.
   */
  private void listZonesOnceReachable(int partitions) {
    for (int attempt = 1; running; attempt++) {
      try {
        zones.listZones(partitions);
        return;
      } catch (io.dnsplane.applier.spi.RetryableProviderException e) {
        Duration delay = backoff.delay(Math.min(attempt, 8), e.retryAfter(), ThreadLocalRandom.current());
        log.error("{}: cannot list the zones: {}; not ready, applying nothing; trying again in {} ms", provider.name(),
            e.getMessage(), delay.toMillis());
        sleep(delay);
      }
    }
  }

  /**
   * A burst (a poll that came back full: a cold sync, a planner catching up) is gathered across
   * polls, up to {@link #GATHER_RECORDS} batches or {@link #GATHER_WINDOW}, so that merged calls
   * fill up to the provider's limits instead of ending where a poll ends. A poll that is not full
   * is applied at once: one change waits for nothing.
   */
  private List<ConsumerRecord<byte[], byte[]>> gathered(org.apache.kafka.clients.consumer.ConsumerRecords<byte[], byte[]> first) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    first.forEach(records::add);
    int lastPoll = records.size();
    long until = System.nanoTime() + GATHER_WINDOW.toNanos(); // wall time: the business clock may be a test's
    while (running && lastPoll >= MAX_POLL_RECORDS && records.size() < GATHER_RECORDS && System.nanoTime() < until) {
      org.apache.kafka.clients.consumer.ConsumerRecords<byte[], byte[]> more = consumer.poll(Duration.ofMillis(50));
      lastPoll = more.count();
      more.forEach(records::add);
    }
    return records;
  }

  /** Batches one poll returns at most. */
  static final int MAX_POLL_RECORDS = 1000;
  /** Batches gathered across the polls of a burst at most: a zone's 10,000 changes, 10 Route53 calls. */
  static final int GATHER_RECORDS = 5000;
  /** How long a burst is gathered at most before it is applied. */
  static final Duration GATHER_WINDOW = Duration.ofMillis(500);

  /**
   * Completes when the apply loop ends: normally after {@link #close()}, exceptionally when it died
   * on its own (a fenced producer, a lost authorization), so a process can exit and be restarted.
   */
  public java.util.concurrent.CompletableFuture<Void> stopped() {
    return stopped;
  }

  /** Applies a poll (or released held batches) and publishes the outcome with the offsets. */
  private void process(List<ConsumerRecord<byte[], byte[]>> records) {
    try {
      runner.run(records);
      publish(records);
    } catch (RuntimeException e) {
      if (Transactions.isFatal(e) || e instanceof WakeupException) {
        throw e;
      }
      // Nothing of this poll is visible: read it again from the last commit, after a pause.
      outbox.clear();
      Set<TopicPartition> partitions = new HashSet<>();
      records.forEach(r -> partitions.add(HeldBatches.partition(r)));
      partitions.retainAll(consumer.assignment());
      held.dropPartitions(partitions);
      consumer.committed(partitions).forEach((p, offset) -> consumer.seek(p, offset == null ? 0 : offset.offset()));
      partitions.forEach(p -> committed.remove(p));
      Duration delay = backoff.delay(3, java.util.Optional.empty(), ThreadLocalRandom.current());
      log.warn("batches on {} not applied ({}); reading them again in {} ms", partitions, e.toString(), delay.toMillis());
      sleep(delay);
    }
  }

  /** Sends the outbox in one transaction with the offsets of {@code records}, never past a held batch. */
  private void publish(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      TopicPartition p = HeldBatches.partition(record);
      consumedNext.merge(p, record.offset() + 1, Math::max);
    }
    records.stream().map(HeldBatches::partition).distinct().forEach(p -> {
      long offset = held.committable(p, consumedNext.get(p));
      if (offset > committed.getOrDefault(p, -1L)) {
        offsets.put(p, new OffsetAndMetadata(offset));
      }
    });
    outbox.commit(producer, offsets, consumer.groupMetadata());
    offsets.forEach((p, o) -> committed.put(p, o.offset()));
  }

  /** An operator approved a zone's held deletes: apply what was held, in order. */
  private void approved(DeleteApproval approval) {
    runner.approved(approval.getZoneId(), approval.getApprovedAt());
    List<ConsumerRecord<byte[], byte[]>> released = held.release(approval.getZoneId());
    if (!released.isEmpty()) {
      log.warn("deletes in zone {} approved by {}: applying {} held batches", approval.getZoneId(),
          approval.getApprovedBy(), released.size());
      process(released);
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    private final int partitions;

    Rebalance(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      // Another replica takes these over and re-reads from the committed offset, held batches included.
      held.dropPartitions(revoked);
      revoked.forEach(consumedNext::remove);
      revoked.forEach(committed::remove);
      zones.revoked(revoked.stream().map(TopicPartition::partition).toList());
      budget.ownPartitions(zones.ownedPartitions(), partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      onPartitionsRevoked(lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      // The new share first: the listing of the new partitions' zones spends it. Assignments are
      // incremental (cooperative), so these partitions are not yet among the owned ones.
      budget.ownPartitions(zones.ownedPartitions() + assigned.size(), partitions);
      zones.assigned(assigned.stream().map(TopicPartition::partition).toList());
      publish(List.of());
      log.info("{} owns {} of {} partitions ({} zones listed); request budget {} per second", provider.name(),
          zones.ownedPartitions(), partitions, zones.ownedZones(), budget.rate());
      ready = true;
    }
  }

  private void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private static Producer<byte[], byte[]> producer(ApplierConfig config, String provider) {
    Properties props = config.kafka().clientProperties();
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "dnsplane-applier-" + provider);
    // Fencing is by consumer group generation (KIP-447), so each replica may take its own id.
    // Transactions hold only the publishing, never a provider call, so they are short.
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.groupId() + "-" + UUID.randomUUID());
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> consumer(ApplierConfig config) {
    Properties props = config.kafka().clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Room to merge many small batches of a zone into one provider call.
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    // Cooperative: a rebalance moves only the partitions that change hands, so the zones that stay
    // are not listed again.
    props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, config.sessionTimeout().toMillis() / 3));
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Ready once it has joined its group and listed the zones of its partitions (/readyz). */
  public boolean isReady() {
    return ready && !stopped.isDone();
  }

  /** Its loop runs (/healthz). */
  public boolean isAlive() {
    return !stopped.isDone();
  }

  @Override
  public void close() {
    running = false;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      loop.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close();
    provider.close();
    log.info("applier for {} stopped", provider.name());
  }
}
