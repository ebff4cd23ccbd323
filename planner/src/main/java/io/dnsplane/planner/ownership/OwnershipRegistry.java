package io.dnsplane.planner.ownership;

import io.dnsplane.model.Endpoint;
import io.dnsplane.model.ProviderProperties;
import io.dnsplane.model.RecordTypes;
import io.dnsplane.model.Changes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * ExternalDNS's TXT registry as a pure codec: reads ownership labels onto observed records, and
 * adds the TXT record changes that go with planned record changes (in the same batch).
 */
public final class OwnershipRegistry {
  /** Label on a current record whose TXT names an owner that --migrate-from-txt-owner renames. */
  public static final String LABEL_MIGRATE_FROM = "migrate-from";

  private final TxtNameMapper mapper;
  private final Optional<TxtEncryption> encryption;
  private final boolean encryptWrites;
  private final Map<String, String> migrations;

  /**
   * @param encryption the --txt-encrypt-aes-key, if any: encrypted values are always read with it
   * @param encryptWrites --txt-encrypt-enabled: write new values encrypted
   * @param migrations --migrate-from-txt-owner: old owner id to the owner id that takes its records over
   */
  public OwnershipRegistry(TxtNameMapper mapper, Optional<TxtEncryption> encryption, boolean encryptWrites,
      Map<String, String> migrations) {
    if (encryptWrites && encryption.isEmpty()) {
      throw new IllegalArgumentException("--txt-encrypt-enabled needs --txt-encrypt-aes-key");
    }
    this.mapper = mapper;
    this.encryption = encryption;
    this.encryptWrites = encryptWrites;
    this.migrations = Map.copyOf(migrations);
  }

  public OwnershipRegistry(TxtNameMapper mapper) {
    this(mapper, Optional.empty(), false, Map.of());
  }

  public TxtNameMapper mapper() {
    return mapper;
  }

  /**
   * The records at {@code dnsName} with the labels their TXT ownership decodes to (none when
   * unowned). {@code observed} holds the records at the name and at its TXT names. Ownership TXT
   * records themselves are bookkeeping, not returned.
   */
  public List<Endpoint> currentWithOwnership(String dnsName, List<Endpoint> observed) {
    return currentWithOwnership(dnsName, observed, List.of());
  }

  /**
   * As above; a record owned by an owner that a bare {@code --migrate-from-txt-owner=OLD} names is
   * taken over by the owner that wants the name (and set identifier) in {@code desired}: the first
   * by name if several do, none if nobody does (then it stays OLD's, untouched).
   */
  public List<Endpoint> currentWithOwnership(String dnsName, List<Endpoint> observed, List<Endpoint> desired) {
    List<Endpoint> current = new ArrayList<>();
    for (Endpoint record : observed) {
      if (!record.dnsName().equals(dnsName)) {
        continue;
      }
      if (RecordTypes.TXT.equals(record.recordType())
          && (record.targets().isEmpty() || ownershipLabels(record).isPresent())) {
        // Bookkeeping, as ExternalDNS's registry reads it: any TXT that says who owns something is
        // nobody's record, whatever its name; a TXT without a value is skipped.
        continue;
      }
      // Any other record, a managed TXT too (its ownership is at txt-<name>, as ExternalDNS writes it).
      current.add(migrated(record.withoutLabels(), ownerOf(record, observed).orElse(Map.of()),
          wantingOwner(record, desired)));
    }
    return current;
  }

  private static Optional<String> wantingOwner(Endpoint record, List<Endpoint> desired) {
    return desired.stream()
        .filter(d -> d.dnsName().equals(record.dnsName()) && d.setIdentifier().equals(record.setIdentifier()))
        .map(d -> d.label(Endpoint.LABEL_OWNER))
        .filter(o -> !o.isEmpty())
        .sorted()
        .findFirst();
  }

  private Endpoint migrated(Endpoint record, Map<String, String> owners, Optional<String> wanting) {
    Map<String, String> renamed = new TreeMap<>();
    List<String> from = new ArrayList<>();
    owners.forEach((owner, resource) -> {
      String to = migrations.get(owner);
      if (TxtRegistryConfig.ANY_OWNER.equals(to)) {
        to = wanting.filter(w -> !w.equals(owner)).orElse(null);
      }
      if (to != null) {
        from.add(owner);
      }
      renamed.put(to != null ? to : owner, resource);
    });
    Endpoint labelled = Ownership.with(record, renamed);
    return from.isEmpty() ? labelled : labelled.withLabel(LABEL_MIGRATE_FROM, String.join(",", from));
  }

  private Optional<Map<String, String>> ownerOf(Endpoint record, List<Endpoint> observed) {
    Optional<Map<String, String>> typed = findTxt(observed, mapper.toTxtName(record.dnsName(), record.recordType()),
        record.setIdentifier()).flatMap(this::ownershipLabels);
    if (typed.isPresent()) {
      return typed;
    }
    if (isAliasA(record)) {
      // ExternalDNS up to v0.21 named an A alias's ownership record cname-<name>; v0.22 still reads it.
      Optional<Map<String, String>> legacyAlias = legacyAliasTxt(record, observed).flatMap(this::ownershipLabels);
      if (legacyAlias.isPresent()) {
        return legacyAlias;
      }
    }
    if (RecordTypes.AAAA.equals(record.recordType())) {
      return typed;
    }
    // ExternalDNS still reads the old same-name format (never for AAAA, which it did not write).
    return findTxt(observed, mapper.toLegacyTxtName(record.dnsName()), record.setIdentifier())
        .flatMap(this::ownershipLabels);
  }

  /** An A record that is an alias ({@code alias} true or A, as ExternalDNS's isAliasARecord). */
  private static boolean isAliasA(Endpoint record) {
    String alias = record.providerSpecific().getOrDefault(ProviderProperties.ALIAS, "");
    return RecordTypes.A.equals(record.recordType()) && (alias.equals("true") || alias.equalsIgnoreCase("A"));
  }

  private Optional<Endpoint> legacyAliasTxt(Endpoint record, List<Endpoint> observed) {
    return findTxt(observed, mapper.toTxtName(record.dnsName(), RecordTypes.CNAME), record.setIdentifier());
  }

  private Optional<Endpoint> findTxt(List<Endpoint> observed, String name, String setIdentifier) {
    return observed.stream()
        .filter(e -> RecordTypes.TXT.equals(e.recordType()) && e.dnsName().equals(name)
            && e.setIdentifier().equals(setIdentifier))
        .filter(e -> ownershipLabels(e).isPresent())
        .findFirst();
  }

  /**
   * The ownership a TXT record states: one value per owner (a set shared by several clusters has
   * several values). Values without an owner label are ExternalDNS's with an empty owner id.
   */
  private Optional<Map<String, String>> ownershipLabels(Endpoint txt) {
    Map<String, String> resourceByOwner = new TreeMap<>();
    for (String target : txt.targets()) {
      OwnershipValue.decode(decrypted(target)).ifPresent(labels -> resourceByOwner.put(
          labels.getOrDefault(Endpoint.LABEL_OWNER, ""), labels.getOrDefault(Endpoint.LABEL_RESOURCE, "")));
    }
    return resourceByOwner.isEmpty() ? Optional.empty() : Optional.of(resourceByOwner);
  }

  private String decrypted(String value) {
    String unquoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1) : value;
    return encryption.flatMap(e -> e.decrypt(unquoted)).orElse(value);
  }

  /** The record changes plus the TXT ownership changes that belong with them. */
  public Changes withOwnershipRecords(Changes changes, List<Endpoint> observed) {
    Changes.Builder out = new Changes.Builder().addAll(changes);
    for (Endpoint created : changes.create()) {
      Endpoint txt = ownershipRecord(created);
      Optional<Endpoint> existing = findTxt(observed, txt.dnsName(), txt.setIdentifier());
      if (existing.isEmpty()) {
        out.create(txt);
      } else if (!sameOwners(existing.get(), txt)) {
        out.update(existing.get(), txt);
      }
    }
    for (int i = 0; i < changes.updateNew().size(); i++) {
      Endpoint updated = changes.updateNew().get(i);
      Endpoint txt = ownershipRecord(updated);
      Optional<Endpoint> existing = findTxt(observed, txt.dnsName(), txt.setIdentifier());
      if (existing.isEmpty()) {
        out.create(txt);
      } else if (!sameOwners(existing.get(), txt) || (txt.ttl() > 0 && existing.get().ttl() != txt.ttl())) {
        out.update(existing.get(), txt);
      }
    }
    for (Endpoint deleted : changes.delete()) {
      String typedName = mapper.toTxtName(deleted.dnsName(), deleted.recordType());
      // Only a TXT that names exactly the record's owners goes with it; any other owner keeps theirs.
      List<Endpoint> txts = new ArrayList<>();
      findTxt(observed, typedName, deleted.setIdentifier()).ifPresent(txts::add);
      if (isAliasA(deleted)) {
        // Unlike ExternalDNS, which leaves it for a clean-up script: nothing else can be at the name
        // of an A for that CNAME-named record to speak for.
        legacyAliasTxt(deleted, observed).ifPresent(txts::add);
      }
      txts.stream()
          .filter(txt -> ownershipLabels(txt).orElse(Map.of()).keySet().equals(Ownership.of(deleted).keySet()))
          .forEach(out::delete);
    }
    return out.build();
  }

  /** Compares what two TXT records say, not their bytes: encrypted values differ at every write. */
  private boolean sameOwners(Endpoint existing, Endpoint wanted) {
    return ownershipLabels(existing).equals(ownershipLabels(wanted));
  }

  /** The TXT record that says who owns {@code record}: one value per owner, as ExternalDNS writes one. */
  public Endpoint ownershipRecord(Endpoint record) {
    List<String> values = new ArrayList<>();
    Ownership.of(record).forEach((owner, resource) -> {
      String value = OwnershipValue.encode(Map.of(Endpoint.LABEL_OWNER, owner, Endpoint.LABEL_RESOURCE, resource));
      values.add(encryptWrites
          ? "\"" + encryption.orElseThrow().encrypt(value.substring(1, value.length() - 1)) + "\""
          : value);
    });
    // It carries the record's provider-specific properties, as ExternalDNS's: a weighted or
    // failover record's TXT needs the same routing policy beside it (Route53 requires one for a set
    // identifier); appliers ignore what does not apply to a TXT (alias, proxied).
    Endpoint txt = new Endpoint(mapper.toTxtName(record.dnsName(), record.recordType()), RecordTypes.TXT,
        values, record.ttl(), record.setIdentifier(), Map.of(), record.providerSpecific());
    return Ownership.with(txt, Ownership.of(record));
  }
}
