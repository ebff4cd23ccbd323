package io.dnsplane.watcher.source;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * ExternalDNS's rules for Istio Gateways (source/istio_gateway.go, istio_virtualservice.go,
 * endpoints.go), shared by the istio-gateway and istio-virtualservice sources: a Gateway's host
 * names ({@code spec.servers[].hosts}, namespace prefix dropped, {@code *} skipped), its targets
 * (the target annotation, else the Ingress its {@code ingress} annotation names, else the Services
 * whose selector its {@code spec.selector} is part of: their external IPs, else their load
 * balancers'), and whether a VirtualService binds to it for a host. Istio objects are generic
 * resources (no Istio model here), read through the small accessors at the end. Pure: Services,
 * Ingresses and Gateways come from {@link Lookups} (informer stores).
 */
public final class IstioGateways {
  /** The annotation naming the Ingress ({@code name} or {@code namespace/name}) whose load balancer a Gateway uses. */
  public static final String INGRESS = "ingress";
  /** The VirtualService gateway that means "every sidecar in the mesh": no DNS. */
  static final String MESH = "mesh";

  /**
   * @param services the Services the watcher sees (its --namespace, or all)
   * @param ingresses namespace and name to Ingress
   * @param gateways namespace and name to Istio Gateway
   */
  public record Lookups(Supplier<List<Service>> services, BiFunction<String, String, Optional<Ingress>> ingresses,
      BiFunction<String, String, Optional<GenericKubernetesResource>> gateways) {
    public static final Lookups NONE = new Lookups(List::of, (ns, name) -> Optional.empty(),
        (ns, name) -> Optional.empty());
  }

  private IstioGateways() {}

  /** The Gateway's own host names: every server's hosts, {@code ns/} dropped, {@code *} and blanks skipped. */
  static List<String> hosts(GenericKubernetesResource gateway) {
    List<String> hosts = new ArrayList<>();
    for (Map<?, ?> server : maps(spec(gateway).get("servers"))) {
      hosts.addAll(hostNames(server.get("hosts")));
    }
    return hosts;
  }

  /** Istio host entries ({@code host} or {@code namespace/host}) as DNS names: the namespace dropped, {@code *} and blanks skipped. */
  static List<String> hostNames(Object entries) {
    List<String> hosts = new ArrayList<>();
    for (String host : strings(entries)) {
      String[] parts = host.split("/", -1);
      String name = parts.length == 2 ? parts[1] : host;
      if (!name.isEmpty() && !name.equals("*")) {
        hosts.add(name);
      }
    }
    return hosts;
  }

  /**
   * The Gateway's targets, in ExternalDNS's order of precedence. An Ingress annotation naming no
   * Ingress is reported (ExternalDNS fails the whole sync on it) and gives no targets.
   */
  static List<String> targets(GenericKubernetesResource gateway, Lookups lookups) {
    Map<String, String> annotations = gateway.getMetadata().getAnnotations();
    List<String> annotated = Annotations.list(annotations, Annotations.TARGET);
    if (!annotated.isEmpty()) {
      return annotated;
    }
    Optional<String> ingress = Annotations.get(annotations, INGRESS);
    if (ingress.isPresent()) {
      return ingressTargets(ingress.get(), gateway, lookups);
    }
    Map<String, String> selector = stringMap(spec(gateway).get("selector"));
    LinkedHashSet<String> targets = new LinkedHashSet<>();
    for (Service service : lookups.services().get()) {
      Map<String, String> serviceSelector = service.getSpec() == null || service.getSpec().getSelector() == null
          ? Map.of() : service.getSpec().getSelector();
      if (!serviceSelector.entrySet().containsAll(selector.entrySet())) {
        continue;
      }
      List<String> externalIps = service.getSpec() == null || service.getSpec().getExternalIPs() == null
          ? List.of() : service.getSpec().getExternalIPs();
      if (!externalIps.isEmpty()) {
        targets.addAll(externalIps);
        continue;
      }
      if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null
          && service.getStatus().getLoadBalancer().getIngress() != null) {
        for (LoadBalancerIngress lb : service.getStatus().getLoadBalancer().getIngress()) {
          addIpElseHostname(targets, lb.getIp(), lb.getHostname());
        }
      }
    }
    return new ArrayList<>(targets);
  }

  private static List<String> ingressTargets(String reference, GenericKubernetesResource gateway, Lookups lookups) {
    String[] parts = reference.split("/", -1);
    if (parts.length > 2 || parts[parts.length - 1].isEmpty()) {
      ExtractionProblems.report("the " + INGRESS + " annotation " + reference + " is not a name or namespace/name");
      return List.of();
    }
    String namespace = parts.length == 2 && !parts[0].isEmpty() ? parts[0] : gateway.getMetadata().getNamespace();
    String name = parts[parts.length - 1];
    Optional<Ingress> ingress = lookups.ingresses().apply(namespace, name);
    if (ingress.isEmpty()) {
      ExtractionProblems.report("Gateway " + gateway.getMetadata().getNamespace() + "/" + gateway.getMetadata().getName()
          + " takes its targets from Ingress " + namespace + "/" + name + ", which does not exist");
      return List.of();
    }
    LinkedHashSet<String> targets = new LinkedHashSet<>();
    var status = ingress.get().getStatus();
    if (status != null && status.getLoadBalancer() != null && status.getLoadBalancer().getIngress() != null) {
      for (IngressLoadBalancerIngress lb : status.getLoadBalancer().getIngress()) {
        addIpElseHostname(targets, lb.getIp(), lb.getHostname());
      }
    }
    return new ArrayList<>(targets);
  }

  private static void addIpElseHostname(LinkedHashSet<String> targets, String ip, String hostname) {
    if (ip != null && !ip.isEmpty()) {
      targets.add(ip);
    } else if (hostname != null && !hostname.isEmpty()) {
      targets.add(hostname);
    }
  }

  /**
   * ExternalDNS's virtualServiceBindsToGateway (after Istio's Server rules): the VirtualService is
   * exported to the Gateway's namespace, and one of the Gateway's hosts admits the VirtualService's
   * namespace ({@code *}, its name, or {@code .} when both share one) and matches the host
   * ({@code *}, equal, or a {@code *.suffix}).
   */
  static boolean binds(GenericKubernetesResource virtualService, GenericKubernetesResource gateway, String host) {
    String vsNamespace = virtualService.getMetadata().getNamespace();
    String gwNamespace = gateway.getMetadata().getNamespace();
    List<String> exportTo = strings(spec(virtualService).get("exportTo"));
    boolean exported = exportTo.isEmpty() || exportTo.stream().anyMatch(ns -> ns.equals("*") || ns.equals(gwNamespace)
        || (ns.equals(".") && gwNamespace.equals(vsNamespace)));
    if (!exported) {
      return false;
    }
    for (Map<?, ?> server : maps(spec(gateway).get("servers"))) {
      for (String entry : strings(server.get("hosts"))) {
        String[] parts = entry.split("/", -1);
        if (parts.length > 2) {
          continue;
        }
        String namespace = parts.length == 2 ? parts[0] : "*";
        String gwHost = parts.length == 2 ? parts[1] : entry;
        boolean namespaceAdmitted = namespace.equals("*") || namespace.equals(vsNamespace)
            || (namespace.equals(".") && vsNamespace.equals(gwNamespace));
        if (namespaceAdmitted && (gwHost.equals("*") || gwHost.equals(host)
            || (gwHost.startsWith("*.") && host.endsWith(gwHost.substring(1))))) {
          return true;
        }
      }
    }
    return false;
  }

  static Map<?, ?> spec(GenericKubernetesResource object) {
    return object.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec ? spec : Map.of();
  }

  static List<String> strings(Object value) {
    List<String> strings = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item != null) {
          strings.add(item.toString().trim());
        }
      }
    }
    return strings;
  }

  private static List<Map<?, ?>> maps(Object value) {
    List<Map<?, ?>> maps = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> map) {
          maps.add(map);
        }
      }
    }
    return maps;
  }

  private static Map<String, String> stringMap(Object value) {
    Map<String, String> map = new java.util.TreeMap<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> map.put(String.valueOf(k), String.valueOf(v)));
    }
    return map;
  }
}
