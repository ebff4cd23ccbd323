package io.dnsplane.watcher.source;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ExternalDNS's --annotation-prefix: the prefix of every annotation it reads (hostname, target,
 * ttl, controller, aws-*, ...), {@code external-dns.kubernetes.io/} by default. With another
 * prefix, as in ExternalDNS, annotations under the default (and the older alpha) prefix are not read.
 * Sources read annotations under the default prefix only, so an object is seen through
 * {@link #view}: its annotations under this prefix copied under the default one, those under the
 * default and alpha prefixes removed, every other annotation kept (templates and
 * --annotation-filter read them). Pure.
 */
public record AnnotationPrefix(String prefix) {
  /**
   * Copies objects through the Jackson binding the Kubernetes model is annotated for (the client's
   * Serialization is an edge, which this pure package does not use).
   */
  private static final tools.jackson.databind.json.JsonMapper COPIER = tools.jackson.databind.json.JsonMapper.builder()
      .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public static final AnnotationPrefix DEFAULT = new AnnotationPrefix(Annotations.PREFIX);

  /** ExternalDNS's validation of the flag, in its words. */
  public AnnotationPrefix {
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException("--annotation-prefix cannot be empty");
    }
    if (!prefix.endsWith("/")) {
      throw new IllegalArgumentException("--annotation-prefix must end with '/'");
    }
  }

  public boolean isDefault() {
    return prefix.equals(Annotations.PREFIX);
  }

  /** The annotations as sources read them (unchanged with the default prefix). */
  public Map<String, String> canonical(Map<String, String> annotations) {
    if (isDefault() || annotations == null || annotations.isEmpty()) {
      return annotations;
    }
    Map<String, String> canonical = new LinkedHashMap<>();
    annotations.forEach((key, value) -> {
      if (!key.startsWith(Annotations.PREFIX) && !key.startsWith(Annotations.ALPHA_PREFIX)) {
        canonical.put(key, value);
      }
    });
    annotations.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        canonical.put(Annotations.PREFIX + key.substring(prefix.length()), value);
      }
    });
    return canonical;
  }

  /** The object with {@link #canonical} annotations: itself with the default prefix, else a copy. */
  public <T extends HasMetadata> T view(T object) {
    if (isDefault() || object == null || object.getMetadata() == null || object.getMetadata().getAnnotations() == null
        || object.getMetadata().getAnnotations().isEmpty()) {
      return object;
    }
    @SuppressWarnings("unchecked")
    T copy = (T) COPIER.convertValue(object, object.getClass());
    copy.getMetadata().setAnnotations(canonical(object.getMetadata().getAnnotations()));
    return copy;
  }
}
