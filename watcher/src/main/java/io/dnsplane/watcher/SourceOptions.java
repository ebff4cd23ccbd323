package io.dnsplane.watcher;

import io.dnsplane.watcher.source.AnnotationPrefix;
import io.dnsplane.watcher.source.EndpointProcessing;
import io.dnsplane.watcher.source.Extraction;
import io.dnsplane.watcher.source.FqdnTemplate;
import io.dnsplane.watcher.source.LabelSelector;
import io.dnsplane.watcher.source.ObjectFilter;
import io.dnsplane.watcher.source.TargetNet;
import io.dnsplane.watcher.source.Ttl;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * ExternalDNS's source flags, declared once: the watcher's and {@code dnsplane plan --manifests}'s
 * (which objects, where their names come from, what is done to their endpoints).
 */
public final class SourceOptions {
  @Option(names = "--service-type-filter", split = ",", description = "Only Services of these types (ExternalDNS's flag).")
  Set<String> serviceTypeFilter = Set.of();

  @Option(names = "--annotation-filter", defaultValue = "", description = "Only objects whose annotations match this label selector (ExternalDNS's flag).")
  String annotationFilter;

  @Option(names = "--annotation-prefix", defaultValue = "external-dns.kubernetes.io/", description = "The prefix of the annotations read (hostname, target, ttl, controller, aws-*, ...); annotations under another are not (ExternalDNS's flag). Default: ${DEFAULT-VALUE}.")
  String annotationPrefix;

  @Option(names = "--label-filter", defaultValue = "", description = "Only objects whose labels match this label selector (ExternalDNS's flag).")
  String labelFilter;

  @Option(names = "--ingress-class", split = ",", description = "Only Ingresses of these classes (ExternalDNS's flag; repeatable, comma list).")
  Set<String> ingressClasses = Set.of();

  @Option(names = "--publish-internal-services", description = "Publish ClusterIP Services' hostname annotation with their cluster IPs (ExternalDNS's flag).")
  boolean publishInternalServices;

  @Option(names = "--always-publish-not-ready-addresses", description = "Publish the endpoints of headless Services that are not ready too (ExternalDNS's flag).")
  boolean alwaysPublishNotReadyAddresses;

  @Option(names = "--exclude-unschedulable", negatable = true, arity = "0..1", defaultValue = "true", fallbackValue = "true",
      description = "Leave cordoned nodes out of NodePort Services' records (ExternalDNS's flag; default: ${DEFAULT-VALUE}).")
  boolean excludeUnschedulable;

  @Option(names = "--expose-internal-ipv6", description = "NodePort Services and the node source: publish nodes' internal IPv6 addresses beside their external ones (ExternalDNS's flag).")
  boolean exposeInternalIpv6;

  @Option(names = "--resolve-service-load-balancer-hostname", description = "LoadBalancer Services: publish the addresses a load balancer's host name resolves to (A/AAAA) instead of a CNAME to it, resolved again every minute (ExternalDNS's flag).")
  boolean resolveServiceLoadBalancerHostname;

  @Option(names = "--fqdn-template", description = "Names for objects without their own (Ingress, Service, Gateway routes), e.g."
      + " {{.Name}}.{{.Namespace}}.example.com; comma-separated or repeated (ExternalDNS's flag; fields .Name, .Namespace,"
      + " .Kind, .Labels, .Annotations).")
  List<String> fqdnTemplates = List.of();

  @Option(names = "--combine-fqdn-annotation", description = "Use the --fqdn-template names as well as the objects' own (ExternalDNS's flag).")
  boolean combineFqdnAnnotation;

  @Option(names = "--ignore-hostname-annotation", description = "Ignore the hostname annotation (ExternalDNS's flag).")
  boolean ignoreHostnameAnnotation;

  @Option(names = "--ignore-ingress-tls-spec", description = "Ignore the hosts of Ingresses' spec.tls (ExternalDNS's flag).")
  boolean ignoreIngressTlsSpec;

  @Option(names = "--ignore-ingress-rules-spec", description = "Ignore the hosts of Ingresses' spec.rules (ExternalDNS's flag).")
  boolean ignoreIngressRulesSpec;

  @Option(names = "--gateway-name", defaultValue = "", description = "Only routes attached to Gateways of this name (ExternalDNS's flag).")
  String gatewayName;

  @Option(names = "--gateway-namespace", defaultValue = "", description = "Only routes attached to Gateways in this namespace (ExternalDNS's flag).")
  String gatewayNamespace;

  @Option(names = "--gateway-label-filter", defaultValue = "", description = "Only routes attached to Gateways whose labels match this selector (ExternalDNS's flag).")
  String gatewayLabelFilter;

  @Option(names = "--openshift-router-name", defaultValue = "", description = "OpenShift Routes: the router whose admission counts (ExternalDNS's flag). Default: the first that admitted the Route.")
  String openshiftRouterName;

  @Option(names = "--default-targets", split = ",", description = "Targets for endpoints that have none (ExternalDNS's flag; repeatable, comma list).")
  List<String> defaultTargets = List.of();

  @Option(names = "--force-default-targets", description = "Replace every endpoint's targets with --default-targets (ExternalDNS's flag).")
  boolean forceDefaultTargets;

  @Option(names = "--target-net-filter", split = ",", description = "Only targets in these networks, e.g. 10.0.0.0/8 (ExternalDNS's flag; host name targets are dropped).")
  List<String> targetNetFilter = List.of();

  @Option(names = "--exclude-target-net", split = ",", description = "Never targets in these networks (ExternalDNS's flag).")
  List<String> excludeTargetNets = List.of();

  @Option(names = "--min-ttl", defaultValue = "", description = "TTL of records that set none, e.g. 60s or 5m (ExternalDNS's flag). Default: the provider's.")
  String minTtl;

  /** The flags as one value; a bad template, network or TTL is refused here, naming the flag. */
  public Extraction extraction() {
    java.util.OptionalLong parsed = minTtl.isBlank() ? java.util.OptionalLong.of(0) : Ttl.parse(minTtl);
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException("--min-ttl must be a TTL such as 60, 60s or 5m: " + minTtl);
    }
    long ttl = parsed.getAsLong();
    return new Extraction(ObjectFilter.of(annotationFilter, labelFilter, new AnnotationPrefix(annotationPrefix)), ingressClasses,
        new Extraction.Services(serviceTypeFilter, publishInternalServices, alwaysPublishNotReadyAddresses,
            excludeUnschedulable, exposeInternalIpv6, resolveServiceLoadBalancerHostname), new FqdnTemplate(String.join(",", fqdnTemplates)), combineFqdnAnnotation,
        ignoreHostnameAnnotation, ignoreIngressTlsSpec, ignoreIngressRulesSpec,
        new Extraction.GatewayFilter(gatewayName, gatewayNamespace, LabelSelector.parse(gatewayLabelFilter)),
        new EndpointProcessing(defaultTargets, forceDefaultTargets, nets("--target-net-filter", targetNetFilter),
            nets("--exclude-target-net", excludeTargetNets), ttl), openshiftRouterName);
  }

  private static List<TargetNet> nets(String flag, List<String> values) {
    return values.stream().filter(v -> !v.isBlank()).map(v -> {
      try {
        return TargetNet.parse(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(flag + ": " + e.getMessage());
      }
    }).toList();
  }
}
