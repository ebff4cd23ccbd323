package io.dnsplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dnsplane.applier.core.AccountRateBudget;
import io.dnsplane.applier.core.Applier;
import io.dnsplane.applier.core.ApplierConfig;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.fakes.route53.Route53Fake;
import io.dnsplane.model.Endpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the Route53 applier share the account's request budget by the partitions they
 * own, list each zone once between them, and the survivor takes over when one stops.
 */
class ApplierReplicasIT {
  private static final double ACCOUNT_LIMIT = 6;

  @TempDir
  Path stateDir;

  @Test
  void replicasSplitTheBudgetAndTheZonesAndTheSurvivorTakesOver() {
    try (LocalPipeline pipeline = LocalPipeline.start(new LocalConfig(stateDir, PipelineTestBase.EXAMPLES, 0, 3,
        Duration.ofSeconds(1), Duration.ofMinutes(10)).withProvider("aws"))) {
      Route53Fake route53 = pipeline.route53();
      pipeline.stopApplier();
      int listings = route53.zoneListings();

      AccountRateBudget budgetA = AccountRateBudget.of(ACCOUNT_LIMIT);
      AccountRateBudget budgetB = AccountRateBudget.of(ACCOUNT_LIMIT);
      Applier replicaA = start(pipeline, budgetA);
      Applier replicaB = start(pipeline, budgetB);
      try {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          assertThat(budgetA.share() + budgetB.share()).isCloseTo(1.0, Offset.offset(1e-9));
          assertThat(budgetA.rate() + budgetB.rate()).isCloseTo(ACCOUNT_LIMIT, Offset.offset(1e-6));
          assertThat(replicaA.isReady() && replicaB.isReady()).as("/readyz of both").isTrue();
        });
        // One zone: it is listed by the replica that owns its partition (twice at most, if the
        // partition moved to the second replica as it joined). Both are ready with their shares
        // settled, so no move is left to list it again.
        int listedAtReady = route53.zoneListings();
        assertThat(listedAtReady - listings).isBetween(1, 2);

        replicaA.close();
        assertThat(replicaA.isAlive()).as("/healthz of a stopped replica").isFalse();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(budgetB.rate()).isCloseTo(ACCOUNT_LIMIT,
            Offset.offset(1e-6)));
        pipeline.clusters().get("cluster-b").client().network().v1().ingresses().inNamespace("default")
            .withName("app").delete();
        try (DnsProvider client = pipeline.newProviderClient()) {
          Zone example = client.zones().get(0);
          await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(client.records(example).stream()
              .filter(e -> e.dnsName().equals("app.example.com")).map(Endpoint::targets).toList())
              .containsExactly(List.of("192.0.2.10")));
        }
      } finally {
        replicaA.close();
        replicaB.close();
      }
    }
  }

  private static Applier start(LocalPipeline pipeline, AccountRateBudget budget) {
    DnsProvider provider = pipeline.newProviderClient();
    return Applier.start(provider, budget, ApplierConfig.defaults(pipeline.bootstrapServers(), provider.name())
        .withSessionTimeout(Duration.ofSeconds(6)), pipeline.topics(), Clock.systemUTC());
  }
}
