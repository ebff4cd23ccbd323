package io.dnsplane.watcher.source;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host names as DNS takes them: lower case, no trailing dot, internationalised names as punycode
 * (java.net.IDN), labels of 1 to 63 letters, digits, '-' or '_' (a leading '*' label for wildcards),
 * at most 253 characters. {@link #check} says what is wrong instead of throwing, so one bad name of
 * an object never hides its good ones.
 */
public final class Hostnames {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

  private Hostnames() {}

  /** The canonical name, or why it is not a valid host name. */
  public record Checked(Optional<String> name, Optional<String> problem) {
    static Checked ok(String name) {
      return new Checked(Optional.of(name), Optional.empty());
    }

    static Checked bad(String raw, String why) {
      return new Checked(Optional.empty(), Optional.of("'" + raw + "' is not a valid host name: " + why));
    }
  }

  public static Checked check(String raw) {
    String name = raw == null ? "" : raw.trim();
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty()) {
      return Checked.bad(raw, "empty");
    }
    if (name.chars().anyMatch(c -> c > 127)) {
      try {
        name = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED);
      } catch (IllegalArgumentException e) {
        return Checked.bad(raw, e.getMessage());
      }
    }
    name = name.toLowerCase(Locale.ROOT);
    if (name.length() > 253) {
      return Checked.bad(raw, "longer than 253 characters");
    }
    String[] labels = name.split("\\.", -1);
    for (int i = 0; i < labels.length; i++) {
      String label = labels[i];
      if (label.isEmpty()) {
        return Checked.bad(raw, "empty label");
      }
      if (label.length() > 63) {
        return Checked.bad(raw, "label longer than 63 characters");
      }
      if (!(i == 0 && label.equals("*")) && !LABEL.matcher(label).matches()) {
        return Checked.bad(raw, "label '" + label + "' has characters a host name cannot have");
      }
    }
    return Checked.ok(name);
  }
}
