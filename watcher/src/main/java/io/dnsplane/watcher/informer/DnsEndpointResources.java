package io.dnsplane.watcher.informer;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * How the client reaches ExternalDNS's DNSEndpoint custom resources (externaldns.k8s.io/v1alpha1),
 * read as generic resources: the client's concern, kept out of the pure source.
 */
public final class DnsEndpointResources {
  public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup("externaldns.k8s.io").withVersion("v1alpha1").withKind("DNSEndpoint").withPlural("dnsendpoints")
      .withNamespaced(true).build();

  private DnsEndpointResources() {}
}
