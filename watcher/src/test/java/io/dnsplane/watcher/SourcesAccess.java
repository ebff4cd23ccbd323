package io.dnsplane.watcher;

import io.dnsplane.watcher.informer.SourceInformer;
import io.dnsplane.watcher.source.SourceEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.Consumer;

/** Lets informer tests build the watcher's informers as the watcher does. */
public final class SourcesAccess {
  private SourcesAccess() {}

  public static List<SourceInformer<?>> informers(WatcherConfig config, KubernetesClient client, Consumer<SourceEvent> sink) {
    return Sources.informers(config, client, sink);
  }
}
