package io.dnsplane.applier.pdns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.List;

/** The part of PowerDNS's Authoritative HTTP API dnsplane uses (zones, their RRsets, PATCH), for Feign. */
@Headers({"Content-Type: application/json", "Accept: application/json"})
interface PdnsApi {
  @RequestLine("GET /api/v1/servers/{server}/zones")
  List<PdnsZone> zones(@Param("server") String server);

  @RequestLine("GET /api/v1/servers/{server}/zones/{zoneId}")
  PdnsZone zone(@Param("server") String server, @Param("zoneId") String zoneId);

  /** Every RRset in one PATCH is applied in one transaction, or none is (HTTP 422 says why). */
  @RequestLine("PATCH /api/v1/servers/{server}/zones/{zoneId}")
  void patch(@Param("server") String server, @Param("zoneId") String zoneId, Patch patch);

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PdnsZone(String id, String name, String kind, List<RRset> rrsets) {}

  /** A record set: one name and type; {@code changetype} REPLACE or DELETE only in a PATCH. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RRset(String name, String type, Long ttl, String changetype, List<Record> records) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Record(String content, boolean disabled) {}

  record Patch(List<RRset> rrsets) {}
}
