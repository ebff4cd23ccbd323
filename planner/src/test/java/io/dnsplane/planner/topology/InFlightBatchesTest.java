package io.dnsplane.planner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightBatchesTest {
  @Test
  void oneBatchPerZoneUntilEachComesBack() {
    String inFlight = InFlightBatches.with("", "Zpublic", "b1");
    inFlight = InFlightBatches.with(inFlight, "Zprivate", "b2");
    assertThat(InFlightBatches.inZone(inFlight, "Zpublic")).contains("b1");
    assertThat(InFlightBatches.inZone(inFlight, "Zprivate")).contains("b2");
    assertThat(InFlightBatches.inZone(inFlight, "Zother")).isEmpty();
    assertThat(InFlightBatches.batchIds(inFlight)).isEqualTo("b1, b2");
    // A newer batch in a zone replaces the older one there.
    inFlight = InFlightBatches.with(inFlight, "Zpublic", "b3");
    assertThat(InFlightBatches.inZone(inFlight, "Zpublic")).contains("b3");
    inFlight = InFlightBatches.acknowledged(inFlight, "Zpublic");
    assertThat(inFlight).isEqualTo("Zprivate=b2");
    assertThat(InFlightBatches.acknowledged(inFlight, "Zprivate")).isEmpty();
  }

  @Test
  void aBatchIdStoredBeforeZonesCountedStandsForEveryZone() {
    assertThat(InFlightBatches.inZone("b1", "example.com")).contains("b1");
    assertThat(InFlightBatches.acknowledged("b1", "example.com")).isEmpty();
  }
}
