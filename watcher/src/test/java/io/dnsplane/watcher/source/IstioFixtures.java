package io.dnsplane.watcher.source;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ExternalDNS's Istio test fakes (fakeIngressGatewayService, fakeIngress, fakeGatewayConfig, fakeVirtualServiceConfig) in Java. */
final class IstioFixtures {
  private IstioFixtures() {}

  /** fakeIngressGatewayService: a Service with a selector, load balancer IPs and host names, external IPs. */
  record Svc(String namespace, String name, Map<String, String> selector, List<String> ips, List<String> hostnames,
      List<String> externalIps) {
    static Svc lb(String name, List<String> ips, List<String> hostnames) {
      return new Svc("istio-system", name, null, ips, hostnames, List.of());
    }

    Service service() {
      List<LoadBalancerIngress> lb = new ArrayList<>();
      ips.forEach(ip -> lb.add(new io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder().withIp(ip).build()));
      hostnames.forEach(h -> lb.add(new io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder().withHostname(h).build()));
      return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
          .withNewSpec().withSelector(selector).withExternalIPs(externalIps).endSpec()
          .withNewStatus().withNewLoadBalancer().withIngress(lb).endLoadBalancer().endStatus().build();
    }
  }

  /** fakeIngress: an Ingress with load balancer IPs and host names. */
  record Ing(String namespace, String name, List<String> ips, List<String> hostnames) {
    Ingress ingress() {
      List<IngressLoadBalancerIngress> lb = new ArrayList<>();
      ips.forEach(ip -> lb.add(new io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder().withIp(ip).build()));
      hostnames.forEach(h -> lb.add(new io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder().withHostname(h).build()));
      return new IngressBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
          .withNewStatus().withNewLoadBalancer().withIngress(lb).endLoadBalancer().endStatus().build();
    }
  }

  /** fakeGatewayConfig: one server per entry of {@code servers}, each with those hosts. */
  static GenericKubernetesResource gateway(String namespace, String name, Map<String, String> annotations,
      Map<String, String> selector, List<List<String>> servers) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("servers", servers.stream().map(hosts -> Map.of("hosts", hosts)).toList());
    if (selector != null) {
      spec.put("selector", selector);
    }
    return new GenericKubernetesResourceBuilder().withApiVersion("networking.istio.io/v1").withKind("Gateway")
        .withNewMetadata().withNamespace(namespace).withName(name).withAnnotations(annotations).endMetadata()
        .addToAdditionalProperties("spec", spec).build();
  }

  /** fakeVirtualServiceConfig: hosts, gateways, exportTo (null: none). */
  static GenericKubernetesResource virtualService(String namespace, String name, Map<String, String> annotations,
      List<String> gateways, List<String> hosts, String exportTo) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("gateways", gateways);
    spec.put("hosts", hosts);
    if (exportTo != null) {
      spec.put("exportTo", List.of(exportTo));
    }
    return new GenericKubernetesResourceBuilder().withApiVersion("networking.istio.io/v1").withKind("VirtualService")
        .withNewMetadata().withNamespace(namespace).withName(name).withAnnotations(annotations).endMetadata()
        .addToAdditionalProperties("spec", spec).build();
  }

  static IstioGateways.Lookups lookups(List<Svc> services, List<Ing> ingresses, List<GenericKubernetesResource> gateways) {
    return new IstioGateways.Lookups(() -> services.stream().map(Svc::service).toList(),
        (ns, name) -> ingresses.stream().filter(i -> i.namespace().equals(ns) && i.name().equals(name)).findFirst()
            .map(Ing::ingress),
        (ns, name) -> gateways.stream().filter(g -> g.getMetadata().getNamespace().equals(ns)
            && g.getMetadata().getName().equals(name)).findFirst().map(g -> g));
  }
}
