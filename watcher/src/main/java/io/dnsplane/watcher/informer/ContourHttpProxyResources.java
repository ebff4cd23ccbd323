package io.dnsplane.watcher.informer;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** How the client reaches Contour's HTTPProxies (projectcontour.io/v1), read as generic resources. */
public final class ContourHttpProxyResources {
  public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup("projectcontour.io").withVersion("v1").withKind("HTTPProxy").withPlural("httpproxies")
      .withNamespaced(true).build();

  private ContourHttpProxyResources() {}
}
