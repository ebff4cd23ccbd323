package io.dnsplane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.bench.Route53Floor.NameCost;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Route53FloorTest {
  @ParameterizedTest(name = "{0} names of {1} changes and {2} characters: {3} calls, {4} s")
  @CsvSource({
      // The floor: 100k names = 200k changes = 200 calls, 40 s at 5 a second (39 s: the bucket starts full).
      "100000, 2, 11, 200, 39",
      // With ExternalDNS's TXT values (about 100 characters) the 32,000 characters bind first: 288 names a call.
      "10000, 2, 111, 35, 6",
      // An UPSERT counts twice: 250 names of one UPSERT and its TXT's UPSERT a call.
      "1000, 4, 22, 4, 0",
      "1, 2, 111, 1, 0",
      "0, 2, 111, 0, 0"})
  void callsAndTime(int names, int changes, int chars, int calls, double seconds) {
    Route53Floor.Floor floor = Route53Floor.of(names, new NameCost(changes, chars));
    assertThat(floor.calls()).isEqualTo(calls);
    assertThat(floor.seconds()).isEqualTo(seconds);
  }

  @org.junit.jupiter.api.Test
  void aNameNeverSplitsAndALargeOneGoesAlone() {
    List<NameCost> names = new ArrayList<>();
    names.add(new NameCost(2, 31_000));
    names.add(new NameCost(2, 2_000)); // would pass 32,000 beside the first
    names.add(new NameCost(2, 40_000)); // over the limit alone: its own call (refused when applied)
    names.add(new NameCost(2, 100));
    assertThat(Route53Floor.of(names).calls()).isEqualTo(4);
  }
}
