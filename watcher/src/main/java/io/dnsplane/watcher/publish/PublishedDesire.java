package io.dnsplane.watcher.publish;

import io.dnsplane.avro.DesiredEndpoints;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Endpoint;
import io.dnsplane.schema.Topic;
import io.dnsplane.schema.TopicSnapshot;
import io.dnsplane.watcher.source.ObjectRef;
import java.util.HashMap;
import java.util.List;
import io.dnsplane.runtime.KafkaConnection;
import java.util.Map;

/**
 * What this cluster's watcher published before it (re)started, read back from the compacted
 * desired-endpoints topic: objects deleted while the watcher was down are found by comparing this
 * with what the informers list after their initial sync.
 */
public final class PublishedDesire {
  private PublishedDesire() {}

  public static Map<ObjectRef, List<Endpoint>> read(KafkaConnection kafka, Topic<SourceRef, DesiredEndpoints> topic,
      String clusterId) {
    Map<ObjectRef, List<Endpoint>> published = new HashMap<>();
    TopicSnapshot.read(kafka, topic, (key, value) -> clusterId.equals(key.getClusterId())).forEach(e -> {
      ObjectRef ref = new ObjectRef(e.key().getKind(), e.key().getNamespace(), e.key().getName());
      if (e.value() == null) {
        published.remove(ref);
      } else {
        published.put(ref, AvroEndpoints.fromAvro(e.value().getEndpoints()));
      }
    });
    return published;
  }
}
