package io.dnsplane.watcher;

import io.dnsplane.watcher.informer.SourceInformer;
import io.dnsplane.watcher.source.DnsEndpointSource;
import io.dnsplane.watcher.source.IngressSource;
import io.dnsplane.watcher.source.ServiceSource;
import io.dnsplane.watcher.source.SourceEvent;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The --source names the watcher knows (ExternalDNS's names) and the informer each one needs. */
final class Sources {
  static final String INGRESS = "ingress";
  static final String SERVICE = "service";
  static final String CRD = "crd";
  static final Set<String> KNOWN = Set.of(INGRESS, SERVICE, CRD);

  private Sources() {}

  static List<SourceInformer<?>> informers(WatcherConfig config, KubernetesClient client, Consumer<SourceEvent> sink) {
    List<SourceInformer<?>> informers = new ArrayList<>();
    String ns = config.namespace();
    for (String source : config.sources()) {
      switch (source) {
        case INGRESS -> {
          var ingresses = client.network().v1().ingresses();
          SharedIndexInformer<Ingress> informer = ns.isEmpty()
              ? ingresses.inAnyNamespace().runnableInformer(0) : ingresses.inNamespace(ns).runnableInformer(0);
          informers.add(new SourceInformer<>(new IngressSource(), informer, sink));
        }
        case SERVICE -> {
          SharedIndexInformer<Service> informer = ns.isEmpty()
              ? client.services().inAnyNamespace().runnableInformer(0) : client.services().inNamespace(ns).runnableInformer(0);
          informers.add(new SourceInformer<>(new ServiceSource(config.serviceTypeFilter()), informer, sink));
        }
        case CRD -> {
          var resources = client.genericKubernetesResources(DnsEndpointSource.CONTEXT);
          SharedIndexInformer<GenericKubernetesResource> informer = ns.isEmpty()
              ? resources.inAnyNamespace().runnableInformer(0) : resources.inNamespace(ns).runnableInformer(0);
          informers.add(new SourceInformer<>(new DnsEndpointSource(), informer, sink));
        }
        default -> throw new IllegalArgumentException("unknown --source " + source + "; known: " + KNOWN);
      }
    }
    return informers;
  }
}
