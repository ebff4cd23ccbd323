package io.dnsplane.local;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded stream of Ingress changes over several clusters (creates, load balancer moves, deletes),
 * and the A records the zone should end with: the fault tests' load. Deletes within the delete
 * breaker's window stay under a fifth of the names, so the breaker (30% by default) never holds them. Not thread-safe: one thread
 * drives it; {@link #expected()} is read once it has stopped.
 */
final class Churn {
  private final Random random;
  private final String prefix;
  private final List<String> clusterIds;
  private final Map<String, KubernetesClient> clients = new HashMap<>();
  private final Map<String, String> alive = new TreeMap<>(); // host -> ip
  private final Map<String, String> clusterOf = new HashMap<>(); // host -> cluster id
  private int next;
  private int ips;
  int creates;
  int moves;
  int deletes;

  private final int maxAlive;
  private final java.util.ArrayDeque<java.time.Instant> recentDeletes = new java.util.ArrayDeque<>();

  Churn(long seed, String prefix, Map<String, MockCluster> clusters) {
    this(seed, prefix, clusters, Integer.MAX_VALUE);
  }

  /** @param maxAlive names alive at most: past it, names are only moved and deleted (a steady state) */
  Churn(long seed, String prefix, Map<String, MockCluster> clusters, int maxAlive) {
    this.random = new Random(seed);
    this.prefix = prefix;
    this.maxAlive = maxAlive;
    this.clusterIds = List.copyOf(clusters.keySet());
    clusters.forEach((id, cluster) -> clients.put(id, cluster.client()));
  }

  /** One change: mostly creates while there are few names, then moves and deletes too. */
  void step() {
    double r = random.nextDouble();
    if (alive.size() < 4 || (r < 0.5 && alive.size() < maxAlive)) {
      String host = prefix + next++ + ".example.com";
      String cluster = clusterIds.get(random.nextInt(clusterIds.size()));
      String ip = nextIp();
      Ingresses.create(clients.get(cluster), ingressName(host), host, ip);
      alive.put(host, ip);
      clusterOf.put(host, cluster);
      creates++;
    } else if (r < 0.85 || !mayDelete()) {
      String host = anyAlive();
      String ip = nextIp();
      Ingresses.moveTo(clients.get(clusterOf.get(host)), ingressName(host), ip);
      alive.put(host, ip);
      moves++;
    } else {
      String host = anyAlive();
      Ingresses.delete(clients.get(clusterOf.get(host)), ingressName(host));
      alive.remove(host);
      recentDeletes.addLast(java.time.Instant.now());
      deletes++;
    }
  }

  /** Deletes within the delete breaker's window (10 min) stay under a fifth of the names: below its 30%. */
  private boolean mayDelete() {
    java.time.Instant windowStart = java.time.Instant.now().minus(java.time.Duration.ofMinutes(11));
    while (!recentDeletes.isEmpty() && recentDeletes.peekFirst().isBefore(windowStart)) {
      recentDeletes.removeFirst();
    }
    return recentDeletes.size() + 1 <= 0.2 * alive.size();
  }

  int changes() {
    return creates + moves + deletes;
  }

  /** Host to address of every name that should hold an A record now. */
  Map<String, String> expected() {
    return Map.copyOf(alive);
  }

  String prefix() {
    return prefix;
  }

  @Override
  public String toString() {
    return changes() + " changes (" + creates + " creates, " + moves + " moves, " + deletes + " deletes), "
        + alive.size() + " names alive";
  }

  private String anyAlive() {
    List<String> hosts = new ArrayList<>(alive.keySet());
    return hosts.get(random.nextInt(hosts.size()));
  }

  private String nextIp() {
    int n = ips++;
    return "198.18." + (n / 250) + "." + (n % 250 + 1);
  }

  private static String ingressName(String host) {
    return host.substring(0, host.indexOf('.'));
  }
}
