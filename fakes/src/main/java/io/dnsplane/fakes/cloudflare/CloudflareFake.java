package io.dnsplane.fakes.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dnsplane.fakes.FakeApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A local Cloudflare v4 API, written from Cloudflare's API reference, that the real Feign client
 * talks to over HTTP. It reproduces: the JSON envelope (success, errors with code and message,
 * messages, result, result_info); bearer-token authentication (10000 "Authentication error");
 * zones and dns_records listing paginated by page/per_page (dns_records at most 5000 per page,
 * filtered by exact name);
 * one record per target; create, PATCH and DELETE by record id; the batch endpoint running deletes,
 * patches, puts and posts in that order in one transaction; 81058 for an identical record, 81053
 * for a CNAME beside other records at a name, 81044 for an unknown record id, 9005/9007 for bad
 * content, 9000-series for names outside the zone; proxied records forced to TTL 1; and 429 with
 * Retry-After beyond a request budget (1,200 per 5 minutes by default). Not reproduced: SRV/CAA
 * data objects, record comments' length limits, zone activation.
 */
public final class CloudflareFake extends FakeApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token;
  private final Map<String, FakeZone> zones = new LinkedHashMap<>();
  private final List<Long> requestTimes = new ArrayList<>();
  private volatile int limit = 1200;
  private volatile long windowMillis = 300_000;
  private volatile int failNext;
  private volatile int failStatus;

  static final class FakeZone {
    final String id;
    final String name;
    final Map<String, ObjectNode> records = new LinkedHashMap<>();

    FakeZone(String id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  private CloudflareFake(String token) {
    super("/client/v4/");
    this.token = token;
  }

  /** A Cloudflare API that accepts this bearer token. */
  public static CloudflareFake start(String token) {
    return new CloudflareFake(token);
  }

  @Override
  protected HttpHandler handler() {
    return this::handle;
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + port() + "/client/v4";
  }

  public synchronized String addZone(String name) {
    String id = UUID.randomUUID().toString().replace("-", "");
    zones.put(id, new FakeZone(id, name));
    return id;
  }

  /** A record made outside dnsplane. */
  public synchronized String putRecord(String zoneId, String name, String type, String content, long ttl) {
    ObjectNode r = JSON.createObjectNode().put("name", name).put("type", type).put("content", content).put("ttl", ttl)
        .put("proxied", false);
    return insert(zones.get(zoneId), r);
  }

  /** Contents of the records at a name and type. */
  public synchronized List<String> contents(String zoneId, String name, String type) {
    return zones.get(zoneId).records.values().stream()
        .filter(r -> r.path("name").asText().equals(name) && r.path("type").asText().equals(type))
        .map(r -> r.path("content").asText()).sorted().toList();
  }

  public synchronized List<JsonNode> records(String zoneId) {
    return new ArrayList<>(zones.get(zoneId).records.values());
  }

  /** {@code requests} per {@code window}, per token; beyond it 429 with Retry-After. */
  public void rateLimit(int requests, long windowMillis) {
    this.limit = requests;
    this.windowMillis = windowMillis;
  }

  public void failNext(int n, int status) {
    this.failStatus = status;
    this.failNext = n;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath().substring("/client/v4".length());
      Map<String, String> query = query(ex.getRequestURI().getQuery());
      String[] parts = path.split("/");
      String operation = operation(method, parts);
      count(operation);
      if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        fail(ex, 403, 10000, "Authentication error");
        return;
      }
      if (failNext > 0) {
        failNext--;
        if (failStatus == 429) {
          ex.getResponseHeaders().set("Retry-After", "1");
          fail(ex, 429, 971, "Please wait and consider throttling your request speed");
        } else {
          fail(ex, failStatus, 10001, "Service unavailable");
        }
        return;
      }
      if (overBudget()) {
        ex.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, windowMillis / 1000)));
        fail(ex, 429, 971, "Please wait and consider throttling your request speed");
        return;
      }
      JsonNode body = method.equals("POST") || method.equals("PATCH") || method.equals("PUT")
          ? JSON.readTree(ex.getRequestBody()) : null;
      synchronized (this) {
        FakeZone zone = parts.length > 2 ? zones.get(parts[2]) : null;
        if (parts.length > 2 && zone == null) {
          fail(ex, 404, 7003, "Could not route to /zones/" + parts[2] + ", perhaps your object identifier is invalid?");
          return;
        }
        switch (operation) {
          case "ListZones" -> page(ex, zones.values().stream().map(z -> (JsonNode) JSON.createObjectNode()
              .put("id", z.id).put("name", z.name).put("status", "active")).toList(), query, 50);
          case "ListRecords" -> page(ex, zone.records.values().stream()
              .filter(r -> !query.containsKey("name") || r.path("name").asText().equals(query.get("name")))
              .map(r -> (JsonNode) r).toList(), query, 5000);
          case "Batch" -> batch(ex, zone, body);
          case "CreateRecord" -> single(ex, zone, () -> CloudflareRules.post(zone, body));
          case "PatchRecord" -> single(ex, zone, () -> CloudflareRules.patch(zone, parts[4], body));
          case "DeleteRecord" -> single(ex, zone, () -> CloudflareRules.delete(zone, parts[4]));
          default -> fail(ex, 404, 7000, "No route for that URI");
        }
      }
    } catch (RuntimeException e) {
      fail(ex, 500, 10001, String.valueOf(e.getMessage()));
    }
  }

  private static String operation(String method, String[] parts) {
    if (parts.length == 2 && parts[1].equals("zones")) {
      return "ListZones";
    }
    if (parts.length == 4 && parts[3].equals("dns_records")) {
      return method.equals("GET") ? "ListRecords" : "CreateRecord";
    }
    if (parts.length == 5 && parts[4].equals("batch") && method.equals("POST")) {
      return "Batch";
    }
    if (parts.length == 5) {
      return method.equals("PATCH") ? "PatchRecord" : method.equals("DELETE") ? "DeleteRecord" : method + " record";
    }
    return method + " " + String.join("/", parts);
  }

  private synchronized boolean overBudget() {
    long now = System.currentTimeMillis();
    requestTimes.removeIf(t -> t < now - windowMillis);
    if (requestTimes.size() >= limit) {
      return true;
    }
    requestTimes.add(now);
    return false;
  }

  private void batch(HttpExchange ex, FakeZone zone, JsonNode body) throws IOException {
    Map<String, ObjectNode> before = new LinkedHashMap<>();
    zone.records.forEach((id, r) -> before.put(id, r.deepCopy()));
    ObjectNode result = JSON.createObjectNode();
    try {
      ArrayNode deletes = result.putArray("deletes");
      for (JsonNode d : body.path("deletes")) {
        deletes.add(CloudflareRules.delete(zone, d.path("id").asText()));
      }
      ArrayNode patches = result.putArray("patches");
      for (JsonNode p : body.path("patches")) {
        patches.add(CloudflareRules.patch(zone, p.path("id").asText(), p));
      }
      ArrayNode puts = result.putArray("puts");
      for (JsonNode p : body.path("puts")) {
        puts.add(CloudflareRules.patch(zone, p.path("id").asText(), p));
      }
      ArrayNode posts = result.putArray("posts");
      for (JsonNode p : body.path("posts")) {
        posts.add(CloudflareRules.post(zone, p));
      }
    } catch (CloudflareRules.Refused e) {
      // Transactional: nothing of the batch stays.
      zone.records.clear();
      zone.records.putAll(before);
      fail(ex, 400, e.code, e.getMessage());
      return;
    }
    ok(ex, result, null);
  }

  private interface Change {
    JsonNode run();
  }

  private void single(HttpExchange ex, FakeZone zone, Change change) throws IOException {
    try {
      ok(ex, change.run(), null);
    } catch (CloudflareRules.Refused e) {
      fail(ex, e.code == 81044 ? 404 : 400, e.code, e.getMessage());
    }
  }

  static String insert(FakeZone zone, ObjectNode record) {
    String id = UUID.randomUUID().toString().replace("-", "");
    record.put("id", id).put("zone_id", zone.id).put("zone_name", zone.name);
    zone.records.put(id, record);
    return id;
  }

  private void page(HttpExchange ex, List<JsonNode> all, Map<String, String> query, int maxPerPage) throws IOException {
    int perPage = Math.min(maxPerPage, Integer.parseInt(query.getOrDefault("per_page", "20")));
    int page = Math.max(1, Integer.parseInt(query.getOrDefault("page", "1")));
    int from = Math.min(all.size(), (page - 1) * perPage);
    int to = Math.min(all.size(), from + perPage);
    ArrayNode result = JSON.createArrayNode();
    all.subList(from, to).forEach(result::add);
    ObjectNode info = JSON.createObjectNode().put("page", page).put("per_page", perPage).put("count", to - from)
        .put("total_count", all.size()).put("total_pages", Math.max(1, (all.size() + perPage - 1) / perPage));
    ok(ex, result, info);
  }

  private static void ok(HttpExchange ex, JsonNode result, JsonNode info) throws IOException {
    ObjectNode envelope = JSON.createObjectNode().put("success", true);
    envelope.putArray("errors");
    envelope.putArray("messages");
    envelope.set("result", result);
    if (info != null) {
      envelope.set("result_info", info);
    }
    respond(ex, 200, envelope);
  }

  private static void fail(HttpExchange ex, int status, int code, String message) throws IOException {
    ObjectNode envelope = JSON.createObjectNode().put("success", false);
    envelope.putArray("errors").addObject().put("code", code).put("message", message);
    envelope.putArray("messages");
    envelope.putNull("result");
    respond(ex, status, envelope);
  }

  private static void respond(HttpExchange ex, int status, JsonNode body) throws IOException {
    send(ex, status, "application/json", JSON.writeValueAsBytes(body));
  }

}
