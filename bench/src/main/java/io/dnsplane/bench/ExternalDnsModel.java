package io.dnsplane.bench;

/**
 * ExternalDNS's loop on the same work, modelled from its algorithm (controller.Run and the AWS
 * provider as in shared/REFERENCE.md), not run: every {@code --interval} (1 minute by default)
 * each cluster's instance lists the hosted zones (100 a page) and every record set of the zone (300
 * a page), plans, and submits the changes in batches within Route53's limits. The clusters share
 * one account's 5 requests a second evenly. A sync that takes longer than the interval starts the
 * next at once. Left out: throttling's retries and backoff (which make it slower still), the
 * tags lookup with --aws-zone-tags, --events (which starts a sync on a change, at most every
 * --min-event-sync-interval, 5 s, each still a full listing), and the time to plan. Pure.
 */
public record ExternalDnsModel(int clusters, double intervalSeconds, double requestsPerSecond) {
  public static final int RECORDS_PER_PAGE = 300;

  public static ExternalDnsModel defaults(int clusters) {
    return new ExternalDnsModel(clusters, 60, Route53Floor.REQUESTS_PER_SECOND);
  }

  /** One instance's listing calls in one sync: ListHostedZones, then the zone's record sets page by page. */
  public int listCallsPerSync(int recordSets) {
    return 1 + Math.max(1, (recordSets + RECORDS_PER_PAGE - 1) / RECORDS_PER_PAGE);
  }

  /** How long one sync's listing takes when every instance lists at its share of the account's rate. */
  public double syncSeconds(int recordSets) {
    return listCallsPerSync(recordSets) * clusters / requestsPerSecond;
  }

  /** Time between one instance's syncs: the interval, or the sync itself when it takes longer. */
  public double periodSeconds(int recordSets) {
    return Math.max(intervalSeconds, syncSeconds(recordSets));
  }

  /** List calls an hour of no changes costs the account: every instance lists the zone every period. */
  public long steadyStateCallsPerHour(int recordSets) {
    return Math.round(clusters * (3600 / periodSeconds(recordSets)) * listCallsPerSync(recordSets));
  }

  /**
   * The latency of a change at quantile {@code q}: it waits for its cluster's next sync (uniform
   * over the period), whose listing then runs before its change call.
   */
  public double latencySeconds(double q, int recordSets) {
    return q * periodSeconds(recordSets) + syncSeconds(recordSets) + 1 / requestsPerSecond;
  }

  /**
   * Calls for a cold sync of names spread over the clusters: each instance's first sync lists the
   * (empty) zone and submits its names' changes, {@code changeCallsPerCluster} calls each.
   */
  public int coldSyncCalls(int changeCallsPerCluster, int recordSetsBefore) {
    return clusters * (listCallsPerSync(recordSetsBefore) + changeCallsPerCluster);
  }

  /** The cold sync's time: all those calls at the account's rate (the instances start together). */
  public double coldSyncSeconds(int changeCallsPerCluster, int recordSetsBefore) {
    return coldSyncCalls(changeCallsPerCluster, recordSetsBefore) / requestsPerSecond;
  }
}
