package io.dnsplane.watcher.source;

import io.dnsplane.model.Endpoint;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenShift's route.openshift.io/v1 Route to endpoints, as ExternalDNS's openshift-route source
 * (source/openshift_route.go): the host of the first router that admitted the Route (the one
 * --openshift-router-name names, when given) and the hostname annotation's names (unless
 * --ignore-hostname-annotation), else --fqdn-template's; targets from the target annotation, else
 * that router's canonical host name. Resource label {@code route/<namespace>/<name>}, as ExternalDNS
 * writes it. Read as a generic resource (no OpenShift model on the classpath). Pure.
 */
public final class OpenShiftRouteSource implements Source<GenericKubernetesResource> {
  /** The resource label's kind, ExternalDNS's. */
  public static final String KIND = "route";

  private final Extraction extraction;

  public OpenShiftRouteSource(Extraction extraction) {
    this.extraction = extraction;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<Endpoint> endpoints(GenericKubernetesResource route) {
    ObjectRef ref = refOf(route);
    Map<String, String> annotations = route.getMetadata().getAnnotations();
    String[] admitted = admittedRouter(route);
    List<String> targets = Annotations.list(annotations, Annotations.TARGET);
    if (targets.isEmpty() && admitted != null) {
      targets = List.of(admitted[1]);
    }
    if (targets.isEmpty()) {
      ExtractionProblems.report(extraction.openshiftRouterName().isEmpty() ? "no router has admitted it yet"
          : "router " + extraction.openshiftRouterName() + " has not admitted it");
      return List.of();
    }
    List<String> own = new ArrayList<>();
    if (admitted != null && !admitted[0].isEmpty()) {
      own.add(admitted[0]);
    }
    own.addAll(extraction.annotatedHostnames(annotations));
    long ttl = SourceSupport.ttl(annotations, ref);
    return SourceSupport.endpoints(extraction.hostnames(own, route, KIND), targets, ttl, ref, annotations);
  }

  /** The host and router canonical host name of the router that admitted the Route, or null. */
  private String[] admittedRouter(GenericKubernetesResource route) {
    if (!(route.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
        || !(status.get("ingress") instanceof List<?> ingresses)) {
      return null;
    }
    for (Object item : ingresses) {
      if (!(item instanceof Map<?, ?> ingress)) {
        continue;
      }
      String canonical = text(ingress.get("routerCanonicalHostname"));
      if (canonical.isEmpty() || !admitted(ingress)) {
        continue;
      }
      String router = text(ingress.get("routerName"));
      if (extraction.openshiftRouterName().isEmpty() || extraction.openshiftRouterName().equals(router)) {
        return new String[] {text(ingress.get("host")), canonical};
      }
    }
    return null;
  }

  private static boolean admitted(Map<?, ?> ingress) {
    if (!(ingress.get("conditions") instanceof List<?> conditions)) {
      return false;
    }
    return conditions.stream().anyMatch(c -> c instanceof Map<?, ?> m && "Admitted".equals(m.get("type"))
        && "True".equals(m.get("status")));
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().trim();
  }
}
