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
 * and the A records the zone should end with: the fault tests' load. Deletes stay under a fifth of
 * the names it made, so the delete breaker (30% by default) never holds them. Not thread-safe: one thread
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

  Churn(long seed, String prefix, Map<String, MockCluster> clusters) {
    this.random = new Random(seed);
    this.prefix = prefix;
    this.clusterIds = List.copyOf(clusters.keySet());
    clusters.forEach((id, cluster) -> clients.put(id, cluster.client()));
  }

  /** One change: mostly creates while there are few names, then moves and deletes too. */
  void step() {
    double r = random.nextDouble();
    if (alive.size() < 4 || r < 0.5) {
      String host = prefix + next++ + ".example.com";
      String cluster = clusterIds.get(random.nextInt(clusterIds.size()));
      String ip = nextIp();
      Ingresses.create(clients.get(cluster), ingressName(host), host, ip);
      alive.put(host, ip);
      clusterOf.put(host, cluster);
      creates++;
    } else if (r < 0.85 || deletes + 1 > 0.2 * creates) {
      // Deletes stay under a fifth of the names made: below the applier's delete breaker (30%).
      String host = anyAlive();
      String ip = nextIp();
      Ingresses.moveTo(clients.get(clusterOf.get(host)), ingressName(host), ip);
      alive.put(host, ip);
      moves++;
    } else {
      String host = anyAlive();
      Ingresses.delete(clients.get(clusterOf.get(host)), ingressName(host));
      alive.remove(host);
      deletes++;
    }
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
