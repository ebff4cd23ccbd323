package io.dnsplane.watcher.informer;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * How the client reaches Istio's networking.istio.io/v1 Gateways and VirtualServices (the version
 * ExternalDNS v0.22 reads), as generic resources: fabric8's istio-model is not served here.
 */
public final class IstioResources {
  public static final ResourceDefinitionContext GATEWAYS = new ResourceDefinitionContext.Builder()
      .withGroup("networking.istio.io").withVersion("v1").withKind("Gateway").withPlural("gateways")
      .withNamespaced(true).build();

  public static final ResourceDefinitionContext VIRTUAL_SERVICES = new ResourceDefinitionContext.Builder()
      .withGroup("networking.istio.io").withVersion("v1").withKind("VirtualService").withPlural("virtualservices")
      .withNamespaced(true).build();

  private IstioResources() {}
}
