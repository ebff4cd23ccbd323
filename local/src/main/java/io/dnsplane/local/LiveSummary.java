package io.dnsplane.local;

import io.dnsplane.avro.ApplyResult;
import io.dnsplane.avro.Endpoint;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.schema.Topic;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import io.dnsplane.runtime.KafkaConnection;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/** Prints one line per record change as appliers report them on the results topic. */
public final class LiveSummary implements AutoCloseable {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final KafkaConsumer<ZoneRef, ApplyResult> consumer;
  private final PrintStream out;
  private final Thread thread;
  private volatile boolean running = true;

  public LiveSummary(KafkaConnection kafka, Topic<ZoneRef, ApplyResult> results, PrintStream out) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer = new KafkaConsumer<>(props, results.keySerde().deserializer(), results.valueSerde().deserializer());
    this.out = out;
    // No consumer group: every run reads the whole results topic of this (fresh) broker.
    consumer.assign(consumer.partitionsFor(results.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList());
    this.thread = new Thread(this::run, "live-summary");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<ZoneRef, ApplyResult> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.value() != null) {
            print(record.value());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      out.println("live summary stopped: " + e);
    } finally {
      consumer.close();
    }
  }

  private void print(ApplyResult result) {
    Set<String> before = lines(result.getBefore());
    Set<String> after = lines(result.getAfter());
    String time = TIME.format(result.getAppliedAt());
    after.stream().filter(l -> !before.contains(l)).forEach(l -> out.println(time + "  + " + l));
    before.stream().filter(l -> !after.contains(l)).forEach(l -> out.println(time + "  - " + l));
    result.getFailures().forEach(f -> out.println(time + "  ! " + f.getEndpoint().getDnsName() + " "
        + f.getEndpoint().getRecordType() + ": " + f.getReason()));
  }

  private static Set<String> lines(List<Endpoint> records) {
    Set<String> lines = new TreeSet<>();
    for (Endpoint e : records) {
      lines.add(e.getDnsName() + " " + e.getRecordTTL() + " " + e.getRecordType() + " " + String.join(" ", e.getTargets()));
    }
    return lines;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
  }
}
