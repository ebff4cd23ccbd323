package io.dnsplane.watcher.source;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/**
 * Which objects a watcher takes at all, as ExternalDNS decides: --annotation-filter and
 * --label-filter (label-selector syntax), and the controller annotation (objects claimed by another
 * controller than ExternalDNS's "dns-controller" are skipped), read under --annotation-prefix
 * ({@code annotationPrefix}, which every source reads annotations under). An object that stops
 * matching is withdrawn like a deleted one.
 */
public record ObjectFilter(LabelSelector annotations, LabelSelector labels, AnnotationPrefix annotationPrefix) {
  public static final ObjectFilter ALL = new ObjectFilter(LabelSelector.EVERYTHING, LabelSelector.EVERYTHING,
      AnnotationPrefix.DEFAULT);

  public ObjectFilter {
    annotationPrefix = annotationPrefix == null ? AnnotationPrefix.DEFAULT : annotationPrefix;
  }
  static final String CONTROLLER = "controller";
  static final String OUR_CONTROLLER = "dns-controller";

  public static ObjectFilter of(String annotationFilter, String labelFilter) {
    return of(annotationFilter, labelFilter, AnnotationPrefix.DEFAULT);
  }

  public static ObjectFilter of(String annotationFilter, String labelFilter, AnnotationPrefix annotationPrefix) {
    return new ObjectFilter(LabelSelector.parse(annotationFilter), LabelSelector.parse(labelFilter), annotationPrefix);
  }

  /** Why the object is not taken, or empty when it is. */
  public Optional<String> rejects(HasMetadata object) {
    Map<String, String> objectAnnotations = annotationPrefix.canonical(object.getMetadata().getAnnotations());
    Optional<String> controller = Annotations.get(objectAnnotations, CONTROLLER);
    if (controller.isPresent() && !controller.get().equals(OUR_CONTROLLER)) {
      return Optional.of("its controller annotation names " + controller.get());
    }
    if (!annotations.matches(objectAnnotations)) {
      return Optional.of("it does not match --annotation-filter");
    }
    if (!labels.matches(object.getMetadata().getLabels())) {
      return Optional.of("it does not match --label-filter");
    }
    return Optional.empty();
  }
}
