package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * One kind of Kubernetes object as a source of DNS endpoints, as ExternalDNS's Source: pure
 * translation, no client, no I/O. {@code kind} is ExternalDNS's name for it (ingress, service, ...).
 */
public interface Source<T extends HasMetadata> {
  /** The lower-case kind used in resource labels and SourceRef keys. */
  String kind();

  List<Endpoint> endpoints(T object);

  default ObjectRef refOf(T object) {
    return new ObjectRef(kind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
  }
}
