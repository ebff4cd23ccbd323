package io.dnsplane.planner.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dnsplane.avro.Endpoint;
import java.util.List;

/** The JSON shapes the audit commands print (one object per line). */
public final class AuditJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private AuditJson() {}

  public static ObjectNode endpoint(Endpoint e) {
    ObjectNode n = MAPPER.createObjectNode().put("dnsName", e.getDnsName()).put("recordType", e.getRecordType())
        .put("ttl", e.getRecordTTL());
    e.getTargets().forEach(n.putArray("targets")::add);
    if (!e.getSetIdentifier().isEmpty()) {
      n.put("setIdentifier", e.getSetIdentifier());
    }
    return n;
  }

  public static ArrayNode endpoints(List<Endpoint> endpoints) {
    ArrayNode array = MAPPER.createArrayNode();
    endpoints.forEach(e -> array.add(endpoint(e)));
    return array;
  }
}
