package io.dnsplane.watcher.source;

import java.util.Objects;

/** One Kubernetes object in the watcher's cluster. {@code kind} is lower case, as in ExternalDNS's resource label. */
public record ObjectRef(String kind, String namespace, String name) {
  public ObjectRef {
    Objects.requireNonNull(kind, "kind");
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name");
  }

  /** ExternalDNS's resource label value: {@code ingress/default/app}. */
  public String resourceLabel() {
    return kind + "/" + namespace + "/" + name;
  }

  @Override
  public String toString() {
    return resourceLabel();
  }
}
