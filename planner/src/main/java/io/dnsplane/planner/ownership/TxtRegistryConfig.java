package io.dnsplane.planner.ownership;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The TXT registry's flags, as ExternalDNS names them: --txt-prefix, --txt-suffix,
 * --txt-wildcard-replacement, --txt-encrypt-enabled, --txt-encrypt-aes-key,
 * --migrate-from-txt-owner (here OLD=NEW, since every cluster has its own owner id).
 */
public record TxtRegistryConfig(String prefix, String suffix, String wildcardReplacement, boolean encryptEnabled,
    String encryptAesKey, Map<String, String> migrateFromOwner) {

  public static final TxtRegistryConfig DEFAULT = new TxtRegistryConfig("", "", "", false, "", Map.of());

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

  /** Parses --migrate-from-txt-owner values OLD=NEW. */
  public static Map<String, String> parseMigrations(List<String> values) {
    Map<String, String> migrations = new TreeMap<>();
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq <= 0 || eq == v.length() - 1) {
        throw new IllegalArgumentException("--migrate-from-txt-owner wants OLD_OWNER=NEW_OWNER: " + v);
      }
      migrations.put(v.substring(0, eq).trim(), v.substring(eq + 1).trim());
    }
    return migrations;
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
