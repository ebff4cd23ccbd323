package io.dnsplane.watcher;

import io.dnsplane.watcher.informer.DnsEndpointResources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a DNSEndpoint's {@code status.observedGeneration} once the watcher has taken its
 * generation, as ExternalDNS's crd source does, so tooling that waits on it keeps working.
 */
final class DnsEndpointStatus implements ResourceEventHandler<GenericKubernetesResource> {
  private static final Logger log = LoggerFactory.getLogger(DnsEndpointStatus.class);

  private final KubernetesClient client;

  DnsEndpointStatus(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public void onAdd(GenericKubernetesResource resource) {
    observe(resource);
  }

  @Override
  public void onUpdate(GenericKubernetesResource oldResource, GenericKubernetesResource newResource) {
    observe(newResource);
  }

  @Override
  public void onDelete(GenericKubernetesResource resource, boolean deletedFinalStateUnknown) {
  }

  private void observe(GenericKubernetesResource resource) {
    Long generation = resource.getMetadata().getGeneration();
    if (generation == null || generation.equals(observedGeneration(resource))) {
      return;
    }
    try {
      client.genericKubernetesResources(DnsEndpointResources.CONTEXT).inNamespace(resource.getMetadata().getNamespace())
          .withName(resource.getMetadata().getName()).editStatus(r -> {
            r.setAdditionalProperty("status", Map.of("observedGeneration", generation));
            return r;
          });
    } catch (KubernetesClientException e) {
      log.warn("cannot set status.observedGeneration of DNSEndpoint {}/{}: {}", resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(), e.getMessage());
    }
  }

  static Long observedGeneration(GenericKubernetesResource resource) {
    Object status = resource.getAdditionalProperties().get("status");
    if (status instanceof Map<?, ?> map && map.get("observedGeneration") instanceof Number n) {
      return n.longValue();
    }
    return null;
  }
}
