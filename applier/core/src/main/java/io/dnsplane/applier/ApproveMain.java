package io.dnsplane.applier;

import io.dnsplane.schema.registry.SchemaRegistryOptions;
import io.dnsplane.avro.DeleteApproval;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.runtime.Cli;
import io.dnsplane.runtime.KafkaConnection;
import io.dnsplane.runtime.KafkaOptions;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.Topics;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dnsplane approve ZONE}: releases the deletes the delete breaker holds in a zone. */
@Command(name = "approve", mixinStandardHelpOptions = true,
    description = "Lets the deletes the delete breaker holds in ZONE go ahead (those planned until now).")
public final class ApproveMain implements Callable<Integer> {
  @Parameters(index = "0", description = "The zone id (for the in-memory provider, the zone name).")
  String zone;

  @Option(names = {"--applier-name", "--provider"}, required = true, description = "The applier that holds the"
      + " deletes: its --applier-name, by default its provider.")
  String provider;

  @Mixin
  KafkaOptions kafka = new KafkaOptions();

  @Mixin
  SchemaRegistryOptions schemaRegistry = new SchemaRegistryOptions();

  @Option(names = "--approved-by", defaultValue = "${sys:user.name}", description = "Who approves, for the audit trail (default: ${DEFAULT-VALUE}).")
  String approvedBy;

  @Option(names = "--reason", defaultValue = "", description = "Why, for the audit trail.")
  String reason;

  @Override
  public Integer call() {
    approve(kafka.connection(), schemaRegistry.topics(), provider, zone, approvedBy, reason, Clock.systemUTC());
    System.out.printf("approved held deletes in zone %s of %s%n", zone, provider);
    return 0;
  }

  /** Publishes the approval; appliers of that provider release what they hold for the zone. */
  public static void approve(KafkaConnection kafka, Topics topics, String provider, String zone, String approvedBy,
      String reason, Clock clock) {
    Topic<ZoneRef, DeleteApproval> topic = topics.deleteApprovals();
    Properties props = kafka.clientProperties();
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<ZoneRef, DeleteApproval> producer =
             new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), new ZoneRef(provider, zone),
          new DeleteApproval(provider, zone, clock.instant(), approvedBy, reason)));
      producer.flush();
    }
  }

  public static void main(String[] args) {
    System.exit(Cli.run(new ApproveMain(), args));
  }
}
