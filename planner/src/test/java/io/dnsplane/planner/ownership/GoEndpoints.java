package io.dnsplane.planner.ownership;

import io.dnsplane.model.Endpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ExternalDNS's test helpers for endpoints (endpoint.Endpoint literals and registry/txt/utils_test.go),
 * so its registry tests read here as they read in Go: a mutable endpoint with Go's field and method
 * names, turned into a dnsplane {@link Endpoint} by {@link #endpoint()}.
 */
@SuppressWarnings("MethodName")
final class GoEndpoints {
  private GoEndpoints() {}

  static final String OWNER = Endpoint.LABEL_OWNER;
  static final String RESOURCE = Endpoint.LABEL_RESOURCE;
  /** ExternalDNS's in-memory label naming the record a TXT owns; dnsplane reads that from the TXT name. */
  static final String OWNED_RECORD = "ownedRecord";

  /** An endpoint as Go's struct literal builds it. */
  static final class Ep {
    String dnsName = "";
    List<String> targets = new ArrayList<>();
    String recordType = "";
    String setIdentifier = "";
    long ttl;
    Map<String, String> labels = new TreeMap<>();
    Map<String, String> providerSpecific = new TreeMap<>();

    Ep DNSName(String v) {
      dnsName = v;
      return this;
    }

    Ep Targets(List<String> v) {
      targets = new ArrayList<>(v);
      return this;
    }

    Ep RecordType(String v) {
      recordType = v;
      return this;
    }

    Ep SetIdentifier(String v) {
      setIdentifier = v;
      return this;
    }

    Ep RecordTTL(long v) {
      ttl = v;
      return this;
    }

    Ep Labels(Map<String, String> v) {
      labels = new TreeMap<>(v);
      return this;
    }

    Ep ProviderSpecific(Map<String, String> v) {
      providerSpecific = new TreeMap<>(v);
      return this;
    }

    Ep WithSetIdentifier(String v) {
      return SetIdentifier(v);
    }

    Ep WithProviderSpecific(String name, String value) {
      providerSpecific.put(name, value);
      return this;
    }

    Ep WithAliasProperty(String value) {
      return WithProviderSpecific("alias", value);
    }

    String label(String key) {
      return labels.getOrDefault(key, "");
    }

    /**
     * The dnsplane endpoint: the owner and resource labels as dnsplane keeps them (an empty owner
     * is no owner), ExternalDNS's other labels dropped (nothing reads them).
     */
    Endpoint endpoint() {
      Map<String, String> kept = new TreeMap<>();
      if (!label(OWNER).isEmpty()) {
        kept.put(OWNER, label(OWNER));
        kept.put(RESOURCE, label(RESOURCE));
      }
      return new Endpoint(dnsName, recordType, targets, ttl, setIdentifier, kept, providerSpecific);
    }

    @Override
    public String toString() {
      return dnsName + " " + recordType + " " + targets + " set=" + setIdentifier + " " + labels + " " + providerSpecific;
    }
  }

  static Ep ep() {
    return new Ep();
  }

  static List<Ep> eps(Ep... endpoints) {
    return new ArrayList<>(Arrays.asList(endpoints));
  }

  static Map<String, String> labels(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  static Ep NewEndpoint(String dnsName, String recordType, String... targets) {
    return ep().DNSName(dnsName).RecordType(recordType).Targets(List.of(targets));
  }

  static Ep newEndpointWithOwner(String dnsName, String target, String recordType, String ownerId) {
    return newEndpointWithOwnerAndLabels(dnsName, target, recordType, ownerId, null);
  }

  static Ep newEndpointWithOwnerAndLabels(String dnsName, String target, String recordType, String ownerId,
      Map<String, String> labels) {
    Ep e = NewEndpoint(dnsName, recordType, target);
    e.labels.put(OWNER, ownerId);
    if (labels != null) {
      e.labels.putAll(labels);
    }
    return e;
  }

  static Ep newMultiTargetEndpointWithOwner(String dnsName, List<String> targets, String recordType, String ownerId) {
    Ep e = NewEndpoint(dnsName, recordType).Targets(targets);
    e.labels.put(OWNER, ownerId);
    return e;
  }

  static Ep newTXTEndpointWithOwnedRecord(String dnsName, String target, String ownedRecord) {
    return newEndpointWithOwnerAndLabels(dnsName, target, "TXT", "", labels(OWNED_RECORD, ownedRecord));
  }

  static Ep newCNAMEEndpointWithOwnerResource(String dnsName, String target, String ownerId, String resource) {
    Ep e = NewEndpoint(dnsName, "CNAME", target);
    e.labels.put(OWNER, ownerId);
    e.labels.put(RESOURCE, resource);
    return e;
  }

  static List<Endpoint> endpoints(List<Ep> eps) {
    return eps.stream().map(Ep::endpoint).toList();
  }
}
