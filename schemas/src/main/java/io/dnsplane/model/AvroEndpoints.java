package io.dnsplane.model;

import io.dnsplane.avro.ProviderSpecificProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps between the wire Endpoint (Avro) and the domain Endpoint the pure code works on. */
public final class AvroEndpoints {
  private AvroEndpoints() {}

  public static Endpoint fromAvro(io.dnsplane.avro.Endpoint e) {
    Map<String, String> providerSpecific = new LinkedHashMap<>();
    for (ProviderSpecificProperty p : e.getProviderSpecific()) {
      providerSpecific.put(p.getName(), p.getValue());
    }
    return new Endpoint(e.getDnsName(), e.getRecordType(), e.getTargets(), e.getRecordTTL(),
        e.getSetIdentifier(), e.getLabels(), providerSpecific);
  }

  public static io.dnsplane.avro.Endpoint toAvro(Endpoint e) {
    List<ProviderSpecificProperty> providerSpecific = new ArrayList<>();
    e.providerSpecific().forEach((k, v) -> providerSpecific.add(new ProviderSpecificProperty(k, v)));
    return io.dnsplane.avro.Endpoint.newBuilder()
        .setDnsName(e.dnsName())
        .setRecordType(e.recordType())
        .setTargets(new ArrayList<>(e.targets()))
        .setRecordTTL(e.ttl())
        .setSetIdentifier(e.setIdentifier())
        .setLabels(new LinkedHashMap<>(e.labels()))
        .setProviderSpecific(providerSpecific)
        .build();
  }

  public static List<Endpoint> fromAvro(List<io.dnsplane.avro.Endpoint> list) {
    return list.stream().map(AvroEndpoints::fromAvro).toList();
  }

  public static List<io.dnsplane.avro.Endpoint> toAvro(List<Endpoint> list) {
    return new ArrayList<>(list.stream().map(AvroEndpoints::toAvro).toList());
  }
}
