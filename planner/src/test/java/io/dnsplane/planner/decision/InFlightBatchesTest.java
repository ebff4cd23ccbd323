package io.dnsplane.planner.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.planner.NameState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InFlightBatchesTest {
  @Test
  void oneBatchPerZone() {
    NameState state = NameStates.empty();
    InFlightBatches.put(state, "Zpublic", "b1");
    InFlightBatches.put(state, "Zprivate", "b2");
    assertThat(InFlightBatches.inZone(state, "Zpublic")).contains("b1");
    assertThat(InFlightBatches.inZone(state, "Zprivate")).contains("b2");
    assertThat(InFlightBatches.inZone(state, "Zother")).isEmpty();
    assertThat(InFlightBatches.batchIds(state)).isEqualTo("b2, b1");
    assertThat(state.getInFlight()).isEqualTo(Map.of("Zpublic", "b1", "Zprivate", "b2"));

    InFlightBatches.put(state, "Zpublic", "b3");
    assertThat(InFlightBatches.inZone(state, "Zpublic")).contains("b3");
    InFlightBatches.acknowledge(state, "Zpublic");
    InFlightBatches.acknowledge(state, "Zprivate");
    assertThat(InFlightBatches.isEmpty(state)).isTrue();
  }

  /** State written before the typed field: its string is read, then moved to the map. */
  @Test
  void theOldStringFormatIsReadAndMovedToTheMap() {
    NameState old = NameStates.empty();
    old.setInFlightBatch("Zpublic=b1,Zprivate=b2");
    assertThat(InFlightBatches.inZone(old, "Zprivate")).contains("b2");
    InFlightBatches.acknowledge(old, "Zpublic");
    assertThat(old.getInFlightBatch()).isEmpty();
    assertThat(old.getInFlight()).isEqualTo(Map.of("Zprivate", "b2"));

    NameState bare = NameStates.empty();
    bare.setInFlightBatch("b1");
    assertThat(InFlightBatches.inZone(bare, "example.com")).as("a bare id stands for any zone").contains("b1");
    InFlightBatches.acknowledge(bare, "example.com");
    assertThat(InFlightBatches.isEmpty(bare)).isTrue();
  }
}
