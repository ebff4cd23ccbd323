package io.dnsplane.applier.aws;

import io.dnsplane.model.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.GeoLocation;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A hosted zone's record sets as {@code aws route53 list-resource-record-sets --hosted-zone-id Z
 * --output json} prints them ({@code {"ResourceRecordSets": [...]}}, or the bare array), read as
 * the Route53 applier lists a zone: alias and weighted record sets included, which a zone file
 * cannot hold. For {@code dnsplane plan} and for seeding local mode's Route53. JSON through the
 * AWS SDK's own parser (json-utils), members as the API names them.
 */
public final class Route53Listing {
  private Route53Listing() {}

  /** The record sets in the file; an error names the file and what is wrong. */
  public static List<ResourceRecordSet> read(Path file) throws IOException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = JsonNode.parser().parse(in);
    } catch (RuntimeException e) {
      throw new IOException(file + ": not JSON: " + e.getMessage(), e);
    }
    JsonNode sets = root.isObject() ? root.field("ResourceRecordSets").orElse(null) : root;
    if (sets == null || !sets.isArray()) {
      throw new IOException(file + ": wants {\"ResourceRecordSets\": [...]} as aws route53 list-resource-record-sets"
          + " --output json prints it");
    }
    List<ResourceRecordSet> out = new ArrayList<>();
    for (JsonNode set : sets.asArray()) {
      try {
        out.add(recordSet(set));
      } catch (RuntimeException e) {
        throw new IOException(file + ": record set " + out.size() + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The zone's name, from its SOA record set. */
  public static Optional<String> zoneName(List<ResourceRecordSet> sets) {
    return sets.stream().filter(s -> "SOA".equals(s.typeAsString())).map(s -> Route53Records.unescape(s.name()))
        .findFirst();
  }

  /** The endpoints the applier would list: SOA and NS left out, aliases as ExternalDNS lists them. */
  public static List<Endpoint> endpoints(List<ResourceRecordSet> sets) {
    Route53Records records = new Route53Records(true);
    String zoneName = zoneName(sets).orElse("");
    List<Endpoint> out = new ArrayList<>();
    sets.forEach(s -> records.toEndpoint(s, zoneName).ifPresent(out::add));
    return out;
  }

  /** What the Route53 applier tells the planner of its zones, for its flags' values (for an offline plan). */
  public static java.util.Set<String> capabilities(boolean evaluateTargetHealth, boolean preferCname) {
    return Route53Provider.capabilities(evaluateTargetHealth, preferCname);
  }

  private static ResourceRecordSet recordSet(JsonNode node) {
    Map<String, JsonNode> f = node.asObject();
    ResourceRecordSet.Builder set = ResourceRecordSet.builder().name(required(f, "Name")).type(required(f, "Type"));
    text(f, "TTL").map(Long::parseLong).ifPresent(set::ttl);
    text(f, "SetIdentifier").ifPresent(set::setIdentifier);
    text(f, "Weight").map(Long::parseLong).ifPresent(set::weight);
    text(f, "Region").ifPresent(set::region);
    text(f, "Failover").ifPresent(set::failover);
    text(f, "HealthCheckId").ifPresent(set::healthCheckId);
    Optional.ofNullable(f.get("MultiValueAnswer")).filter(JsonNode::isBoolean).map(JsonNode::asBoolean)
        .ifPresent(set::multiValueAnswer);
    Optional.ofNullable(f.get("GeoLocation")).map(JsonNode::asObject).ifPresent(g -> set.geoLocation(GeoLocation.builder()
        .continentCode(text(g, "ContinentCode").orElse(null)).countryCode(text(g, "CountryCode").orElse(null))
        .subdivisionCode(text(g, "SubdivisionCode").orElse(null)).build()));
    Optional.ofNullable(f.get("AliasTarget")).map(JsonNode::asObject).ifPresent(a -> set.aliasTarget(AliasTarget.builder()
        .dnsName(required(a, "DNSName")).hostedZoneId(text(a, "HostedZoneId").orElse(null))
        .evaluateTargetHealth(Optional.ofNullable(a.get("EvaluateTargetHealth")).map(JsonNode::asBoolean).orElse(false))
        .build()));
    List<ResourceRecord> values = new ArrayList<>();
    Optional.ofNullable(f.get("ResourceRecords")).map(JsonNode::asArray).ifPresent(rs -> rs.forEach(r ->
        values.add(ResourceRecord.builder().value(required(r.asObject(), "Value")).build())));
    if (values.isEmpty() && !f.containsKey("AliasTarget")) {
      throw new IllegalArgumentException(required(f, "Name") + " " + required(f, "Type")
          + " has neither ResourceRecords nor an AliasTarget");
    }
    if (!values.isEmpty()) {
      set.resourceRecords(values);
    }
    return set.build();
  }

  private static String required(Map<String, JsonNode> fields, String name) {
    return text(fields, name).orElseThrow(() -> new IllegalArgumentException("missing " + name));
  }

  private static Optional<String> text(Map<String, JsonNode> fields, String name) {
    JsonNode v = fields.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    return Optional.of(v.isNumber() ? v.asNumber() : v.asString());
  }
}
