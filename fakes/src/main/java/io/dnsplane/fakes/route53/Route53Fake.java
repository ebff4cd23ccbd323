package io.dnsplane.fakes.route53;

import static io.dnsplane.fakes.route53.Xml.child;
import static io.dnsplane.fakes.route53.Xml.children;
import static io.dnsplane.fakes.route53.Xml.esc;
import static io.dnsplane.fakes.route53.Xml.parse;
import static io.dnsplane.fakes.route53.Xml.serialize;
import static io.dnsplane.fakes.route53.Xml.text;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dnsplane.fakes.FakeApi;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.w3c.dom.Element;

/**
 * A local Route53, written from the Route53 API reference (2013-04-01), that the real AWS SDK talks
 * to over HTTP. It reproduces: the REST paths and XML shapes of ListHostedZones (paginated by
 * marker), ListTagsForResource, ListResourceRecordSets (at most 300 per page, sorted by reversed
 * labels, continued by NextRecordName/Type/Identifier) and ChangeResourceRecordSets; errors as
 * ErrorResponse documents with Type, Code and Message; a change
 * batch applied all or nothing; InvalidChangeBatch for creating what exists, deleting what is
 * missing or differs, names outside the zone, a CNAME beside other records, bad IPv4/IPv6 values,
 * unquoted TXT values, one record set changed twice, and the limits (1000 changes, 32000
 * characters, 1000 values, UPSERT counting twice); Throttling ("Rate exceeded") over a per-account
 * request rate; requests without a SigV4 Authorization header are refused. Not reproduced: change
 * propagation (every change is INSYNC at once), health checks, traffic policies, DNSSEC.
 */
public final class Route53Fake extends FakeApi {
  private final java.util.Set<String> accessKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicInteger zoneListings = new java.util.concurrent.atomic.AtomicInteger();
  static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

  private final Map<String, HostedZone> zones = new LinkedHashMap<>();
  private final AtomicInteger changeIds = new AtomicInteger();
  private final AtomicInteger zoneIds = new AtomicInteger();
  private final AccountRate accountRate = new AccountRate();
  private final RequestFaults faults = new RequestFaults();
  private final ChangeFaults changeFaults = new ChangeFaults();
  /** Told of every change batch applied (the benchmark times changes by it); none by default. */
  private volatile AppliedChange.Listener appliedListener = (received, changes) -> { };
  /** How often each change was applied: "CREATE app.example.com A" to a count. */
  private final Map<String, Integer> applied = new java.util.HashMap<>();

  private Route53Fake() {
    super("/");
  }

  public static Route53Fake start() {
    return new Route53Fake();
  }

  @Override
  protected HttpHandler handler() {
    return this::handle;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Adds a hosted zone with its SOA and NS record sets, as CreateHostedZone does; returns its id. */
  public synchronized String addZone(String name, boolean privateZone, Map<String, String> tags) {
    String id = "Z" + String.format("%013d", zoneIds.incrementAndGet());
    String fqdn = name.endsWith(".") ? name : name + ".";
    HostedZone zone = new HostedZone(id, fqdn, privateZone, tags);
    zone.sets.put(HostedZone.key(fqdn, "SOA", ""), HostedZone.recordSet(fqdn, "SOA", 900, "ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"));
    zone.sets.put(HostedZone.key(fqdn, "NS", ""), HostedZone.recordSet(fqdn, "NS", 172800, "ns-1.awsdns-01.org."));
    zones.put(id, zone);
    return id;
  }

  /** Adds a record set directly, as another tool or a person would. */
  public synchronized void putRecord(String zoneId, String name, String type, long ttl, String... values) {
    String fqdn = HostedZone.fqdn(name);
    zones.get(zoneId).sets.put(HostedZone.key(fqdn, type, ""), HostedZone.recordSet(fqdn, type, ttl, values));
  }

  /** The values of a record set, or an empty list. */
  public synchronized List<String> values(String zoneId, String name, String type) {
    Element set = zones.get(zoneId).sets.get(HostedZone.key(HostedZone.fqdn(name), type, ""));
    return set == null ? List.of() : Route53ChangeRules.values(set);
  }


  /**
   * Every record set of the zone named {@code zoneName}, as "name TYPE" (set identifier appended
   * when there is one) to its values: the tests' own view, read without a request, so the faults
   * they inject do not touch it.
   */
  public synchronized Map<String, List<String>> snapshot(String zoneName) {
    String fqdn = zoneName.endsWith(".") ? zoneName : zoneName + ".";
    Map<String, List<String>> out = new java.util.TreeMap<>();
    zones.values().stream().filter(z -> z.name.equals(fqdn)).forEach(z -> z.sets.values().forEach(set -> {
      String id = text(set, "SetIdentifier");
      String name = unrooted(text(set, "Name")).replace("\\052", "*");
      out.put(name + " " + text(set, "Type") + (id == null || id.isEmpty() ? "" : " " + id), Route53ChangeRules.values(set));
    }));
    return out;
  }

  public synchronized int recordSetCount(String zoneId) {
    return zones.get(zoneId).sets.size();
  }

  /** The access key ids requests were signed with (from their SigV4 Credential scope). */
  public java.util.Set<String> accessKeys() {
    return java.util.Set.copyOf(accessKeys);
  }

  /** Whole-zone listings begun (ListResourceRecordSets without a start name), not counting reads of single names. */
  public int zoneListings() {
    return zoneListings.get();
  }

  /** Requests per second the account allows; beyond it requests get Throttling. 0: no limit. */
  public void rateLimit(double perSecond) {
    accountRate.set(perSecond);
  }

  /** The next {@code n} requests get Throttling. */
  public void throttleNext(int n) {
    failNext(n, 400, "Throttling");
  }

  /** The next {@code n} requests fail with this status and error code (PriorRequestNotComplete, InternalError...). */
  public void failNext(int n, int status, String code) {
    faults.failNext(n, status, code);
  }

  /**
   * Every ChangeResourceRecordSets that changes a record set named {@code name} is refused as an
   * InvalidChangeBatch with {@code message} (a limit or a rule this fake does not model), until
   * {@link #stopRefusing()}: a call that merges it with other changes is refused whole, as Route53 does.
   */
  public void refuseChangesOf(String name, String message) {
    changeFaults.refuse(HostedZone.fqdn(name), message);
  }

  public void stopRefusing() {
    changeFaults.stopRefusing();
  }

  /** The next {@code n} requests get no answer: the connection is closed on them, as by a crashed endpoint. */
  public void dropNext(int n) {
    faults.dropNext(n);
  }

  /** Every request is answered only after {@code delay} (a slow API); zero for no delay. */
  public void slowDown(java.time.Duration delay) {
    faults.slowDown(delay);
  }

  /** How many accepted change batches held this change (action CREATE, UPSERT or DELETE) of the record set. */
  public synchronized int timesApplied(String action, String name, String type) {
    return applied.getOrDefault(action + " " + unrooted(name) + " " + type, 0);
  }

  private static String unrooted(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /**
   * The next ChangeResourceRecordSets that changes a record set named {@code name} is applied and
   * then not answered until {@code release} counts down: a client killed meanwhile has changed the
   * zone without knowing it. {@code applied} counts down once the change is in.
   */
  public void holdNextChangeOf(String name, CountDownLatch applied, CountDownLatch release) {
    changeFaults.holdNext(HostedZone.fqdn(name), applied, release);
  }

  public void onApplied(AppliedChange.Listener listener) {
    appliedListener = listener == null ? (received, changes) -> { } : listener;
  }

  private void handle(HttpExchange ex) throws IOException {
    Instant received = Instant.now();
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      String operation = operation(ex.getRequestMethod(), path);
      count(operation);
      if (operation.equals("ListResourceRecordSets") && !query.containsKey("name")) {
        zoneListings.incrementAndGet();
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth != null && auth.contains("Credential=")) {
        String credential = auth.substring(auth.indexOf("Credential=") + "Credential=".length());
        accessKeys.add(credential.substring(0, Math.max(0, credential.indexOf('/'))));
      }
      if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 ")) {
        error(ex, 403, "Sender", "MissingAuthenticationToken", "Missing Authentication Token");
        return;
      }
      if (faults.drop()) {
        return; // nothing answered: closing the exchange unanswered drops the connection
      }
      faults.delay();
      java.util.Optional<RequestFaults.Error> fault = faults.error();
      if (fault.isPresent()) {
        error(ex, fault.get().status(), fault.get().type(), fault.get().code(), fault.get().message());
        return;
      }
      if (!accountRate.take()) {
        error(ex, 400, "Sender", "Throttling", "Rate exceeded");
        return;
      }
      String[] parts = path.split("/");
      switch (operation) {
        case "ListHostedZones" -> listZones(ex, query);
        case "ListTagsForResource" -> listTags(ex, parts[4]);
        case "ListResourceRecordSets" -> listRecords(ex, parts[3], query);
        case "ChangeResourceRecordSets" -> change(ex, parts[3], ex.getRequestBody().readAllBytes(), received);
        case "GetChange" -> respond(ex, 200, "<GetChangeResponse xmlns=\"" + NS + "\"><ChangeInfo><Id>/change/" + parts[3]
            + "</Id><Status>INSYNC</Status><SubmittedAt>" + Instant.now() + "</SubmittedAt></ChangeInfo></GetChangeResponse>");
        default -> error(ex, 404, "Sender", "UnknownOperation", "no such operation: " + ex.getRequestMethod() + " " + path);
      }
    } catch (RuntimeException e) {
      error(ex, 500, "Receiver", "InternalError", String.valueOf(e.getMessage()));
    }
  }

  private static String operation(String method, String path) {
    if (path.matches("/2013-04-01/hostedzone/?") && method.equals("GET")) {
      return "ListHostedZones";
    }
    if (path.matches("/2013-04-01/tags/hostedzone/[^/]+") && method.equals("GET")) {
      return "ListTagsForResource";
    }
    if (path.matches("/2013-04-01/hostedzone/[^/]+/rrset/?")) {
      return method.equals("POST") ? "ChangeResourceRecordSets" : "ListResourceRecordSets";
    }
    if (path.matches("/2013-04-01/change/[^/]+")) {
      return "GetChange";
    }
    return method + " " + path;
  }

  private void listZones(HttpExchange ex, Map<String, String> query) throws IOException {
    int max = Math.min(100, Integer.parseInt(query.getOrDefault("maxitems", "100")));
    List<HostedZone> all;
    synchronized (this) {
      all = new ArrayList<>(zones.values());
    }
    int start = 0;
    if (query.containsKey("marker")) {
      String marker = query.get("marker");
      while (start < all.size() && !all.get(start).id.equals(marker)) {
        start++;
      }
    }
    int end = Math.min(all.size(), start + max);
    StringBuilder xml = new StringBuilder("<ListHostedZonesResponse xmlns=\"" + NS + "\"><HostedZones>");
    for (HostedZone z : all.subList(start, end)) {
      xml.append("<HostedZone><Id>/hostedzone/").append(z.id).append("</Id><Name>").append(esc(z.name))
          .append("</Name><CallerReference>").append(z.id).append("</CallerReference><Config><PrivateZone>")
          .append(z.privateZone).append("</PrivateZone></Config><ResourceRecordSetCount>").append(z.sets.size())
          .append("</ResourceRecordSetCount></HostedZone>");
    }
    xml.append("</HostedZones><IsTruncated>").append(end < all.size()).append("</IsTruncated>");
    if (end < all.size()) {
      xml.append("<NextMarker>").append(all.get(end).id).append("</NextMarker>");
    }
    xml.append("<MaxItems>").append(max).append("</MaxItems></ListHostedZonesResponse>");
    respond(ex, 200, xml.toString());
  }

  private void listTags(HttpExchange ex, String zoneId) throws IOException {
    HostedZone zone = zone(ex, zoneId);
    if (zone == null) {
      return;
    }
    StringBuilder xml = new StringBuilder("<ListTagsForResourceResponse xmlns=\"" + NS + "\"><ResourceTagSet>"
        + "<ResourceType>hostedzone</ResourceType><ResourceId>" + zoneId + "</ResourceId><Tags>");
    zone.tags.forEach((k, v) -> xml.append("<Tag><Key>").append(esc(k)).append("</Key><Value>").append(esc(v))
        .append("</Value></Tag>"));
    respond(ex, 200, xml.append("</Tags></ResourceTagSet></ListTagsForResourceResponse>").toString());
  }

  private void listRecords(HttpExchange ex, String zoneId, Map<String, String> query) throws IOException {
    HostedZone zone = zone(ex, zoneId);
    if (zone == null) {
      return;
    }
    int max = Math.min(300, Integer.parseInt(query.getOrDefault("maxitems", "300")));
    // The record sets are DOM elements, which no two threads may read at once (a test's snapshot,
    // another listing): the page is written under the lock that guards the zone.
    String page;
    synchronized (this) {
      page = page(new ArrayList<>(zone.sets.entrySet()), query, max);
    }
    respond(ex, 200, page);
  }

  private static String page(List<Map.Entry<String, Element>> all, Map<String, String> query, int max) {
    int start = 0;
    if (query.containsKey("name")) {
      String from = HostedZone.key(HostedZone.fqdn(query.get("name")), query.getOrDefault("type", ""), query.getOrDefault("identifier", ""));
      while (start < all.size() && all.get(start).getKey().compareTo(from) < 0) {
        start++;
      }
    }
    int end = Math.min(all.size(), start + max);
    StringBuilder xml = new StringBuilder("<ListResourceRecordSetsResponse xmlns=\"" + NS + "\"><ResourceRecordSets>");
    for (Map.Entry<String, Element> e : all.subList(start, end)) {
      xml.append(serialize(e.getValue()));
    }
    xml.append("</ResourceRecordSets><IsTruncated>").append(end < all.size()).append("</IsTruncated>");
    if (end < all.size()) {
      Element next = all.get(end).getValue();
      xml.append("<NextRecordName>").append(esc(text(next, "Name"))).append("</NextRecordName><NextRecordType>")
          .append(text(next, "Type")).append("</NextRecordType>");
      if (text(next, "SetIdentifier") != null) {
        xml.append("<NextRecordIdentifier>").append(esc(text(next, "SetIdentifier"))).append("</NextRecordIdentifier>");
      }
    }
    xml.append("<MaxItems>").append(max).append("</MaxItems></ListResourceRecordSetsResponse>");
    return xml.toString();
  }

  private void change(HttpExchange ex, String zoneId, byte[] body, Instant received) throws IOException {
    HostedZone zone = zone(ex, zoneId);
    if (zone == null) {
      return;
    }
    Element batch = child(parse(body).getDocumentElement(), "ChangeBatch");
    List<Element> changes = children(child(batch, "Changes"), "Change");
    List<String> problems;
    List<AppliedChange> done = new ArrayList<>();
    String changeId = "C" + String.format("%012d", changeIds.incrementAndGet());
    java.util.Set<String> names = new java.util.HashSet<>();
    changes.forEach(c -> names.add(HostedZone.fqdn(text(child(c, "ResourceRecordSet"), "Name"))));
    synchronized (this) {
      problems = changeFaults.refusal(names).map(List::of).orElseGet(() -> Route53ChangeRules.apply(zone, changes));
      if (problems.isEmpty()) {
        for (Element c : changes) {
          Element set = child(c, "ResourceRecordSet");
          String name = unrooted(HostedZone.fqdn(text(set, "Name")));
          applied.merge(text(c, "Action") + " " + name + " " + text(set, "Type"), 1, Integer::sum);
          done.add(new AppliedChange(text(c, "Action"), name, text(set, "Type"), Route53ChangeRules.values(set)));
        }
      }
    }
    if (!problems.isEmpty()) {
      // Route53 answers with the standard error shape, the messages joined in brackets (it used to
      // send an <InvalidChangeBatch> document; aws-sdk-kotlin#1435 records the change).
      error(ex, 400, "Sender", "InvalidChangeBatch", "[" + String.join(", ", problems) + "]");
      return;
    }
    appliedListener.applied(received, done);
    changeFaults.afterApplied(names);
    respond(ex, 200, "<ChangeResourceRecordSetsResponse xmlns=\"" + NS + "\"><ChangeInfo><Id>/change/" + changeId
        + "</Id><Status>PENDING</Status><SubmittedAt>" + Instant.now() + "</SubmittedAt></ChangeInfo>"
        + "</ChangeResourceRecordSetsResponse>");
  }

  private HostedZone zone(HttpExchange ex, String zoneId) throws IOException {
    HostedZone zone;
    synchronized (this) {
      zone = zones.get(zoneId);
    }
    if (zone == null) {
      error(ex, 404, "Sender", "NoSuchHostedZone", "No hosted zone found with ID: " + zoneId);
    }
    return zone;
  }

  private static void error(HttpExchange ex, int status, String type, String code, String message) throws IOException {
    respond(ex, status, "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>" + type + "</Type><Code>" + code
        + "</Code><Message>" + esc(message) + "</Message></Error><RequestId>fake</RequestId></ErrorResponse>");
  }

  private static void respond(HttpExchange ex, int status, String xml) throws IOException {
    ex.getResponseHeaders().set("x-amzn-RequestId", "fake");
    send(ex, status, "text/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    changeFaults.releaseAll();
    super.close();
  }
}
