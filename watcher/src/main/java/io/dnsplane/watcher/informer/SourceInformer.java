package io.dnsplane.watcher.informer;

import io.dnsplane.watcher.source.ExtractionProblems;
import io.dnsplane.watcher.source.ObjectFilter;
import io.dnsplane.watcher.source.ObjectRef;
import io.dnsplane.watcher.source.Source;
import io.dnsplane.watcher.source.SourceEvent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Bridges one fabric8 informer to source events: it only translates (Strimzi's TopicEventHandler
 * style); the sink decides what to publish. One bad object is logged and skipped, never fatal.
 */
public final class SourceInformer<T extends HasMetadata> implements ResourceEventHandler<T>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SourceInformer.class);

  private final Source<T> source;
  private final SharedIndexInformer<T> informer;
  private final Consumer<SourceEvent> sink;
  private final java.util.List<SharedIndexInformer<?>> companions = new java.util.ArrayList<>();
  private final java.util.List<AutoCloseable> resources = new java.util.ArrayList<>();

  private final ObjectFilter filter;
  private final int maxEndpointsPerObject;

  public SourceInformer(Source<T> source, SharedIndexInformer<T> informer, Consumer<SourceEvent> sink) {
    this(source, informer, sink, ObjectFilter.ALL, 0);
  }

  /**
   * @param filter which objects to take (others publish nothing, as if deleted)
   * @param maxEndpointsPerObject --max-endpoints-per-object; 0 for no limit
   */
  public SourceInformer(Source<T> source, SharedIndexInformer<T> informer, Consumer<SourceEvent> sink,
      ObjectFilter filter, int maxEndpointsPerObject) {
    this.source = source;
    this.informer = informer;
    this.sink = sink;
    this.filter = filter;
    this.maxEndpointsPerObject = maxEndpointsPerObject;
    informer.addEventHandler(this);
  }

  /** Starts listing and watching; {@link #hasSynced()} turns true once everything was listed. */
  public SourceInformer<T> start() {
    companions.forEach(SharedIndexInformer::start);
    informer.start();
    return this;
  }

  /** Informers this one depends on (a route's Gateways), started, synced and closed with it. */
  public SourceInformer<T> startingAlso(SharedIndexInformer<?> companion) {
    companions.add(companion);
    return this;
  }

  /** Something else to close with this informer (a timer that translates objects again). */
  public SourceInformer<T> closingAlso(AutoCloseable resource) {
    resources.add(resource);
    return this;
  }

  public String kind() {
    return source.kind();
  }

  public boolean hasSynced() {
    return informer.hasSynced() && companions.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  /** The objects the informer currently knows. */
  public Set<ObjectRef> objects() {
    return informer.getStore().list().stream().map(source::refOf).collect(Collectors.toSet());
  }

  /** Every object the informer knows, e.g. to translate those a changed Gateway affects again. */
  public java.util.List<T> list() {
    return informer.getStore().list();
  }

  /** Translates one object again because something it depends on changed. */
  public void resend(T object) {
    emitUpsert(object);
  }

  @Override
  public void onAdd(T object) {
    emitUpsert(object);
  }

  @Override
  public void onUpdate(T oldObject, T newObject) {
    emitUpsert(newObject);
  }

  @Override
  public synchronized void onDelete(T object, boolean deletedFinalStateUnknown) {
    ObjectRef ref = source.refOf(object);
    withMdc(ref, () -> sink.accept(new SourceEvent.Delete(ref)));
  }

  /**
   * Synchronized: an object is translated again from another informer's thread when a companion
   * changes (a Route's Gateway, a Service's EndpointSlices). Translating and sending under one lock
   * keeps the last event sent the one computed last, from the latest state of both stores.
   */
  private synchronized void emitUpsert(T object) {
    ObjectRef ref = source.refOf(object);
    withMdc(ref, () -> {
      try {
        java.util.Optional<String> rejected = filter.rejects(object);
        if (rejected.isPresent()) {
          log.debug("{} is not taken: {}", ref, rejected.get());
          sink.accept(new SourceEvent.Upsert(ref, object.getMetadata().getResourceVersion(), java.util.List.of()));
          return;
        }
        ExtractionProblems.Result<java.util.List<io.dnsplane.model.Endpoint>> extracted =
            ExtractionProblems.collect(() -> source.endpoints(object));
        if (maxEndpointsPerObject > 0 && extracted.value().size() > maxEndpointsPerObject) {
          sink.accept(new SourceEvent.Upsert(ref, object.getMetadata().getResourceVersion(), java.util.List.of(),
              java.util.List.of(extracted.value().size() + " endpoints, more than --max-endpoints-per-object "
                  + maxEndpointsPerObject + ": none published")));
          return;
        }
        sink.accept(new SourceEvent.Upsert(ref, object.getMetadata().getResourceVersion(), object.getMetadata().getUid(),
            object.getMetadata().getGeneration() == null ? 0 : object.getMetadata().getGeneration(), extracted.value(),
            extracted.problems()));
      } catch (RuntimeException e) {
        log.error("cannot translate {}: {}", ref, e.getMessage(), e);
      }
    });
  }

  private static void withMdc(ObjectRef ref, Runnable action) {
    MDC.put("resource", ref.resourceLabel());
    try {
      action.run();
    } finally {
      MDC.remove("resource");
    }
  }

  @Override
  public void close() {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("cannot close {}: {}", resource, e.getMessage());
      }
    }
    informer.close();
    companions.forEach(SharedIndexInformer::close);
  }
}
