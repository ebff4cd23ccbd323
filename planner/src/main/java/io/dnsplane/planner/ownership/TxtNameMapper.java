package io.dnsplane.planner.ownership;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where ExternalDNS keeps a record's TXT ownership, ported from registry/mapper/mapper.go: the
 * record type, lower case, and a dash before the first label ({@code www.example.com A} ->
 * {@code a-www.example.com}), wrapped in {@code --txt-prefix} or {@code --txt-suffix} (exclusive).
 * An affix containing {@code %{record_type}} carries the type itself instead
 * ({@code %{record_type}-abc-.} -> {@code cname-abc-.www.example.com}). {@code --txt-wildcard-replacement}
 * stands for a leading {@code *}. For an apex record use a prefix with {@code %{record_type}} that
 * ends in '.', so the TXT name stays inside the zone.
 */
public final class TxtNameMapper {
  static final String RECORD_TEMPLATE = "%{record_type}";
  /** The types ExternalDNS's mapper recognises when reading a TXT name back, in its order. */
  private static final List<String> SUPPORTED = List.of("A", "AAAA", "CNAME", "NS", "MX", "PTR", "SRV", "NAPTR", "TXT",
      "DNAME");

  private final String prefix;
  private final String suffix;
  private final String wildcardReplacement;

  public TxtNameMapper(String prefix, String suffix, String wildcardReplacement) {
    this.prefix = lower(prefix);
    this.suffix = lower(suffix);
    this.wildcardReplacement = lower(wildcardReplacement);
    if (!this.prefix.isEmpty() && !this.suffix.isEmpty()) {
      throw new IllegalArgumentException("--txt-prefix and --txt-suffix are mutually exclusive");
    }
  }

  public TxtNameMapper(String prefix) {
    this(prefix, "", "");
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  /** Whether an affix carries the record type ({@code %{record_type}}), not the first label. */
  boolean typeInAffix() {
    return prefix.contains(RECORD_TEMPLATE) || suffix.contains(RECORD_TEMPLATE);
  }

  /** The typed TXT name of a record. */
  public String toTxtName(String dnsName, String recordType) {
    String type = recordType.toLowerCase(Locale.ROOT);
    String[] parts = dnsName.split("\\.", 2);
    String first = parts[0];
    if (!wildcardReplacement.isEmpty() && first.equals("*")) {
      first = wildcardReplacement;
    }
    if (!typeInAffix()) {
      first = type + "-" + first;
    }
    String p = prefix.replace(RECORD_TEMPLATE, type);
    String s = suffix.replace(RECORD_TEMPLATE, type);
    return parts.length < 2 ? p + first + s : p + first + s + "." + parts[1];
  }

  /** The legacy (untyped) TXT name ExternalDNS wrote before v0.18: the affixes without a type. */
  public String toLegacyTxtName(String dnsName) {
    String[] parts = dnsName.split("\\.", 2);
    String first = parts[0];
    if (!wildcardReplacement.isEmpty() && first.equals("*")) {
      first = wildcardReplacement;
    }
    String p = prefix.replace(RECORD_TEMPLATE, "");
    String s = suffix.replace(RECORD_TEMPLATE, "");
    return parts.length < 2 ? p + first + s : p + first + s + "." + parts[1];
  }

  /** A TXT name read back: the record name it may own, and the type when the name is typed (else empty). */
  public record Owned(String dnsName, String recordType) {}

  /** ExternalDNS's ToEndpointName: empty when the name does not carry our affixes. */
  public Optional<Owned> toEndpointName(String txtName) {
    String name = txtName.toLowerCase(Locale.ROOT);
    Optional<Owned> owned;
    if (suffix.isEmpty()) {
      owned = dropAffixExtractType(name);
    } else {
      int dots = (int) suffix.chars().filter(c -> c == '.').count();
      String[] parts = name.split("\\.", 2 + dots);
      String withSuffix = String.join(".", java.util.Arrays.copyOfRange(parts, 0, Math.min(parts.length, 1 + dots)));
      owned = dropAffixExtractType(withSuffix)
          .map(o -> parts.length > 1 + dots ? new Owned(o.dnsName() + "." + parts[1 + dots], o.recordType()) : o);
    }
    return owned.filter(o -> !o.dnsName().isEmpty()).map(this::restoreWildcard);
  }

  private Owned restoreWildcard(Owned owned) {
    if (wildcardReplacement.isEmpty()) {
      return owned;
    }
    String[] parts = owned.dnsName().split("\\.", 2);
    if (!parts[0].equals(wildcardReplacement)) {
      return owned;
    }
    return new Owned(parts.length < 2 ? "*" : "*." + parts[1], owned.recordType());
  }

  private Optional<Owned> dropAffixExtractType(String name) {
    String p = prefix;
    String s = suffix;
    if (typeInAffix()) {
      for (String t : SUPPORTED) {
        String lowerType = t.toLowerCase(Locale.ROOT);
        String typedPrefix = p.replace(RECORD_TEMPLATE, lowerType);
        String typedSuffix = s.replace(RECORD_TEMPLATE, lowerType);
        if (s.isEmpty() && name.startsWith(typedPrefix)) {
          return Optional.of(new Owned(name.substring(typedPrefix.length()), t));
        }
        if (!s.isEmpty() && name.endsWith(typedSuffix)) {
          return Optional.of(new Owned(name.substring(0, name.length() - typedSuffix.length()), t));
        }
      }
      p = p.replace(RECORD_TEMPLATE, "");
      s = s.replace(RECORD_TEMPLATE, "");
    }
    if (s.isEmpty() && name.startsWith(p)) {
      return Optional.of(typeFromDefaultPosition(name.substring(p.length())));
    }
    if (!s.isEmpty() && name.endsWith(s)) {
      return Optional.of(typeFromDefaultPosition(name.substring(0, name.length() - s.length())));
    }
    return Optional.empty();
  }

  private static Owned typeFromDefaultPosition(String name) {
    String head = name.split("-", 2)[0];
    for (String t : SUPPORTED) {
      if (head.equals(t.toLowerCase(Locale.ROOT)) && name.length() > head.length()) {
        return new Owned(name.substring(head.length() + 1), t);
      }
    }
    return new Owned(name, "");
  }
}
