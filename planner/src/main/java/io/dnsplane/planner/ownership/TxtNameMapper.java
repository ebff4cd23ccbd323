package io.dnsplane.planner.ownership;

import io.dnsplane.model.DnsNames;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where ExternalDNS keeps a record's TXT ownership (registry/mapper/mapper.go): the record type,
 * lower case, and a dash before the first label, then the optional {@code --txt-prefix}:
 * {@code www.example.com A} -> {@code a-www.example.com}; with prefix {@code p-},
 * {@code p-a-www.example.com}.
 */
public final class TxtNameMapper {
  /** Types whose typed TXT names we recognise when reading a TXT name back. */
  private static final Set<String> KNOWN_TYPES = Set.of("a", "aaaa", "cname", "ns", "mx", "srv", "txt", "ptr", "naptr", "caa");

  private final String prefix;

  public TxtNameMapper(String prefix) {
    this.prefix = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
  }

  public String prefix() {
    return prefix;
  }

  /** The typed TXT name of a record. */
  public String toTxtName(String dnsName, String recordType) {
    String first = DnsNames.firstLabel(dnsName);
    String rest = DnsNames.parent(dnsName);
    String label = prefix + recordType.toLowerCase(Locale.ROOT) + "-" + first;
    return rest.isEmpty() ? label : label + "." + rest;
  }

  /** The legacy (untyped) TXT name of a record: ExternalDNS before v0.18 wrote it; we still read it. */
  public String toLegacyTxtName(String dnsName) {
    if (prefix.isEmpty()) {
      return dnsName;
    }
    String first = DnsNames.firstLabel(dnsName);
    String rest = DnsNames.parent(dnsName);
    return rest.isEmpty() ? prefix + first : prefix + first + "." + rest;
  }

  /** A TXT name read back: the record name it would own and the type, if it has the typed shape. */
  public record Owned(String dnsName, String recordType) {}

  public Optional<Owned> fromTxtName(String txtName) {
    if (!txtName.startsWith(prefix)) {
      return Optional.empty();
    }
    String withoutPrefix = txtName.substring(prefix.length());
    String first = DnsNames.firstLabel(withoutPrefix);
    String rest = DnsNames.parent(withoutPrefix);
    int dash = first.indexOf('-');
    if (dash <= 0 || dash == first.length() - 1) {
      return Optional.empty();
    }
    String type = first.substring(0, dash);
    if (!KNOWN_TYPES.contains(type)) {
      return Optional.empty();
    }
    String label = first.substring(dash + 1);
    return Optional.of(new Owned(rest.isEmpty() ? label : label + "." + rest, type.toUpperCase(Locale.ROOT)));
  }

  /** The record name a legacy TXT name would own, if any (with no prefix: the same name). */
  public Optional<String> fromLegacyTxtName(String txtName) {
    if (prefix.isEmpty()) {
      return Optional.of(txtName);
    }
    return txtName.startsWith(prefix) && txtName.length() > prefix.length()
        ? Optional.of(txtName.substring(prefix.length()))
        : Optional.empty();
  }
}
