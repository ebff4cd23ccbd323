package io.dnsplane.schema;

import io.dnsplane.runtime.Cli;
import io.dnsplane.runtime.KafkaOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dnsplane topics}: creates the topics a pipeline serving these providers needs, each with its
 * cleanup policy, then exits (the Helm chart's pre-install hook runs it).
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Creates the missing topics of a pipeline serving these providers, then exits.")
public final class TopicsMain implements Callable<Integer> {
  @Mixin
  KafkaOptions kafka = new KafkaOptions();

  @Mixin
  TopicCreationOptions creation = new TopicCreationOptions();

  @Option(names = {"--applier-name", "--provider"}, split = ",", description = "The appliers (each one's"
      + " --applier-name, by default its provider): each has its change topic (repeatable, comma list).")
  List<String> providers = new ArrayList<>();

  @Option(names = "--cluster-id", split = ",", description = "Clusters whose watchers write their own desire topic,"
      + " dnsplane.desired-endpoints.<cluster-id> (repeatable, comma list).")
  List<String> clusters = new ArrayList<>();

  @Override
  public Integer call() {
    List<Topic<?, ?>> topics = Topics.singleObjectEncoding().all(providers, clusters);
    creation.create(kafka.connection(), topics);
    topics.forEach(t -> System.out.println(t.name() + " (" + t.cleanup().kafkaValue() + ")"));
    return 0;
  }

  public static void main(String[] args) {
    System.exit(Cli.run(new TopicsMain(), args));
  }
}
