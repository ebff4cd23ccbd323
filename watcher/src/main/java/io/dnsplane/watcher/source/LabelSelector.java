package io.dnsplane.watcher.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes label-selector syntax (k8s.io/apimachinery labels.Parse), for ExternalDNS's
 * --annotation-filter and --label-filter: {@code a=b}, {@code a==b}, {@code a!=b},
 * {@code a in (x,y)}, {@code a notin (x,y)}, {@code a}, {@code !a}, joined by commas. fabric8 has no
 * parser for this string form, so it is written here.
 */
public final class LabelSelector {
  private static final Pattern SET = Pattern.compile("\\s*([^\\s!=(),]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*");
  private static final Pattern EQUALITY = Pattern.compile("\\s*([^\\s!=(),]+)\\s*(==|=|!=)\\s*([^\\s!=(),]*)\\s*");
  private static final Pattern EXISTS = Pattern.compile("\\s*(!?)\\s*([^\\s!=(),]+)\\s*");

  public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  private interface Requirement {
    boolean test(Map<String, String> values);
  }

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  public static LabelSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    for (String part : splitTopLevel(selector)) {
      Matcher m;
      if ((m = SET.matcher(part)).matches()) {
        String key = m.group(1);
        Set<String> values = Set.of(m.group(3).trim().isEmpty() ? new String[0] : m.group(3).trim().split("\\s*,\\s*"));
        boolean in = m.group(2).equals("in");
        requirements.add(v -> in ? values.contains(v.get(key)) : !values.contains(v.get(key)));
      } else if ((m = EQUALITY.matcher(part)).matches()) {
        String key = m.group(1);
        String value = m.group(3);
        boolean equal = !m.group(2).equals("!=");
        requirements.add(v -> equal ? value.equals(v.get(key)) : !value.equals(v.get(key)));
      } else if ((m = EXISTS.matcher(part)).matches()) {
        String key = m.group(2);
        boolean present = m.group(1).isEmpty();
        requirements.add(v -> v.containsKey(key) == present);
      } else {
        throw new IllegalArgumentException("not a label selector: '" + selector + "' (at '" + part.trim() + "')");
      }
    }
    return new LabelSelector(requirements);
  }

  /** Splits on commas outside parentheses. */
  private static List<String> splitTopLevel(String selector) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(selector.substring(start));
    return parts;
  }

  public boolean matches(Map<String, String> values) {
    Map<String, String> v = values == null ? Map.of() : values;
    return requirements.stream().allMatch(r -> r.test(v));
  }
}
