package io.dnsplane.watcher;

import io.dnsplane.watcher.informer.DnsEndpointResources;
import io.dnsplane.watcher.informer.ContourHttpProxyResources;
import io.dnsplane.watcher.informer.IstioResources;
import io.dnsplane.watcher.informer.OpenShiftRouteResources;
import io.dnsplane.watcher.informer.SourceInformer;
import io.dnsplane.watcher.source.DnsEndpointSource;
import io.dnsplane.watcher.source.Extraction;
import io.dnsplane.watcher.source.IngressSource;
import io.dnsplane.watcher.source.IstioGatewaySource;
import io.dnsplane.watcher.source.IstioGateways;
import io.dnsplane.watcher.source.IstioVirtualServiceSource;
import io.dnsplane.watcher.source.ContourHttpProxySource;
import io.dnsplane.watcher.source.NodeSource;
import io.dnsplane.watcher.source.OpenShiftRouteSource;
import io.dnsplane.watcher.source.ServiceSource;
import io.dnsplane.watcher.source.SourceEvent;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.dnsplane.watcher.source.GatewayRouteSource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TCPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.UDPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/** The --source names the watcher knows (ExternalDNS's names) and the informer each one needs. */
final class Sources {
  static final String INGRESS = "ingress";
  static final String SERVICE = "service";
  static final String CRD = "crd";
  static final String GATEWAY_HTTPROUTE = "gateway-httproute";
  static final String GATEWAY_GRPCROUTE = "gateway-grpcroute";
  static final String GATEWAY_TLSROUTE = "gateway-tlsroute";
  static final String GATEWAY_TCPROUTE = "gateway-tcproute";
  static final String GATEWAY_UDPROUTE = "gateway-udproute";
  static final String NODE = "node";
  static final String OPENSHIFT_ROUTE = "openshift-route";
  static final String CONTOUR_HTTPPROXY = "contour-httpproxy";
  static final String ISTIO_GATEWAY = "istio-gateway";
  static final String ISTIO_VIRTUALSERVICE = "istio-virtualservice";
  static final Set<String> KNOWN = Set.of(INGRESS, SERVICE, CRD, GATEWAY_HTTPROUTE, GATEWAY_GRPCROUTE, GATEWAY_TLSROUTE,
      GATEWAY_TCPROUTE, GATEWAY_UDPROUTE, NODE, OPENSHIFT_ROUTE, CONTOUR_HTTPPROXY, ISTIO_GATEWAY, ISTIO_VIRTUALSERVICE);

  private Sources() {}

  static List<SourceInformer<?>> informers(WatcherConfig config, KubernetesClient client, Consumer<SourceEvent> sink) {
    List<SourceInformer<?>> informers = new ArrayList<>();
    String ns = config.namespace();
    Extraction x = config.extraction();
    for (String source : config.sources()) {
      switch (source) {
        case INGRESS -> {
          var ingresses = client.network().v1().ingresses();
          SharedIndexInformer<Ingress> informer = ns.isEmpty()
              ? ingresses.inAnyNamespace().runnableInformer(0) : ingresses.inNamespace(ns).runnableInformer(0);
          informers.add(new SourceInformer<>(x.processed(new IngressSource(x)), informer, sink, config.filter(), config.maxEndpointsPerObject()));
        }
        case SERVICE -> informers.add(services(config, client, sink));
        case CRD -> {
          var resources = client.genericKubernetesResources(DnsEndpointResources.CONTEXT);
          SharedIndexInformer<GenericKubernetesResource> informer = ns.isEmpty()
              ? resources.inAnyNamespace().runnableInformer(0) : resources.inNamespace(ns).runnableInformer(0);
          informers.add(new SourceInformer<>(x.processed(new DnsEndpointSource()), informer, sink, config.filter(), config.maxEndpointsPerObject()));
          informer.addEventHandler(new DnsEndpointStatus(client));
        }
        case OPENSHIFT_ROUTE -> informers.add(generic(config, client, sink, OpenShiftRouteResources.CONTEXT,
            new OpenShiftRouteSource(x)));
        case CONTOUR_HTTPPROXY -> informers.add(generic(config, client, sink, ContourHttpProxyResources.CONTEXT,
            new ContourHttpProxySource(x)));
        case ISTIO_GATEWAY -> informers.add(istioGateways(config, client, sink));
        case ISTIO_VIRTUALSERVICE -> informers.add(istioVirtualServices(config, client, sink));
        case NODE -> {
          // Nodes are cluster-scoped: --namespace does not narrow them (as in ExternalDNS).
          SharedIndexInformer<Node> informer = client.nodes().runnableInformer(0);
          informers.add(new SourceInformer<>(x.processed(new NodeSource(x)), informer, sink, config.filter(),
              config.maxEndpointsPerObject()));
        }
        case GATEWAY_HTTPROUTE -> informers.add(routes(config, client, sink, HTTPRoute.class, GatewayRouteSource::httpRoutes));
        case GATEWAY_GRPCROUTE -> informers.add(routes(config, client, sink, GRPCRoute.class, GatewayRouteSource::grpcRoutes));
        case GATEWAY_TLSROUTE -> informers.add(routes(config, client, sink, TLSRoute.class, GatewayRouteSource::tlsRoutes));
        case GATEWAY_TCPROUTE -> informers.add(routes(config, client, sink, TCPRoute.class, GatewayRouteSource::tcpRoutes));
        case GATEWAY_UDPROUTE -> informers.add(routes(config, client, sink, UDPRoute.class, GatewayRouteSource::udpRoutes));
        default -> throw new IllegalArgumentException("unknown --source " + source + "; known: " + KNOWN);
      }
    }
    return informers;
  }

  /**
   * Services, with the EndpointSlices of headless ones and the Nodes of NodePort ones: a change of
   * either translates the Services it concerns again.
   */
  private static SourceInformer<Service> services(WatcherConfig config, KubernetesClient client, Consumer<SourceEvent> sink) {
    String ns = config.namespace();
    SharedIndexInformer<Service> services = ns.isEmpty()
        ? client.services().inAnyNamespace().runnableInformer(0) : client.services().inNamespace(ns).runnableInformer(0);
    var sliceClient = client.discovery().v1().endpointSlices();
    SharedIndexInformer<EndpointSlice> slices = ns.isEmpty()
        ? sliceClient.inAnyNamespace().runnableInformer(0) : sliceClient.inNamespace(ns).runnableInformer(0);
    SharedIndexInformer<Node> nodes = client.nodes().runnableInformer(0);
    ServiceSource.ClusterLookups lookups = ServiceSource.ClusterLookups.of(() -> slices.getStore().list(),
        () -> nodes.getStore().list());
    Extraction x = config.extraction();
    SourceInformer<Service> informer = new SourceInformer<>(x.processed(new ServiceSource(x, lookups)), services, sink,
        config.filter(),
        config.maxEndpointsPerObject());
    slices.addEventHandler(onAnyChange(slice -> {
      String service = slice.getMetadata().getLabels() == null ? null : slice.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
      informer.list().stream().filter(s -> s.getMetadata().getName().equals(service)
          && s.getMetadata().getNamespace().equals(slice.getMetadata().getNamespace())).forEach(informer::resend);
    }));
    nodes.addEventHandler(onAnyChange(node -> informer.list().stream()
        .filter(s -> s.getSpec() != null && "NodePort".equals(s.getSpec().getType())).forEach(informer::resend)));
    informer.startingAlso(slices).startingAlso(nodes);
    if (x.services().resolveLoadBalancerHostname()) {
      // What a load balancer's name resolves to changes without the Service changing: resolve it
      // again as often as ExternalDNS's default --interval does (the publisher drops what is unchanged).
      var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "resolve-load-balancer-hostnames");
        thread.setDaemon(true);
        return thread;
      });
      timer.scheduleWithFixedDelay(() -> informer.list().stream().filter(Sources::hasLoadBalancerHostname)
          .forEach(informer::resend), RESOLVE_INTERVAL.toMillis(), RESOLVE_INTERVAL.toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
      informer.closingAlso(timer::shutdownNow);
    }
    return informer;
  }

  static final String SERVICE_NAME_LABEL = ServiceSource.SERVICE_NAME_LABEL;

  /** How often --resolve-service-load-balancer-hostname resolves load balancers' names again: ExternalDNS's --interval default. */
  static final java.time.Duration RESOLVE_INTERVAL = java.time.Duration.ofMinutes(1);

  private static boolean hasLoadBalancerHostname(Service service) {
    return service.getStatus() != null && service.getStatus().getLoadBalancer() != null
        && service.getStatus().getLoadBalancer().getIngress() != null
        && service.getStatus().getLoadBalancer().getIngress().stream()
            .anyMatch(i -> i.getHostname() != null && !i.getHostname().isBlank());
  }

  private static <T> ResourceEventHandler<T> onAnyChange(Consumer<T> action) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        action.accept(object);
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        action.accept(newObject);
      }

      @Override
      public void onDelete(T object, boolean deletedFinalStateUnknown) {
        action.accept(object);
      }
    };
  }

  /** Custom resources read as generic ones (OpenShift Routes, Contour HTTPProxies), in --namespace or all. */
  private static SourceInformer<GenericKubernetesResource> generic(WatcherConfig config, KubernetesClient client,
      Consumer<SourceEvent> sink, io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context,
      io.dnsplane.watcher.source.Source<GenericKubernetesResource> source) {
    var resources = client.genericKubernetesResources(context);
    SharedIndexInformer<GenericKubernetesResource> informer = config.namespace().isEmpty()
        ? resources.inAnyNamespace().runnableInformer(0) : resources.inNamespace(config.namespace()).runnableInformer(0);
    return new SourceInformer<>(config.extraction().processed(source), informer, sink, config.filter(),
        config.maxEndpointsPerObject());
  }

  /** The Services, Ingresses and Istio Gateways an Istio source reads, as informers in --namespace (or all). */
  private record IstioCompanions(SharedIndexInformer<Service> services, SharedIndexInformer<Ingress> ingresses,
      SharedIndexInformer<GenericKubernetesResource> gateways) {
    static IstioCompanions of(WatcherConfig config, KubernetesClient client) {
      String ns = config.namespace();
      var serviceClient = client.services();
      var ingressClient = client.network().v1().ingresses();
      var gatewayClient = client.genericKubernetesResources(IstioResources.GATEWAYS);
      return new IstioCompanions(
          ns.isEmpty() ? serviceClient.inAnyNamespace().runnableInformer(0) : serviceClient.inNamespace(ns).runnableInformer(0),
          ns.isEmpty() ? ingressClient.inAnyNamespace().runnableInformer(0) : ingressClient.inNamespace(ns).runnableInformer(0),
          ns.isEmpty() ? gatewayClient.inAnyNamespace().runnableInformer(0) : gatewayClient.inNamespace(ns).runnableInformer(0));
    }

    /** Lookups over the stores; Gateways' annotations read under --annotation-prefix, as the object's are. */
    IstioGateways.Lookups lookups(Extraction extraction) {
      return new IstioGateways.Lookups(() -> services.getStore().list(),
          (ns, name) -> Optional.ofNullable(ingresses.getStore().getByKey(ns + "/" + name)),
          (ns, name) -> Optional.ofNullable(gateways.getStore().getByKey(ns + "/" + name)).map(extraction::viewed));
    }
  }

  /**
   * Istio Gateways, with the Services and Ingresses their targets come from. A Service or Ingress
   * change translates every Gateway again: Gateways are few, and the publisher drops what is unchanged.
   */
  private static SourceInformer<GenericKubernetesResource> istioGateways(WatcherConfig config, KubernetesClient client,
      Consumer<SourceEvent> sink) {
    IstioCompanions companions = IstioCompanions.of(config, client);
    SourceInformer<GenericKubernetesResource> informer = new SourceInformer<>(
        config.extraction().processed(new IstioGatewaySource(config.extraction(), companions.lookups(config.extraction()))),
        companions.gateways(), sink, config.filter(), config.maxEndpointsPerObject());
    companions.services().addEventHandler(onAnyChange(service -> informer.list().forEach(informer::resend)));
    companions.ingresses().addEventHandler(onAnyChange(ingress -> informer.list().forEach(informer::resend)));
    return informer.startingAlso(companions.services()).startingAlso(companions.ingresses());
  }

  /**
   * Istio VirtualServices, with the Gateways they name and those Gateways' Services and Ingresses:
   * a Gateway change translates the VirtualServices naming it again, a Service or Ingress change all.
   */
  private static SourceInformer<GenericKubernetesResource> istioVirtualServices(WatcherConfig config,
      KubernetesClient client, Consumer<SourceEvent> sink) {
    IstioCompanions companions = IstioCompanions.of(config, client);
    var vsClient = client.genericKubernetesResources(IstioResources.VIRTUAL_SERVICES);
    SharedIndexInformer<GenericKubernetesResource> virtualServices = config.namespace().isEmpty()
        ? vsClient.inAnyNamespace().runnableInformer(0) : vsClient.inNamespace(config.namespace()).runnableInformer(0);
    SourceInformer<GenericKubernetesResource> informer = new SourceInformer<>(
        config.extraction().processed(new IstioVirtualServiceSource(config.extraction(), companions.lookups(config.extraction()))),
        virtualServices, sink, config.filter(), config.maxEndpointsPerObject());
    companions.gateways().addEventHandler(onAnyChange(gateway -> informer.list().stream()
        .filter(vs -> IstioVirtualServiceSource.gatewaysOf(vs).stream().anyMatch(g ->
            g[0].equals(gateway.getMetadata().getNamespace()) && g[1].equals(gateway.getMetadata().getName())))
        .forEach(informer::resend)));
    companions.services().addEventHandler(onAnyChange(service -> informer.list().forEach(informer::resend)));
    companions.ingresses().addEventHandler(onAnyChange(ingress -> informer.list().forEach(informer::resend)));
    return informer.startingAlso(companions.gateways()).startingAlso(companions.services())
        .startingAlso(companions.ingresses());
  }

  /** GatewayRouteSource::httpRoutes or ::grpcRoutes. */
  private interface RouteSourceFactory<R extends HasMetadata> {
    GatewayRouteSource<R> create(BiFunction<String, String, Optional<Gateway>> gateways,
        Function<String, Optional<Map<String, String>>> namespaceLabels, Extraction extraction);
  }

  /**
   * Routes, translated with their parent Gateways from a Gateway informer of their own; a Gateway
   * change (addresses, listeners, annotations) translates the routes attached to it again.
   */
  private static <R extends HasMetadata> SourceInformer<R> routes(WatcherConfig config, KubernetesClient client,
      Consumer<SourceEvent> sink, Class<R> routeType,
      RouteSourceFactory<R> sourceFor) {
    String ns = config.namespace();
    var gatewayClient = client.resources(Gateway.class);
    SharedIndexInformer<Gateway> gateways = ns.isEmpty()
        ? gatewayClient.inAnyNamespace().runnableInformer(0) : gatewayClient.inNamespace(ns).runnableInformer(0);
    var routeClient = client.resources(routeType);
    SharedIndexInformer<R> routes = ns.isEmpty()
        ? routeClient.inAnyNamespace().runnableInformer(0) : routeClient.inNamespace(ns).runnableInformer(0);
    // Listeners may admit routes by their namespace's labels (allowedRoutes from: Selector). A watcher
    // confined to one namespace (--namespace) cannot read Namespaces: such listeners admit nothing there.
    SharedIndexInformer<Namespace> namespaces = ns.isEmpty() ? client.namespaces().runnableInformer(0) : null;
    GatewayRouteSource<R> source = sourceFor.create(
        // A Gateway's annotations (its targets) are read under --annotation-prefix, as the route's are.
        (gwNs, gwName) -> Optional.ofNullable(gateways.getStore().getByKey(gwNs + "/" + gwName))
            .map(config.extraction()::viewed),
        routeNs -> namespaces == null ? Optional.empty() : Optional.ofNullable(namespaces.getStore().getByKey(routeNs))
            .map(n -> n.getMetadata().getLabels() == null ? Map.<String, String>of() : n.getMetadata().getLabels()),
        config.extraction());
    SourceInformer<R> routeInformer = new SourceInformer<>(config.extraction().processed(source), routes, sink,
        config.filter(), config.maxEndpointsPerObject());
    if (namespaces == null) {
      return routeInformer.startingAlso(gateways);
    }
    namespaces.addEventHandler(onAnyChange(namespace -> {
      for (R route : routeInformer.list()) {
        if (namespace.getMetadata().getName().equals(route.getMetadata().getNamespace())) {
          routeInformer.resend(route);
        }
      }
    }));
    gateways.addEventHandler(onAnyChange(gateway -> {
      for (R route : routeInformer.list()) {
        boolean attached = source.parentGateways(route).stream().anyMatch(p ->
            p[0].equals(gateway.getMetadata().getNamespace()) && p[1].equals(gateway.getMetadata().getName()));
        if (attached) {
          routeInformer.resend(route);
        }
      }
    }));
    return routeInformer.startingAlso(gateways).startingAlso(namespaces);
  }
}
