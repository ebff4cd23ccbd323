package io.dnsplane.watcher.source;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ExternalDNS's --fqdn-template: Go templates whose output, split at commas, names an object's
 * records. No Go template engine runs on the JVM, so this evaluates the part of the language the
 * flag is used with, and refuses the rest when the watcher starts (never half-evaluates): text,
 * and actions of a field ({@code .Name}, {@code .Namespace}, {@code .Kind}, {@code .Labels.key},
 * {@code .Annotations.key}), {@code index .Labels "key"} / {@code index .Annotations "key"}, and the
 * string functions toLower, trim, trimPrefix, trimSuffix and replace applied to one of those,
 * as calls or at the end of a pipeline ({@code {{.Name | toLower}}}). A missing label is empty.
 */
public final class FqdnTemplate {
  private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");
  private static final Pattern TOKEN = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|\\S+");
  private static final String SUPPORTED = "dnsplane fills .Name, .Namespace, .Kind, .Labels.KEY, .Annotations.KEY,"
      + " index .Labels|.Annotations \"KEY\", and toLower, trim, trimPrefix, trimSuffix, replace";
  /** No template (declared after the patterns it is parsed with). */
  public static final FqdnTemplate NONE = new FqdnTemplate("");

  private final String source;
  private final List<Object> parts = new ArrayList<>();

  private sealed interface Expr permits Field, Call {}

  private record Field(String path) implements Expr {}

  private record Call(String function, List<String> literals, Expr argument) implements Expr {}

  /** @throws IllegalArgumentException naming the part of the template dnsplane cannot fill */
  public FqdnTemplate(String template) {
    this.source = template == null ? "" : template.trim();
    Matcher m = ACTION.matcher(source);
    int at = 0;
    while (m.find()) {
      parts.add(source.substring(at, m.start()));
      parts.add(parse(m.group(1)));
      at = m.end();
    }
    String rest = source.substring(at);
    if (rest.contains("{{") || rest.contains("}}")) {
      throw new IllegalArgumentException("--fqdn-template has an unclosed action: " + source);
    }
    parts.add(rest);
  }

  public boolean isConfigured() {
    return !source.isEmpty();
  }

  @Override
  public String toString() {
    return source;
  }

  /** The host names the template gives the object: trimmed, trailing dots dropped, sorted, no duplicates. */
  public List<String> names(HasMetadata object, String kind) {
    if (!isConfigured()) {
      return List.of();
    }
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      out.append(part instanceof Expr e ? eval(e, object, kind) : (String) part);
    }
    TreeSet<String> names = new TreeSet<>();
    for (String name : out.toString().split(",")) {
      String n = name.trim();
      n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
      if (!n.isEmpty()) {
        names.add(n);
      }
    }
    return new ArrayList<>(names);
  }

  private Expr parse(String action) {
    String[] pipeline = action.split("\\|");
    Expr expr = parseCall(tokens(pipeline[0]), action);
    for (int i = 1; i < pipeline.length; i++) {
      List<String> tokens = tokens(pipeline[i]);
      if (tokens.isEmpty()) {
        throw unsupported(action);
      }
      expr = call(tokens.get(0), literals(tokens.subList(1, tokens.size()), action), expr, action);
    }
    return expr;
  }

  private Expr parseCall(List<String> tokens, String action) {
    if (tokens.size() == 1 && tokens.get(0).startsWith(".")) {
      return field(tokens.get(0), action);
    }
    if (tokens.size() == 3 && tokens.get(0).equals("index") && (tokens.get(1).equals(".Labels")
        || tokens.get(1).equals(".Annotations")) && tokens.get(2).startsWith("\"")) {
      return new Field(tokens.get(1) + "." + unquote(tokens.get(2)));
    }
    if (tokens.size() >= 2 && !tokens.get(0).startsWith(".")) {
      Expr argument = parseCall(tokens.subList(tokens.size() - 1, tokens.size()), action);
      return call(tokens.get(0), literals(tokens.subList(1, tokens.size() - 1), action), argument, action);
    }
    throw unsupported(action);
  }

  private Field field(String path, String action) {
    if (path.equals(".Name") || path.equals(".Namespace") || path.equals(".Kind")
        || path.matches("\\.(Labels|Annotations)\\.[A-Za-z_][A-Za-z0-9_]*")) {
      return new Field(path);
    }
    throw unsupported(action);
  }

  private Call call(String function, List<String> literals, Expr argument, String action) {
    int wanted = switch (function) {
      case "toLower", "trim" -> 0;
      case "trimPrefix", "trimSuffix" -> 1;
      case "replace" -> 2;
      default -> throw unsupported(action);
    };
    if (literals.size() != wanted) {
      throw new IllegalArgumentException("--fqdn-template: " + function + " takes " + (wanted + 1) + " arguments in {{"
          + action + "}}");
    }
    return new Call(function, literals, argument);
  }

  private List<String> literals(List<String> tokens, String action) {
    List<String> out = new ArrayList<>();
    for (String t : tokens) {
      if (!t.startsWith("\"")) {
        throw unsupported(action);
      }
      out.add(unquote(t));
    }
    return out;
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }

  private static String unquote(String quoted) {
    return quoted.substring(1, quoted.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
  }

  private IllegalArgumentException unsupported(String action) {
    return new IllegalArgumentException("--fqdn-template: {{" + action + "}} is not something " + SUPPORTED + ": " + source);
  }

  private static String eval(Expr expr, HasMetadata object, String kind) {
    if (expr instanceof Call c) {
      String v = eval(c.argument(), object, kind);
      return switch (c.function()) {
        case "toLower" -> v.toLowerCase(Locale.ROOT);
        case "trim" -> v.trim();
        case "trimPrefix" -> v.startsWith(c.literals().get(0)) ? v.substring(c.literals().get(0).length()) : v;
        case "trimSuffix" -> v.endsWith(c.literals().get(0)) ? v.substring(0, v.length() - c.literals().get(0).length()) : v;
        default -> v.replace(c.literals().get(0), c.literals().get(1));
      };
    }
    String path = ((Field) expr).path();
    var meta = object.getMetadata();
    return switch (path) {
      case ".Name" -> meta.getName();
      case ".Namespace" -> meta.getNamespace() == null ? "" : meta.getNamespace();
      case ".Kind" -> object.getKind() != null ? object.getKind() : kind;
      default -> {
        boolean labels = path.startsWith(".Labels.");
        Map<String, String> map = labels ? meta.getLabels() : meta.getAnnotations();
        String key = path.substring(labels ? ".Labels.".length() : ".Annotations.".length());
        yield map == null ? "" : map.getOrDefault(key, "");
      }
    };
  }
}
