package io.dnsplane.planner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.ClusterHeartbeat;
import io.dnsplane.avro.ClusterKey;
import io.dnsplane.avro.ProviderZone;
import io.dnsplane.avro.ZoneRef;
import io.dnsplane.avro.planner.NameState;
import io.dnsplane.avro.planner.PendingRetry;
import io.dnsplane.planner.PlannerConfig;
import io.dnsplane.planner.decision.NameDecider;
import io.dnsplane.planner.decision.PlannerOutput;
import io.dnsplane.planner.plan.NamePlanner;
import io.dnsplane.planner.plan.Planner;
import io.dnsplane.planner.plan.Policy;
import io.dnsplane.schema.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** A planner upgraded from the string-valued pending store moves what waited there to the typed one, losing nothing. */
class PendingRetriesMigrationTest {
  private final MockProcessorContext<String, PlannerOutput> context = new MockProcessorContext<>();
  private final Topics topics = Topics.singleObjectEncoding();

  private <K, V> KeyValueStore<K, V> store(String name, Serde<K> keys, Serde<V> values) {
    KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
        .withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }

  @Test
  void whatWaitedInTheEarlierStoreWaitsInTheTypedOne() {
    KeyValueStore<String, String> legacy = store(PlannerStores.PENDING_NAMES, Serdes.String(), Serdes.String());
    KeyValueStore<String, PendingRetry> pending = store(PlannerStores.PENDING_RETRIES, Serdes.String(),
        topics.internalFormat().serde(PendingRetry.class, false));
    store(PlannerStores.NAME_STATE, Serdes.String(), topics.internalFormat().serde(NameState.class, false));
    store(PlannerStores.CLUSTER_STATUS, topics.clusterStatus().keySerde(), topics.clusterStatus().valueSerde());
    store(PlannerStores.PROVIDER_ZONES, topics.providerZones().keySerde(), topics.providerZones().valueSerde());
    legacy.put("app.example.com", "0|no managed zone serves it");
    legacy.put("api.example.com", "1780308027000|the provider refused part of batch b1: Throttling");
    PendingRetry newer = new PendingRetry(Instant.ofEpochMilli(5), "written by this version", false);
    legacy.put("web.example.com", "9|older");
    pending.put("web.example.com", newer);

    PlannerConfig config = PlannerConfig.defaults("unused:9092", Path.of("unused"), Policy.SYNC);
    new NamePlanProcessor(new NameDecider(new NamePlanner(new Planner(Set.of("A")), Policy.SYNC,
        config.txt().registry()), NameDecider.Settings.of(config)), config).init(context);

    assertThat(pending.get("app.example.com")).isEqualTo(new PendingRetry(Instant.EPOCH, "no managed zone serves it", false));
    assertThat(pending.get("api.example.com")).isEqualTo(new PendingRetry(Instant.ofEpochMilli(1780308027000L),
        "the provider refused part of batch b1: Throttling", true));
    assertThat(pending.get("web.example.com")).as("the typed store's own entry wins").isEqualTo(newer);
    assertThat(legacy.approximateNumEntries()).isZero();
  }
}
