package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import java.util.List;
import java.util.Objects;

/** What an informer saw happen to one Kubernetes object, already translated to endpoints. */
public sealed interface SourceEvent permits SourceEvent.Upsert, SourceEvent.Delete {
  ObjectRef object();

  /**
   * The object exists and wants these endpoints (possibly none). Its version (resourceVersion, uid,
   * generation) travels on as the lineage of what it causes.
   */
  record Upsert(ObjectRef object, String resourceVersion, String uid, long generation, List<Endpoint> endpoints,
      List<String> problems) implements SourceEvent {
    public Upsert {
      Objects.requireNonNull(object, "object");
      resourceVersion = resourceVersion == null ? "" : resourceVersion;
      uid = uid == null ? "" : uid;
      endpoints = List.copyOf(endpoints);
      problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public Upsert(ObjectRef object, String resourceVersion, List<Endpoint> endpoints, List<String> problems) {
      this(object, resourceVersion, "", 0, endpoints, problems);
    }

    public Upsert(ObjectRef object, String resourceVersion, List<Endpoint> endpoints) {
      this(object, resourceVersion, endpoints, List.of());
    }
  }

  /** The object is gone: everything it wanted is withdrawn. */
  record Delete(ObjectRef object) implements SourceEvent {
    public Delete {
      Objects.requireNonNull(object, "object");
    }
  }
}
