package io.dnsplane.applier.cloudflare;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.List;

/** The part of Cloudflare's v4 API dnsplane uses (zones, dns_records, dns_records/batch), for Feign. */
@Headers("Content-Type: application/json")
interface CloudflareApi {
  @RequestLine("GET /zones?page={page}&per_page={perPage}")
  Envelope<List<CfZone>> zones(@Param("page") int page, @Param("perPage") int perPage);

  @RequestLine("GET /zones/{zoneId}/dns_records?page={page}&per_page={perPage}")
  Envelope<List<CfRecord>> records(@Param("zoneId") String zoneId, @Param("page") int page, @Param("perPage") int perPage);

  @RequestLine("GET /zones/{zoneId}/dns_records?name={name}&page={page}&per_page={perPage}")
  Envelope<List<CfRecord>> recordsNamed(@Param("zoneId") String zoneId, @Param("name") String name,
      @Param("page") int page, @Param("perPage") int perPage);

  /** Deletes, then patches, then puts, then posts, in one transaction: all or nothing. */
  @RequestLine("POST /zones/{zoneId}/dns_records/batch")
  Envelope<BatchResult> batch(@Param("zoneId") String zoneId, BatchRequest request);

  @RequestLine("POST /zones/{zoneId}/dns_records")
  Envelope<CfRecord> create(@Param("zoneId") String zoneId, CfRecord record);

  @RequestLine("PATCH /zones/{zoneId}/dns_records/{id}")
  Envelope<CfRecord> patch(@Param("zoneId") String zoneId, @Param("id") String id, CfRecord record);

  @RequestLine("DELETE /zones/{zoneId}/dns_records/{id}")
  Envelope<CfRecord> delete(@Param("zoneId") String zoneId, @Param("id") String id);

  /** Cloudflare's response envelope. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Envelope<T>(boolean success, List<CfError> errors, T result,
      @JsonProperty("result_info") ResultInfo resultInfo) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CfError(int code, String message) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ResultInfo(int page, @JsonProperty("per_page") int perPage, int count,
      @JsonProperty("total_count") int totalCount, @JsonProperty("total_pages") int totalPages) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CfZone(String id, String name, String status) {}

  /** One DNS record: Cloudflare keeps one per target. A ttl of 1 means "automatic". */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CfRecord(String id, String name, String type, String content, Long ttl, Boolean proxied, Integer priority,
      String comment, List<String> tags) {
    CfRecord withId(String newId) {
      return new CfRecord(newId, name, type, content, ttl, proxied, priority, comment, tags);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record BatchRequest(List<IdOnly> deletes, List<CfRecord> patches, List<CfRecord> puts, List<CfRecord> posts) {}

  record IdOnly(String id) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record BatchResult(List<CfRecord> deletes, List<CfRecord> patches, List<CfRecord> puts, List<CfRecord> posts) {}
}
