package io.dnsplane.watcher.informer;

import io.dnsplane.watcher.source.IngressSource;
import io.dnsplane.watcher.source.SourceEvent;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Bridges the fabric8 Ingress informer to source events. It only translates; the sink decides. */
public final class IngressInformer implements ResourceEventHandler<Ingress>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IngressInformer.class);

  private final Consumer<SourceEvent> sink;
  private final SharedIndexInformer<Ingress> informer;

  private IngressInformer(KubernetesClient client, String namespace, Consumer<SourceEvent> sink) {
    this.sink = sink;
    var ingresses = client.network().v1().ingresses();
    this.informer = namespace == null || namespace.isBlank()
        ? ingresses.inAnyNamespace().runnableInformer(0)
        : ingresses.inNamespace(namespace).runnableInformer(0);
    informer.addEventHandler(this);
  }

  /** Starts watching; the returned informer lists every Ingress before {@link #hasSynced()} turns true. */
  public static IngressInformer start(KubernetesClient client, String namespace, Consumer<SourceEvent> sink) {
    IngressInformer bridge = new IngressInformer(client, namespace, sink);
    bridge.informer.start();
    return bridge;
  }

  public boolean hasSynced() {
    return informer.hasSynced();
  }

  public int size() {
    return informer.getStore().list().size();
  }

  @Override
  public void onAdd(Ingress ingress) {
    emitUpsert(ingress);
  }

  @Override
  public void onUpdate(Ingress oldIngress, Ingress newIngress) {
    emitUpsert(newIngress);
  }

  @Override
  public void onDelete(Ingress ingress, boolean deletedFinalStateUnknown) {
    var ref = IngressSource.refOf(ingress);
    withMdc(ref.resourceLabel(), () -> sink.accept(new SourceEvent.Delete(ref)));
  }

  private void emitUpsert(Ingress ingress) {
    var ref = IngressSource.refOf(ingress);
    withMdc(ref.resourceLabel(), () -> {
      try {
        sink.accept(new SourceEvent.Upsert(ref, ingress.getMetadata().getResourceVersion(),
            IngressSource.endpoints(ingress)));
      } catch (RuntimeException e) {
        // One bad object must not stop the informer: it is skipped and reported.
        log.error("cannot translate {}: {}", ref, e.getMessage(), e);
      }
    });
  }

  private static void withMdc(String resource, Runnable action) {
    MDC.put("resource", resource);
    try {
      action.run();
    } finally {
      MDC.remove("resource");
    }
  }

  @Override
  public void close() {
    informer.close();
  }
}
