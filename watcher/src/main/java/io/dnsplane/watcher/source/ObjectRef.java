package io.dnsplane.watcher.source;

import java.util.Objects;

/** One Kubernetes object in the watcher's cluster. {@code kind} is lower case, as in ExternalDNS's resource label. */
public record ObjectRef(String kind, String namespace, String name) {
  public ObjectRef {
    Objects.requireNonNull(kind, "kind");
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name");
  }

  /**
   * ExternalDNS's resource label value: {@code ingress/default/app}; a DNSEndpoint's is
   * {@code crd/<namespace>/<name>}, as ExternalDNS's crd source writes it (source/crd.go), so the
   * TXT records ExternalDNS made for them are adopted unchanged; a cluster-scoped object's (a Node)
   * is {@code node/<name>}, as ExternalDNS's node source writes it.
   */
  public String resourceLabel() {
    String k = kind.equals(DnsEndpointSource.KIND) ? "crd" : kind;
    return namespace.isEmpty() ? k + "/" + name : k + "/" + namespace + "/" + name;
  }

  @Override
  public String toString() {
    return resourceLabel();
  }
}
