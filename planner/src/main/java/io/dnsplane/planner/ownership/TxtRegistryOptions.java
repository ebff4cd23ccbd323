package io.dnsplane.planner.ownership;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The TXT registry's flags, ExternalDNS's names and meanings, one declaration for the planner,
 * {@code explain} and {@code plan} (a picocli mixin), so the three read ownership alike.
 */
public final class TxtRegistryOptions {
  @Option(names = "--txt-prefix", defaultValue = "", description = "Prefix of TXT ownership record names; may hold"
      + " %%{record_type} (ExternalDNS's flag).")
  String prefix;

  @Option(names = "--txt-suffix", defaultValue = "", description = "Suffix of TXT ownership record names, exclusive"
      + " with --txt-prefix (ExternalDNS's flag).")
  String suffix;

  @Option(names = "--txt-wildcard-replacement", defaultValue = "", description = "Stands for a leading '*' in TXT"
      + " record names (ExternalDNS's flag).")
  String wildcardReplacement;

  @Option(names = "--txt-encrypt-enabled", description = "Write TXT ownership values encrypted with"
      + " --txt-encrypt-aes-key (ExternalDNS's format).")
  boolean encryptEnabled;

  @Option(names = "--txt-encrypt-aes-key", defaultValue = "", description = "AES-256 key: 32 characters, or the base64"
      + " of 32 bytes; encrypted values are read with it. Prefer DNSPLANE_TXT_ENCRYPT_AES_KEY.")
  String encryptAesKey;

  @Option(names = "--migrate-from-txt-owner", split = ",", paramLabel = "OLD[=NEW]", description = "Records whose TXT"
      + " names owner OLD are taken over (ExternalDNS's flag): by NEW, or, given OLD alone, by the owner that wants"
      + " each record now (repeatable).")
  List<String> migrateFromTxtOwner = new ArrayList<>();

  /** The registry, bare OLD migrations kept as "whoever wants the record" ({@link TxtRegistryConfig#ANY_OWNER}). */
  public TxtRegistryConfig config() {
    return config(TxtRegistryConfig.ANY_OWNER);
  }

  /** The registry with bare OLD migrations going to {@code newOwner} (a single cluster's preview). */
  public TxtRegistryConfig config(String newOwner) {
    return new TxtRegistryConfig(prefix, suffix, wildcardReplacement, encryptEnabled, encryptAesKey,
        TxtRegistryConfig.parseMigrations(migrateFromTxtOwner, newOwner));
  }

  public TxtNameMapper mapper() {
    return new TxtNameMapper(prefix, suffix, wildcardReplacement);
  }

  /** Whether a --migrate-from-txt-owner names an old owner alone (ExternalDNS's form). */
  public boolean hasBareMigrations() {
    return migrateFromTxtOwner.stream().anyMatch(m -> !m.isBlank() && !m.contains("="));
  }
}
