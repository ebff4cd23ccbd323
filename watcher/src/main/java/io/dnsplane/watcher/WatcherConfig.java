package io.dnsplane.watcher;

import io.dnsplane.runtime.KafkaConnection;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import io.dnsplane.model.DomainFilter;
import io.dnsplane.watcher.source.Extraction;
import io.dnsplane.watcher.source.ObjectFilter;
import java.util.regex.Pattern;

/**
 * Everything a watcher needs, validated once. {@code ownerId} is the TXT owner id its records carry
 * (ExternalDNS's --txt-owner-id); it defaults to the cluster id.
 */
public record WatcherConfig(
    String clusterId,
    String ownerId,
    KafkaConnection kafka,
    String namespace,
    Duration heartbeatInterval,
    List<String> sources,
    boolean recordEvents,
    Extraction extraction,
    int maxEndpointsPerObject,
    DomainFilter domainFilter,
    Duration emptyTargetsGrace,
    boolean clusterTopic) {

  /** How long an object that still exists keeps its records without targets (a flickering load balancer status). */
  public static final Duration DEFAULT_EMPTY_TARGETS_GRACE = Duration.ofMinutes(2);

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  public WatcherConfig {
    requireId("cluster id", clusterId);
    ownerId = ownerId == null || ownerId.isBlank() ? clusterId : ownerId;
    requireId("owner id", ownerId);
    Objects.requireNonNull(kafka, "kafka");
    namespace = namespace == null ? "" : namespace;
    if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException("heartbeat interval must be positive: " + heartbeatInterval);
    }
    sources = sources == null || sources.isEmpty() ? List.of(Sources.INGRESS) : List.copyOf(new LinkedHashSet<>(sources));
    for (String s : sources) {
      if (!Sources.KNOWN.contains(s)) {
        throw new IllegalArgumentException("unknown --source " + s + "; known: " + new TreeSet<>(Sources.KNOWN));
      }
    }
    extraction = extraction == null ? Extraction.DEFAULT : extraction;
    domainFilter = domainFilter == null ? DomainFilter.ALL : domainFilter;
    emptyTargetsGrace = emptyTargetsGrace == null ? DEFAULT_EMPTY_TARGETS_GRACE : emptyTargetsGrace;
    if (emptyTargetsGrace.isNegative()) {
      throw new IllegalArgumentException("--empty-targets-grace must not be negative: " + emptyTargetsGrace);
    }
    if (maxEndpointsPerObject < 0) {
      throw new IllegalArgumentException("--max-endpoints-per-object must not be negative: " + maxEndpointsPerObject);
    }
  }

  /** Ingress only, every Service type: the defaults for tests and local mode. */
  public WatcherConfig(String clusterId, String ownerId, String bootstrapServers, String namespace, Duration heartbeatInterval) {
    this(clusterId, ownerId, KafkaConnection.plaintext(bootstrapServers), namespace, heartbeatInterval);
  }

  public WatcherConfig(String clusterId, String ownerId, KafkaConnection kafka, String namespace, Duration heartbeatInterval) {
    this(clusterId, ownerId, kafka, namespace, heartbeatInterval, null, true, null, 1000, null, null, true);
  }

  public WatcherConfig withSources(List<String> newSources) {
    return new WatcherConfig(clusterId, ownerId, kafka, namespace, heartbeatInterval, newSources,
        recordEvents, extraction, maxEndpointsPerObject, domainFilter, emptyTargetsGrace, clusterTopic);
  }

  public WatcherConfig withEmptyTargetsGrace(Duration grace) {
    return new WatcherConfig(clusterId, ownerId, kafka, namespace, heartbeatInterval, sources,
        recordEvents, extraction, maxEndpointsPerObject, domainFilter, grace, clusterTopic);
  }

  public WatcherConfig withExtraction(Extraction newExtraction) {
    return new WatcherConfig(clusterId, ownerId, kafka, namespace, heartbeatInterval, sources,
        recordEvents, newExtraction, maxEndpointsPerObject, domainFilter, emptyTargetsGrace, clusterTopic);
  }

  /** The objects taken at all (ExternalDNS's --annotation-filter, --label-filter, controller annotation). */
  public ObjectFilter filter() {
    return extraction.filter();
  }

  /** @param own write to this cluster's own desire topic (the default), else to the shared one */
  public WatcherConfig withClusterTopic(boolean own) {
    return new WatcherConfig(clusterId, ownerId, kafka, namespace, heartbeatInterval, sources,
        recordEvents, extraction, maxEndpointsPerObject, domainFilter, emptyTargetsGrace, own);
  }

  private static void requireId(String what, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be 1-63 characters of letters, digits, '.', '_', '-': " + value);
    }
  }
}
