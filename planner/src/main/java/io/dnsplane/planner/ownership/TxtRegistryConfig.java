package io.dnsplane.planner.ownership;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The TXT registry's flags, as ExternalDNS names them: --txt-prefix, --txt-suffix,
 * --txt-wildcard-replacement, --txt-encrypt-enabled, --txt-encrypt-aes-key,
 * --migrate-from-txt-owner (OLD, as ExternalDNS takes it, or OLD=NEW where several owners exist).
 */
public record TxtRegistryConfig(String prefix, String suffix, String wildcardReplacement, boolean encryptEnabled,
    String encryptAesKey, Map<String, String> migrateFromOwner) {

  public static final TxtRegistryConfig DEFAULT = new TxtRegistryConfig("", "", "", false, "", Map.of());

  /**
   * The new owner of a bare {@code --migrate-from-txt-owner=OLD}: whichever owner wants the record
   * now (the planner serves many owners; ExternalDNS's one instance is that owner).
   */
  public static final String ANY_OWNER = "";

  public TxtRegistryConfig {
    prefix = prefix == null ? "" : prefix;
    suffix = suffix == null ? "" : suffix;
    wildcardReplacement = wildcardReplacement == null ? "" : wildcardReplacement;
    encryptAesKey = encryptAesKey == null ? "" : encryptAesKey;
    migrateFromOwner = Map.copyOf(migrateFromOwner == null ? Map.of() : migrateFromOwner);
    // Fail at start-up, not at the first record: exclusive affixes, key length, a key for encryption.
    new TxtNameMapper(prefix, suffix, wildcardReplacement);
    if (!encryptAesKey.isEmpty()) {
      TxtEncryption.withKey(encryptAesKey);
    } else if (encryptEnabled) {
      throw new IllegalArgumentException("--txt-encrypt-enabled needs --txt-encrypt-aes-key");
    }
  }

  public static TxtRegistryConfig withPrefix(String prefix) {
    return new TxtRegistryConfig(prefix, "", "", false, "", Map.of());
  }

  /** Parses --migrate-from-txt-owner values OLD=NEW, and bare OLD (ExternalDNS's form) as OLD={@code bareTo}. */
  public static Map<String, String> parseMigrations(List<String> values, String bareTo) {
    Map<String, String> migrations = new TreeMap<>();
    for (String raw : values) {
      String v = raw.trim();
      if (v.isEmpty()) {
        continue;
      }
      int eq = v.indexOf('=');
      String from = eq < 0 ? v : v.substring(0, eq).trim();
      String to = eq < 0 ? bareTo : v.substring(eq + 1).trim();
      if (from.isEmpty() || (eq >= 0 && to.isEmpty())) {
        throw new IllegalArgumentException("--migrate-from-txt-owner wants OLD_OWNER or OLD_OWNER=NEW_OWNER: " + raw);
      }
      if (from.equals(to)) {
        throw new IllegalArgumentException("--migrate-from-txt-owner names the same owner twice: " + raw);
      }
      migrations.put(from, to);
    }
    return migrations;
  }

  /** Parses --migrate-from-txt-owner values, bare OLD going to whoever wants each record ({@link #ANY_OWNER}). */
  public static Map<String, String> parseMigrations(List<String> values) {
    return parseMigrations(values, ANY_OWNER);
  }

  public TxtNameMapper mapper() {
    return new TxtNameMapper(prefix, suffix, wildcardReplacement);
  }

  public OwnershipRegistry registry() {
    Optional<TxtEncryption> key = encryptAesKey.isEmpty() ? Optional.empty() : Optional.of(TxtEncryption.withKey(encryptAesKey));
    return new OwnershipRegistry(mapper(), key, encryptEnabled, migrateFromOwner);
  }

  @Override
  public String toString() {
    return "TxtRegistryConfig[prefix=" + prefix + ", suffix=" + suffix + ", wildcardReplacement=" + wildcardReplacement
        + ", encryptEnabled=" + encryptEnabled + ", encryptAesKey=" + (encryptAesKey.isEmpty() ? "" : "****")
        + ", migrateFromOwner=" + migrateFromOwner + "]";
  }
}
