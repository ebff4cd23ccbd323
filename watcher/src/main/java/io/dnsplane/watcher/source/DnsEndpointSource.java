package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ExternalDNS's DNSEndpoint custom resource (externaldns.k8s.io/v1alpha1, its source "crd"):
 * {@code spec.endpoints[]} with dnsName, targets, recordType, recordTTL, setIdentifier, labels and
 * providerSpecific, taken as they are after validation. Read as a generic resource, so no CRD
 * classes need generating and the users' existing objects work unchanged.
 */
public final class DnsEndpointSource implements Source<GenericKubernetesResource> {
  public static final String KIND = "dnsendpoint";
  private static final Logger log = LoggerFactory.getLogger(DnsEndpointSource.class);

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Endpoint> endpoints(GenericKubernetesResource object) {
    ObjectRef ref = refOf(object);
    Object spec = object.getAdditionalProperties().get("spec");
    if (!(spec instanceof Map<?, ?> specMap) || !(specMap.get("endpoints") instanceof List<?> list)) {
      return List.of();
    }
    List<Endpoint> endpoints = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> e)) {
        continue;
      }
      Map<String, Object> fields = (Map<String, Object>) e;
      List<String> names = SourceSupport.hostnames(List.of(String.valueOf(fields.getOrDefault("dnsName", ""))), ref);
      if (names.isEmpty()) {
        continue;
      }
      try {
        List<String> targets = new ArrayList<>();
        if (fields.get("targets") instanceof List<?> t) {
          t.forEach(x -> targets.add(String.valueOf(x)));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (fields.get("labels") instanceof Map<?, ?> l) {
          l.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        }
        labels.put(Endpoint.LABEL_RESOURCE, ref.resourceLabel());
        Map<String, String> providerSpecific = new LinkedHashMap<>();
        if (fields.get("providerSpecific") instanceof List<?> ps) {
          for (Object p : ps) {
            if (p instanceof Map<?, ?> pm) {
              providerSpecific.put(String.valueOf(pm.get("name")), String.valueOf(pm.get("value")));
            }
          }
        }
        long ttl = fields.get("recordTTL") instanceof Number n ? n.longValue() : 0;
        String type = String.valueOf(fields.getOrDefault("recordType", ""));
        String setIdentifier = fields.get("setIdentifier") == null ? "" : String.valueOf(fields.get("setIdentifier"));
        if (targets.isEmpty() || type.isBlank()) {
          log.warn("{}: skipping {} without targets or record type", ref, names.get(0));
          continue;
        }
        endpoints.add(new Endpoint(names.get(0), type, targets, ttl, setIdentifier, labels, providerSpecific));
      } catch (IllegalArgumentException ex) {
        log.warn("{}: skipping an invalid endpoint {}: {}", ref, names.get(0), ex.getMessage());
      }
    }
    return endpoints;
  }
}
