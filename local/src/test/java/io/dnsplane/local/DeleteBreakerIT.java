package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.ApproveMain;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A mass withdrawal trips the applier's delete breaker; ./dnsplane approve lets the rest go. */
class DeleteBreakerIT extends PipelineTestBase {
  private static final Zone EXAMPLE = new Zone("example.com", "example.com");

  private static List<String> bulkNames() {
    return pipeline.provider().records(EXAMPLE).stream().map(Endpoint::dnsName)
        .filter(n -> n.startsWith("bulk-")).distinct().sorted().toList();
  }

  @Test
  void aMassDeleteIsHeldUntilApproved() {
    KubernetesClient cluster = pipeline.clusters().get("cluster-a").client();
    for (int i = 0; i < 12; i++) {
      Ingresses.create(cluster, "bulk-" + i, "bulk-" + i + ".example.com", "192.0.2." + (100 + i));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> bulkNames().size() == 12);

    // The breaker lets at most 30% of the zone's owned records (TXT record sets) go within its window.
    long owned = pipeline.provider().records(EXAMPLE).stream().filter(e -> e.recordType().equals("TXT")).count();
    int allowed = (int) Math.floor(0.3 * owned);
    assertThat(allowed).as("the test needs the breaker to trip").isLessThan(8);
    IntStream.range(0, 8).forEach(i -> cluster.network().v1().ingresses().inNamespace("default").withName("bulk-" + i).delete());
    await().atMost(Duration.ofSeconds(60)).until(() -> bulkNames().size() == 12 - allowed);
    // Evidence the rest waits: the applier reported the other deletes HELD, with the breaker's reason.
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(heldResults())
        .anySatisfy(r -> assertThat(r).contains("--max-delete-fraction")));
    assertThat(bulkNames()).hasSize(12 - allowed);

    // The held deletes do not freeze the zone: a new name is published before anyone approves.
    Ingresses.create(cluster, "bulk-fresh", "bulk-fresh.example.com", "192.0.2.99");
    await().atMost(Duration.ofSeconds(60)).until(() -> bulkNames().contains("bulk-fresh.example.com"));
    assertThat(bulkNames()).hasSize(12 - allowed + 1);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(status("bulk-fresh", "bulk-fresh.example.com")).startsWith("READY"));

    // A name whose delete is held waits behind it, and its object is told so.
    String heldName = bulkNames().stream().filter(n -> n.matches("bulk-[0-7]\\.example\\.com")).findFirst().orElseThrow();
    String heldObject = heldName.substring(0, heldName.indexOf('.'));
    Ingresses.create(cluster, heldObject, heldName, "192.0.2.98");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status(heldObject, heldName))
        .startsWith("HELD: waiting behind a delete the breaker holds at").contains(heldName));

    ApproveMain.approve(pipeline.connection(), pipeline.topics(), "inmemory", "example.com", "test", "planned cleanup",
        Clock.systemUTC());
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(bulkNames()).containsExactlyInAnyOrder("bulk-10.example.com", "bulk-11.example.com",
            "bulk-8.example.com", "bulk-9.example.com", "bulk-fresh.example.com", heldName));
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status(heldObject, heldName)).startsWith("READY"));
  }

  /** The reasons of the HELD results on the audit log. */
  private static List<String> heldResults() {
    return io.dnsplane.schema.TopicSnapshot.read(pipeline.connection(), pipeline.topics().applyResults(),
        (k, v) -> v != null && v.getStatus() == io.dnsplane.avro.ApplyStatus.HELD).stream()
        .map(e -> e.value().getReason()).toList();
  }

  /** The latest status of one object's name, as "STATE: reason". */
  private static String status(String object, String dnsName) {
    return io.dnsplane.schema.TopicSnapshot.read(pipeline.connection(), pipeline.topics().objectStatus(),
        (k, v) -> k.getName().equals(object) && k.getDnsName().equals(dnsName)).stream()
        .reduce((a, b) -> b).map(e -> e.value() == null ? "" : e.value().getState() + ": " + e.value().getReason()).orElse("");
  }
}
