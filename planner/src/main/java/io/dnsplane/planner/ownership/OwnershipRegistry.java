package io.dnsplane.planner.ownership;

import io.dnsplane.model.Endpoint;
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
  private final TxtNameMapper mapper;

  public OwnershipRegistry(TxtNameMapper mapper) {
    this.mapper = mapper;
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
    List<Endpoint> current = new ArrayList<>();
    for (Endpoint record : observed) {
      if (!record.dnsName().equals(dnsName)) {
        continue;
      }
      if (RecordTypes.TXT.equals(record.recordType())) {
        if (!mapper.toLegacyTxtName(dnsName).equals(dnsName) || ownershipLabels(record).isEmpty()) {
          current.add(record.withoutLabels());
        }
        continue;
      }
      current.add(Ownership.with(record.withoutLabels(), ownerOf(record, observed).orElse(Map.of())));
    }
    return current;
  }

  private Optional<Map<String, String>> ownerOf(Endpoint record, List<Endpoint> observed) {
    Optional<Map<String, String>> typed = findTxt(observed, mapper.toTxtName(record.dnsName(), record.recordType()),
        record.setIdentifier()).flatMap(OwnershipRegistry::ownershipLabels);
    if (typed.isPresent() || RecordTypes.AAAA.equals(record.recordType())) {
      return typed;
    }
    // ExternalDNS still reads the old same-name format (never for AAAA, which it did not write).
    return findTxt(observed, mapper.toLegacyTxtName(record.dnsName()), record.setIdentifier())
        .flatMap(OwnershipRegistry::ownershipLabels);
  }

  private static Optional<Endpoint> findTxt(List<Endpoint> observed, String name, String setIdentifier) {
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
  private static Optional<Map<String, String>> ownershipLabels(Endpoint txt) {
    Map<String, String> resourceByOwner = new TreeMap<>();
    for (String target : txt.targets()) {
      OwnershipValue.decode(target).ifPresent(labels -> resourceByOwner.put(
          labels.getOrDefault(Endpoint.LABEL_OWNER, ""), labels.getOrDefault(Endpoint.LABEL_RESOURCE, "")));
    }
    return resourceByOwner.isEmpty() ? Optional.empty() : Optional.of(resourceByOwner);
  }

  /** The record changes plus the TXT ownership changes that belong with them. */
  public Changes withOwnershipRecords(Changes changes, List<Endpoint> observed) {
    Changes.Builder out = new Changes.Builder().addAll(changes);
    for (Endpoint created : changes.create()) {
      Endpoint txt = ownershipRecord(created);
      Optional<Endpoint> existing = findTxt(observed, txt.dnsName(), txt.setIdentifier());
      if (existing.isEmpty()) {
        out.create(txt);
      } else if (!existing.get().targets().equals(txt.targets())) {
        out.update(existing.get(), txt);
      }
    }
    for (int i = 0; i < changes.updateNew().size(); i++) {
      Endpoint updated = changes.updateNew().get(i);
      Endpoint txt = ownershipRecord(updated);
      Optional<Endpoint> existing = findTxt(observed, txt.dnsName(), txt.setIdentifier());
      if (existing.isEmpty()) {
        out.create(txt);
      } else if (!existing.get().targets().equals(txt.targets()) || (txt.ttl() > 0 && existing.get().ttl() != txt.ttl())) {
        out.update(existing.get(), txt);
      }
    }
    for (Endpoint deleted : changes.delete()) {
      String typedName = mapper.toTxtName(deleted.dnsName(), deleted.recordType());
      // Only a TXT that names exactly the record's owners goes with it; any other owner keeps theirs.
      findTxt(observed, typedName, deleted.setIdentifier())
          .filter(txt -> ownershipLabels(txt).orElse(Map.of()).keySet().equals(Ownership.of(deleted).keySet()))
          .ifPresent(out::delete);
    }
    return out.build();
  }

  /** The TXT record that says who owns {@code record}: one value per owner, as ExternalDNS writes one. */
  public Endpoint ownershipRecord(Endpoint record) {
    List<String> values = new ArrayList<>();
    Ownership.of(record).forEach((owner, resource) ->
        values.add(OwnershipValue.encode(Map.of(Endpoint.LABEL_OWNER, owner, Endpoint.LABEL_RESOURCE, resource))));
    Endpoint txt = new Endpoint(mapper.toTxtName(record.dnsName(), record.recordType()), RecordTypes.TXT,
        values, record.ttl(), record.setIdentifier(), Map.of(), Map.of());
    return Ownership.with(txt, Ownership.of(record));
  }
}
