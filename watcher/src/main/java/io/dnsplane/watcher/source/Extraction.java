package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How objects become endpoints, ExternalDNS's source flags in one value, shared by the watcher's
 * informers and {@code dnsplane plan --manifests}: which objects ({@code filter}, ingress classes,
 * Service types, Gateways), where host names come from (the hostname annotation unless
 * --ignore-hostname-annotation, Ingress rules and TLS unless ignored, --fqdn-template), and what is
 * done to every source's endpoints ({@link EndpointProcessing}); --openshift-router-name (the router
 * whose admission of an OpenShift Route counts; empty: the first that admitted it). Pure.
 */
public record Extraction(ObjectFilter filter, Set<String> ingressClasses, Services services,
    FqdnTemplate fqdnTemplate, boolean combineFqdnAnnotation,
    boolean ignoreHostnameAnnotation, boolean ignoreIngressTlsSpec, boolean ignoreIngressRulesSpec,
    GatewayFilter gateways, EndpointProcessing processing, String openshiftRouterName) {

  public static final Extraction DEFAULT = new Extraction(ObjectFilter.ALL, Set.of(), Services.DEFAULT,
      FqdnTemplate.NONE, false, false, false, false, GatewayFilter.ALL, EndpointProcessing.NONE, "");

  public Extraction {
    filter = filter == null ? ObjectFilter.ALL : filter;
    ingressClasses = Set.copyOf(ingressClasses);
    services = services == null ? Services.DEFAULT : services;
    fqdnTemplate = fqdnTemplate == null ? FqdnTemplate.NONE : fqdnTemplate;
    gateways = gateways == null ? GatewayFilter.ALL : gateways;
    processing = processing == null ? EndpointProcessing.NONE : processing;
    openshiftRouterName = openshiftRouterName == null ? "" : openshiftRouterName;
    if (combineFqdnAnnotation && !fqdnTemplate.isConfigured()) {
      throw new IllegalArgumentException("--combine-fqdn-annotation needs --fqdn-template");
    }
  }

  /**
   * The Service source's flags: --service-type-filter (empty: every type), --publish-internal-services,
   * --always-publish-not-ready-addresses (headless Services' endpoints that are not ready too),
   * --exclude-unschedulable (NodePort Services and the node source leave out cordoned nodes;
   * ExternalDNS's default), --expose-internal-ipv6 (nodes' internal IPv6 addresses beside their
   * external ones), --resolve-service-load-balancer-hostname (a load balancer's host name as the
   * addresses it resolves to: A/AAAA records instead of a CNAME).
   */
  public record Services(Set<String> typeFilter, boolean publishInternal, boolean alwaysPublishNotReadyAddresses,
      boolean excludeUnschedulable, boolean exposeInternalIpv6, boolean resolveLoadBalancerHostname) {
    public static final Services DEFAULT = new Services(Set.of(), false, false, true, false, false);

    public Services {
      typeFilter = Set.copyOf(typeFilter);
    }

    public Services(Set<String> typeFilter, boolean publishInternal, boolean alwaysPublishNotReadyAddresses,
        boolean excludeUnschedulable) {
      this(typeFilter, publishInternal, alwaysPublishNotReadyAddresses, excludeUnschedulable, false, false);
    }
  }

  /** Which Gateways' routes are taken (--gateway-name, --gateway-namespace, --gateway-label-filter). */
  public record GatewayFilter(String name, String namespace, LabelSelector labels) {
    public static final GatewayFilter ALL = new GatewayFilter("", "", LabelSelector.EVERYTHING);

    public GatewayFilter {
      name = name == null ? "" : name;
      namespace = namespace == null ? "" : namespace;
      labels = labels == null ? LabelSelector.EVERYTHING : labels;
    }

    public boolean admits(Gateway gateway) {
      var meta = gateway.getMetadata();
      return (name.isEmpty() || name.equals(meta.getName()))
          && (namespace.isEmpty() || namespace.equals(meta.getNamespace()))
          && labels.matches(meta.getLabels());
    }
  }

  /** The hostname annotation's names, unless --ignore-hostname-annotation. */
  List<String> annotatedHostnames(java.util.Map<String, String> annotations) {
    return ignoreHostnameAnnotation ? List.of() : Annotations.list(annotations, Annotations.HOSTNAME);
  }

  /**
   * ExternalDNS's template rule (source/template Engine.CombineWithEndpoints): the object's own
   * names, else the template's; both with --combine-fqdn-annotation.
   */
  List<String> hostnames(List<String> own, HasMetadata object, String kind) {
    if (!fqdnTemplate.isConfigured() || (!combineFqdnAnnotation && !own.isEmpty())) {
      return own;
    }
    List<String> templated = fqdnTemplate.names(object, kind);
    if (!combineFqdnAnnotation) {
      return templated;
    }
    LinkedHashSet<String> both = new LinkedHashSet<>(own);
    both.addAll(templated);
    return new ArrayList<>(both);
  }

  /** --annotation-prefix: what sources read objects' annotations under; objects they look up are {@link #viewed} too. */
  public AnnotationPrefix annotationPrefix() {
    return filter.annotationPrefix();
  }

  /** The object as sources read it: its annotations under --annotation-prefix ({@link AnnotationPrefix#view}). */
  public <T extends HasMetadata> T viewed(T object) {
    return filter.annotationPrefix().view(object);
  }

  /**
   * The source, reading objects under --annotation-prefix, its endpoints processed as ExternalDNS's
   * wrappers process every source's.
   */
  public <T extends HasMetadata> Source<T> processed(Source<T> source) {
    if (processing.equals(EndpointProcessing.NONE) && annotationPrefix().isDefault()) {
      return source;
    }
    return new Source<>() {
      @Override
      public String kind() {
        return source.kind();
      }

      @Override
      public List<Endpoint> endpoints(T object) {
        return processing.apply(source.endpoints(viewed(object)));
      }

      @Override
      public ObjectRef refOf(T object) {
        return source.refOf(object);
      }
    };
  }
}
