package io.dnsplane.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExternalDnsModelTest {
  /** 10,000 names: an A record and a TXT each, with the zone's SOA and NS. */
  private static final int RECORD_SETS = 20_002;

  @Test
  void oneClusterListsTheZoneEveryMinute() {
    ExternalDnsModel one = ExternalDnsModel.defaults(1);
    assertThat(one.listCallsPerSync(RECORD_SETS)).isEqualTo(68); // ListHostedZones + 67 pages of 300
    assertThat(one.syncSeconds(RECORD_SETS)).isCloseTo(13.6, within(1e-9));
    assertThat(one.periodSeconds(RECORD_SETS)).isEqualTo(60);
    assertThat(one.steadyStateCallsPerHour(RECORD_SETS)).isEqualTo(4_080); // ApiCallBenchmark's figure
    // Waits half a minute for its sync, then the sync's listing, then the change call.
    assertThat(one.latencySeconds(0.5, RECORD_SETS)).isCloseTo(30 + 13.6 + 0.2, within(1e-9));
  }

  @Test
  void tenClustersSaturateTheAccountAndStretchTheirSyncs() {
    ExternalDnsModel ten = ExternalDnsModel.defaults(10);
    assertThat(ten.syncSeconds(RECORD_SETS)).isCloseTo(136, within(1e-9));
    assertThat(ten.periodSeconds(RECORD_SETS)).isCloseTo(136, within(1e-9));
    // The whole budget, 5 a second, every hour: nothing left for changes.
    assertThat(ten.steadyStateCallsPerHour(RECORD_SETS)).isEqualTo(18_000);
    assertThat(ten.latencySeconds(0.99, RECORD_SETS)).isCloseTo(0.99 * 136 + 136 + 0.2, within(1e-9));
  }

  @Test
  void aColdSyncListsAnEmptyZoneThenSubmitsTheChanges() {
    ExternalDnsModel ten = ExternalDnsModel.defaults(10);
    assertThat(ten.listCallsPerSync(2)).isEqualTo(2);
    assertThat(ten.coldSyncCalls(4, 2)).isEqualTo(60);
    assertThat(ten.coldSyncSeconds(4, 2)).isEqualTo(12);
  }
}
