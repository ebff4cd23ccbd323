package io.dnsplane.watcher.informer;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** How the client reaches OpenShift's Routes (route.openshift.io/v1), read as generic resources. */
public final class OpenShiftRouteResources {
  public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup("route.openshift.io").withVersion("v1").withKind("Route").withPlural("routes").withNamespaced(true)
      .build();

  private OpenShiftRouteResources() {}
}
