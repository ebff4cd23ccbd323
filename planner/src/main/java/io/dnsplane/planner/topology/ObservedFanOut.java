package io.dnsplane.planner.topology;

import io.dnsplane.avro.Endpoint;
import io.dnsplane.avro.ObservedKey;
import io.dnsplane.avro.ObservedRecordSet;
import io.dnsplane.avro.planner.NameEvent;
import io.dnsplane.avro.planner.NameObservation;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.RecordTypes;
import io.dnsplane.planner.ownership.TxtNameMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KeyValueMapper;

/**
 * Routes what the provider holds at one name to the names it concerns: all of it to the name
 * itself, and its TXT records also to the record name they may own (a-www.example.com's TXT to
 * www.example.com). Stateless: where a name could hold ownership TXT, it always sends that name an
 * entry (possibly empty), which replaces what it sent before.
 */
final class ObservedFanOut implements KeyValueMapper<ObservedKey, ObservedRecordSet, Iterable<KeyValue<String, NameEvent>>> {
  private final TxtNameMapper mapper;

  ObservedFanOut(TxtNameMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public Iterable<KeyValue<String, NameEvent>> apply(ObservedKey key, ObservedRecordSet value) {
    if (key == null) {
      return List.of();
    }
    String sourceName = DnsNames.normalize(key.getDnsName());
    List<Endpoint> records = value == null ? List.of() : value.getRecords();
    List<KeyValue<String, NameEvent>> out = new ArrayList<>();
    out.add(event(sourceName, key, value, sourceName, records));

    Set<String> ownedNames = new LinkedHashSet<>();
    mapper.toEndpointName(sourceName).map(TxtNameMapper.Owned::dnsName)
        .filter(n -> !n.equals(sourceName)).ifPresent(ownedNames::add);
    if (!ownedNames.isEmpty()) {
      List<Endpoint> txt = records.stream().filter(r -> RecordTypes.TXT.equals(r.getRecordType())).toList();
      ownedNames.forEach(owned -> out.add(event(owned, key, value, sourceName, txt)));
    }
    return out;
  }

  private static KeyValue<String, NameEvent> event(String target, ObservedKey key, ObservedRecordSet value,
      String sourceName, List<Endpoint> records) {
    NameObservation observation = NameObservation.newBuilder()
        .setProvider(key.getProvider())
        .setZoneId(key.getZoneId())
        .setZoneName(value == null ? "" : value.getZoneName())
        .setSourceName(sourceName)
        .setRecords(new ArrayList<>(records))
        .setBatchId(value == null ? "" : value.getBatchId())
        .setBatchFailed(value != null && value.getBatchFailed())
        .setFailure(value == null ? "" : value.getFailure())
        .setHeld(value == null ? "" : value.getHeld())
        // Adjustments concern the records at their own name, not the names their TXT records own.
        .setAdjustments(value == null || !target.equals(sourceName) ? List.of() : new ArrayList<>(value.getAdjustments()))
        .build();
    return KeyValue.pair(target, NameEvent.newBuilder().setObservation(observation).build());
  }
}
