package io.dnsplane.local.plan;

import io.dnsplane.applier.aws.Route53Listing;
import io.dnsplane.applier.core.ApplyOnce;
import io.dnsplane.applier.inmemory.InMemoryProvider;
import io.dnsplane.applier.inmemory.ZoneFiles;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Changes;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.DomainFilter;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.ownership.Ownership;
import io.dnsplane.planner.ownership.OwnershipRegistry;
import io.dnsplane.planner.ownership.TxtRegistryConfig;
import io.dnsplane.planner.plan.Conflict;
import io.dnsplane.planner.plan.NamePlanner;
import io.dnsplane.planner.plan.OwnerScope;
import io.dnsplane.planner.plan.Plan;
import io.dnsplane.planner.plan.Planner;
import io.dnsplane.planner.plan.Policy;
import io.dnsplane.planner.preview.EndpointPlanPreview;
import io.dnsplane.planner.preview.PreviewException;
import io.dnsplane.watcher.source.DnsEndpointSource;
import io.dnsplane.watcher.source.Extraction;
import io.dnsplane.watcher.source.ContourHttpProxySource;
import io.dnsplane.watcher.source.NodeSource;
import io.dnsplane.watcher.source.OpenShiftRouteSource;
import io.dnsplane.watcher.source.Source;
import io.dnsplane.watcher.source.GatewayRouteSource;
import io.dnsplane.watcher.source.IngressSource;
import io.dnsplane.watcher.source.IstioGatewaySource;
import io.dnsplane.watcher.source.IstioGateways;
import io.dnsplane.watcher.source.IstioVirtualServiceSource;
import io.dnsplane.watcher.source.ServiceSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TCPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.UDPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A plan preview from Kubernetes manifests (one folder per cluster, through the watcher's own
 * extraction) and a zone in RFC 1035 master format (as {@code dig AXFR} prints it) or as Route53
 * lists it ({@link Route53Listing}: with its aliases and weighted records), planned name
 * by name with the planner's own NamePlanner: TXT ownership decoded as the planner does, TXT
 * changes included.
 */
public final class ManifestPlanPreview {
  public record Cluster(String id, String ownerId, Path dir) {}

  /**
   * @param zoneFile the zone in master format, or null when another gives it
   * @param route53Records the zone as {@code aws route53 list-resource-record-sets} prints it, or null
   * @param liveZone the zone as a provider listed it ({@code --provider}), or null
   * @param zone --zone: the zone the file must hold; empty to take the file's SOA as it is
   */
  public record Options(Path zoneFile, Path route53Records, ZoneContents liveZone, String zone, Policy policy,
      Set<String> recordTypes, DomainFilter domainFilter, TxtRegistryConfig txt, Extraction extraction, Set<String> sources) {
    public Options {
      if (java.util.stream.Stream.of(zoneFile, route53Records, liveZone).filter(java.util.Objects::nonNull).count() != 1) {
        throw new PreviewException("give the zone as --zone-file, --route53-records or --provider, one of them");
      }
    }
  }

  /**
   * A zone's name, its records (TXT ownership records included), what its provider can do, and the
   * provider's zones inside it, which serve their own names (ExternalDNS's most specific zone).
   */
  public record ZoneContents(String zoneName, List<Endpoint> records, Set<String> capabilities, Set<String> innerZones) {
    public ZoneContents(String zoneName, List<Endpoint> records, Set<String> capabilities) {
      this(zoneName, records, capabilities, Set.of());
    }

    boolean serves(String name) {
      return DnsNames.isInZone(name, zoneName) && innerZones.stream().noneMatch(inner -> DnsNames.isInZone(name, inner));
    }
  }

  /** The preview, and its changes name by name: each name's record sets with their TXT records, to apply together. */
  public record Planned(EndpointPlanPreview.Result result, List<ApplyOnce.NameChanges> byName) {}

  private ManifestPlanPreview() {}

  public static EndpointPlanPreview.Result plan(List<Cluster> clusters, Options options) {
    return planned(clusters, options).result();
  }

  public static Planned planned(List<Cluster> clusters, Options options) {
    return planned(Desire.of(clusters, options), options);
  }

  /**
   * What the clusters' manifests want, read once, owner labels set: one desire planned against
   * several zones ({@code plan --provider}) reads the manifests once, not once a zone.
   */
  public record Desire(Set<String> owners, List<Endpoint> endpoints) {
    public static Desire of(List<Cluster> clusters, Options options) {
      Set<String> owners = new TreeSet<>();
      List<Endpoint> endpoints = new ArrayList<>();
      for (Cluster cluster : clusters) {
        owners.add(cluster.ownerId());
        endpoints.addAll(desired(cluster, options.extraction(), options.sources()));
      }
      return new Desire(owners, endpoints);
    }
  }

  /** The desire planned against the zone {@code options} names. */
  public static Planned planned(Desire desire, Options options) {
    ZoneContents zone = options.liveZone() != null ? options.liveZone()
        : options.zoneFile() != null ? fromZoneFile(options) : fromRoute53(options);
    String zoneName = zone.zoneName();
    List<Endpoint> observed = zone.records();
    Map<String, List<Endpoint>> observedByName = new LinkedHashMap<>();
    observed.forEach(e -> observedByName.computeIfAbsent(e.dnsName(), n -> new ArrayList<>()).add(e));

    Map<String, List<Endpoint>> desiredByName = new LinkedHashMap<>();
    Set<String> owners = desire.owners();
    for (Endpoint e : desire.endpoints()) {
      if (options.domainFilter().matches(e.dnsName()) && zone.serves(e.dnsName())) {
        desiredByName.computeIfAbsent(e.dnsName(), n -> new ArrayList<>()).add(e);
      }
    }

    OwnershipRegistry registry = options.txt().registry();
    NamePlanner planner = new NamePlanner(new Planner(options.recordTypes()), options.policy(), registry);
    Set<String> names = new TreeSet<>(desiredByName.keySet());
    observed.stream().filter(e -> !e.recordType().equals("TXT")).map(Endpoint::dnsName)
        .filter(options.domainFilter()::matches).filter(zone::serves).forEach(names::add);
    Changes.Builder changes = new Changes.Builder();
    List<ApplyOnce.NameChanges> byName = new ArrayList<>();
    List<Conflict> conflicts = new ArrayList<>();
    List<Endpoint> adoptions = new ArrayList<>();
    for (String name : names) {
      List<Endpoint> around = observedAround(name, observedByName, options);
      Plan plan = planner.plan(name, zoneName, desiredByName.getOrDefault(name, List.of()), around,
          OwnerScope.all(owners), zone.capabilities());
      changes.addAll(plan.changes());
      if (!plan.changes().isEmpty()) {
        byName.add(new ApplyOnce.NameChanges(name, plan.changes()));
      }
      conflicts.addAll(plan.conflicts());
      for (Endpoint current : registry.currentWithOwnership(name, around)) {
        Map<String, String> by = Ownership.of(current);
        if (!by.isEmpty() && owners.containsAll(by.keySet()) && options.recordTypes().contains(current.recordType())) {
          adoptions.add(current);
        }
      }
    }
    return new Planned(new EndpointPlanPreview.Result(changes.build(), conflicts, adoptions, zoneName), byName);
  }

  private static ZoneContents fromZoneFile(Options options) {
    org.xbill.DNS.Zone dnsZone;
    try {
      dnsZone = ZoneFiles.load(options.zoneFile());
    } catch (IOException | RuntimeException e) {
      throw new PreviewException(options.zoneFile() + ": " + e.getMessage());
    }
    String zoneName = checkedZone(DnsNames.normalize(dnsZone.getOrigin().toString()), options, options.zoneFile());
    return new ZoneContents(zoneName, new InMemoryProvider(List.of(dnsZone)).records(new Zone(zoneName, zoneName)), Set.of());
  }

  /** Route53's listing, read as the Route53 applier reads it, planned as for a Route53 zone (aliases, weights). */
  private static ZoneContents fromRoute53(Options options) {
    List<software.amazon.awssdk.services.route53.model.ResourceRecordSet> sets;
    try {
      sets = Route53Listing.read(options.route53Records());
    } catch (IOException e) {
      throw new PreviewException(e.getMessage());
    }
    String listed = Route53Listing.zoneName(sets).orElse("");
    if (listed.isEmpty() && options.zone().isEmpty()) {
      throw new PreviewException(options.route53Records() + ": has no SOA record set to name the zone; give --zone");
    }
    String zoneName = listed.isEmpty() ? DnsNames.normalize(options.zone())
        : checkedZone(listed, options, options.route53Records());
    // ExternalDNS's defaults for Route53: --aws-evaluate-target-health, no --aws-prefer-cname.
    return new ZoneContents(zoneName, Route53Listing.endpoints(sets), Route53Listing.capabilities(true, false));
  }

  private static String checkedZone(String zoneName, Options options, Path file) {
    if (!options.zone().isEmpty() && !DnsNames.normalize(options.zone()).equals(zoneName)) {
      throw new PreviewException(file + ": holds zone " + zoneName + ", not --zone " + options.zone());
    }
    return zoneName;
  }

  /** The records at a name and at every TXT name that may hold its ownership. */
  private static List<Endpoint> observedAround(String name, Map<String, List<Endpoint>> byName, Options options) {
    Set<String> around = new TreeSet<>(List.of(name, options.txt().mapper().toLegacyTxtName(name)));
    for (String type : List.of("A", "AAAA", "CNAME", "NS", "MX", "SRV", "NAPTR", "PTR")) {
      around.add(options.txt().mapper().toTxtName(name, type));
    }
    List<Endpoint> records = new ArrayList<>();
    around.forEach(n -> records.addAll(byName.getOrDefault(n, List.of())));
    return records;
  }

  /**
   * What one cluster's manifests want, through the watcher's own sources and source flags: objects
   * the watcher would not take (annotation, label or controller filter) want nothing.
   */
  static List<Endpoint> desired(Cluster cluster, Extraction extraction, Set<String> sources) {
    List<HasMetadata> objects = load(cluster.dir());
    List<Gateway> gateways = ofType(objects, Gateway.class);
    List<EndpointSlice> slices = ofType(objects, EndpointSlice.class);
    List<Node> nodes = ofType(objects, Node.class);
    ServiceSource.ClusterLookups lookups = ServiceSource.ClusterLookups.of(() -> slices, () -> nodes);
    java.util.function.BiFunction<String, String, Optional<Gateway>> gatewayLookup = (namespace, name) ->
        gateways.stream().filter(g -> namespace.equals(ns(g)) && name.equals(g.getMetadata().getName())).findFirst()
            .map(extraction::viewed);
    java.util.function.Function<String, Optional<Map<String, String>>> noNamespaceLabels = ns -> Optional.empty();
    List<Service> services = ofType(objects, Service.class);
    List<Ingress> ingresses = ofType(objects, Ingress.class);
    List<GenericKubernetesResource> istioGateways = ofType(objects, GenericKubernetesResource.class).stream()
        .filter(g -> ISTIO.admits(g) && "Gateway".equals(g.getKind())).toList();
    IstioGateways.Lookups istio = new IstioGateways.Lookups(() -> services,
        (namespace, name) -> ingresses.stream().filter(i -> namespace.equals(ns(i)) && name.equals(i.getMetadata().getName()))
            .findFirst(),
        (namespace, name) -> istioGateways.stream().filter(g -> namespace.equals(ns(g))
            && name.equals(g.getMetadata().getName())).findFirst().map(extraction::viewed));
    // Each kind the watcher takes, under the --source name that takes it, through the watcher's own source.
    Map<String, KindSource<?>> byKind = Map.ofEntries(
        Map.entry("Ingress", KindSource.of(extraction, "ingress", Ingress.class, new IngressSource(extraction))),
        Map.entry("Service", KindSource.of(extraction, "service", Service.class, new ServiceSource(extraction, lookups))),
        Map.entry("DNSEndpoint", KindSource.of(extraction, "crd", GenericKubernetesResource.class, new DnsEndpointSource())),
        Map.entry("HTTPRoute", KindSource.of(extraction, "gateway-httproute", HTTPRoute.class,
            GatewayRouteSource.httpRoutes(gatewayLookup, noNamespaceLabels, extraction))),
        Map.entry("GRPCRoute", KindSource.of(extraction, "gateway-grpcroute", GRPCRoute.class,
            GatewayRouteSource.grpcRoutes(gatewayLookup, noNamespaceLabels, extraction))),
        Map.entry("TLSRoute", KindSource.of(extraction, "gateway-tlsroute", TLSRoute.class,
            GatewayRouteSource.tlsRoutes(gatewayLookup, noNamespaceLabels, extraction))),
        Map.entry("TCPRoute", KindSource.of(extraction, "gateway-tcproute", TCPRoute.class,
            GatewayRouteSource.tcpRoutes(gatewayLookup, noNamespaceLabels, extraction))),
        Map.entry("UDPRoute", KindSource.of(extraction, "gateway-udproute", UDPRoute.class,
            GatewayRouteSource.udpRoutes(gatewayLookup, noNamespaceLabels, extraction))),
        Map.entry("Node", KindSource.of(extraction, "node", Node.class, new NodeSource(extraction))),
        Map.entry("Route", KindSource.of(extraction, "openshift-route", GenericKubernetesResource.class,
            new OpenShiftRouteSource(extraction))),
        Map.entry("HTTPProxy", KindSource.of(extraction, "contour-httpproxy", GenericKubernetesResource.class,
            new ContourHttpProxySource(extraction))),
        // Istio's Gateway shares its kind with Gateway API's, which is no source of its own: told apart by group.
        Map.entry("Gateway", KindSource.of(extraction, "istio-gateway", GenericKubernetesResource.class,
            new IstioGatewaySource(extraction, istio)).inGroup(ISTIO)),
        Map.entry("VirtualService", KindSource.of(extraction, "istio-virtualservice", GenericKubernetesResource.class,
            new IstioVirtualServiceSource(extraction, istio)).inGroup(ISTIO)));
    List<Endpoint> desired = new ArrayList<>();
    for (HasMetadata object : objects) {
      KindSource<?> kind = byKind.get(object.getKind() == null ? "" : object.getKind());
      if (kind == null || !sources.contains(kind.source()) || extraction.filter().rejects(object).isPresent()) {
        continue;
      }
      kind.endpoints(object)
          .forEach(e -> desired.add(e.withLabel(Endpoint.LABEL_OWNER, cluster.ownerId())));
    }
    return desired;
  }

  /** An API group: objects whose apiVersion is {@code <group>/<version>}. */
  private record ApiGroup(String name) {
    boolean admits(HasMetadata object) {
      return object.getApiVersion() != null && object.getApiVersion().startsWith(name + "/");
    }
  }

  private static final ApiGroup ISTIO = new ApiGroup("networking.istio.io");

  /**
   * A kind the watcher takes: the --source that takes it, its class, the source that translates it,
   * and its API group when its kind alone does not say (null: any).
   */
  private record KindSource<T extends HasMetadata>(String source, Class<T> type, Source<T> translation, ApiGroup group) {
    /** The source with its endpoints processed as the watcher's are ({@link Extraction#processed}). */
    static <T extends HasMetadata> KindSource<T> of(Extraction extraction, String source, Class<T> type, Source<T> s) {
      return new KindSource<>(source, type, extraction.processed(s), null);
    }

    KindSource<T> inGroup(ApiGroup apiGroup) {
      return new KindSource<>(source, type, translation, apiGroup);
    }

    /** The object's endpoints; none for an object of another API version or group than the source reads. */
    List<Endpoint> endpoints(HasMetadata object) {
      return type.isInstance(object) && (group == null || group.admits(object))
          ? translation.endpoints(type.cast(object)) : List.of();
    }
  }

  private static String ns(HasMetadata object) {
    return object.getMetadata().getNamespace() == null ? "default" : object.getMetadata().getNamespace();
  }

  private static <T> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Every object in the folder's YAML and JSON files; a file that does not parse is an error naming it. */
  static List<HasMetadata> load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new PreviewException(dir + ": not a folder of manifests");
    }
    List<HasMetadata> objects = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          Object parsed = Serialization.unmarshal(in);
          if (parsed instanceof List<?> list) {
            list.forEach(o -> add(objects, o, file));
          } else if (parsed instanceof KubernetesList list) {
            list.getItems().forEach(o -> add(objects, o, file));
          } else if (parsed != null) {
            add(objects, parsed, file);
          }
        } catch (RuntimeException e) {
          throw new PreviewException(file + ": not a Kubernetes manifest: " + rootMessage(e));
        }
      }
    } catch (IOException e) {
      throw new PreviewException(dir + ": cannot read: " + e.getMessage());
    }
    objects.forEach(o -> {
      if (o.getMetadata().getNamespace() == null && !(o instanceof Node)) {
        o.getMetadata().setNamespace("default");
      }
    });
    return objects;
  }

  private static void add(List<HasMetadata> objects, Object o, Path file) {
    if (!(o instanceof HasMetadata h) || h.getMetadata() == null || h.getMetadata().getName() == null) {
      throw new PreviewException(file + ": an object without metadata.name");
    }
    objects.add(h);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage().lines().findFirst().orElse("");
  }
}
