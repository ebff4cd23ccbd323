package io.dnsplane.applier.aws;

import io.dnsplane.model.ProviderProperties;
import io.dnsplane.model.AwsCanonicalZones;
import io.dnsplane.model.Changes;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.GeoLocation;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Endpoint <-> Route53 record set, with ExternalDNS's provider-specific names (alias,
 * aws/evaluate-target-health, aws/weight, aws/region, aws/failover, aws/geolocation-*,
 * aws/health-check-id, aws/multi-value-answer). Alias record sets are listed as ExternalDNS lists
 * them (A or AAAA, alias=true, their target health); the planner turns CNAMEs into them the way
 * ExternalDNS's AdjustEndpoints does, so desire and listing compare equal and ExternalDNS's
 * a-/aaaa- ownership records keep working.
 */
final class Route53Records {
  static final String ALIAS = ProviderProperties.ALIAS;
  static final String EVALUATE_TARGET_HEALTH = ProviderProperties.AWS_EVALUATE_TARGET_HEALTH;
  static final String WEIGHT = ProviderProperties.AWS_WEIGHT;
  static final String REGION = "aws/region";
  static final String FAILOVER = "aws/failover";
  static final String CONTINENT = "aws/geolocation-continent-code";
  static final String COUNTRY = "aws/geolocation-country-code";
  static final String SUBDIVISION = "aws/geolocation-subdivision-code";
  static final String HEALTH_CHECK = "aws/health-check-id";
  static final String MULTI_VALUE = "aws/multi-value-answer";
  /** ExternalDNS's aws-target-hosted-zone annotation: the hosted zone of an alias's target, when not its own. */
  static final String TARGET_HOSTED_ZONE = "aws/target-hosted-zone";
  /** ExternalDNS's placeholder for an alias to a record of the same zone, while the zone is not known. */
  private static final String SAME_ZONE = "same-zone";
  /** Properties that choose a routing policy: changing one needs DELETE and CREATE, not UPSERT. */
  private static final List<String> ROUTING = List.of(WEIGHT, REGION, FAILOVER, CONTINENT, COUNTRY, SUBDIVISION,
      MULTI_VALUE);
  static final long DEFAULT_TTL = 300;

  private final boolean evaluateTargetHealth;

  Route53Records(boolean evaluateTargetHealth) {
    this.evaluateTargetHealth = evaluateTargetHealth;
  }

  /** As below, for a zone whose name is not known. */
  Optional<Endpoint> toEndpoint(ResourceRecordSet set) {
    return toEndpoint(set, "");
  }

  /**
   * A listed record set as an endpoint; empty for types dnsplane does not manage (SOA, NS at the
   * apex...). An alias to a zone other than its target's canonical one and its own ({@code zoneName})
   * says so ({@link #TARGET_HOSTED_ZONE}), as its desire does.
   */
  Optional<Endpoint> toEndpoint(ResourceRecordSet set, String zoneName) {
    String type = set.typeAsString();
    Map<String, String> specific = new TreeMap<>();
    List<String> targets = new ArrayList<>();
    long ttl = set.ttl() == null ? DEFAULT_TTL : set.ttl();
    if (set.aliasTarget() != null) {
      // As ExternalDNS lists them: the record set's own type, alias=true and its target health.
      targets.add(DnsNames.normalizeTarget(set.aliasTarget().dnsName()));
      specific.put(ALIAS, "true");
      specific.put(EVALUATE_TARGET_HEALTH, Boolean.toString(set.aliasTarget().evaluateTargetHealth()));
      String target = DnsNames.normalizeTarget(set.aliasTarget().dnsName());
      boolean canonical = AwsCanonicalZones.of(target).map(z -> z.equals(set.aliasTarget().hostedZoneId())).orElse(false);
      boolean sameZone = !zoneName.isEmpty() && DnsNames.isInZone(target, zoneName);
      if (!canonical && !sameZone && set.aliasTarget().hostedZoneId() != null) {
        specific.put(TARGET_HOSTED_ZONE, set.aliasTarget().hostedZoneId());
      }
    } else {
      set.resourceRecords().forEach(r -> targets.add(r.value()));
    }
    if (type.equals("SOA") || type.equals("NS")) {
      return Optional.empty();
    }
    String setIdentifier = set.setIdentifier() == null ? "" : set.setIdentifier();
    if (set.weight() != null) {
      specific.put(WEIGHT, Long.toString(set.weight()));
    }
    if (set.regionAsString() != null) {
      specific.put(REGION, set.regionAsString());
    }
    if (set.failoverAsString() != null) {
      specific.put(FAILOVER, set.failoverAsString());
    }
    if (Boolean.TRUE.equals(set.multiValueAnswer())) {
      specific.put(MULTI_VALUE, "");
    }
    GeoLocation geo = set.geoLocation();
    if (geo != null) {
      putIfPresent(specific, CONTINENT, geo.continentCode());
      putIfPresent(specific, COUNTRY, geo.countryCode());
      putIfPresent(specific, SUBDIVISION, geo.subdivisionCode());
    }
    putIfPresent(specific, HEALTH_CHECK, set.healthCheckId());
    return Optional.of(new Endpoint(unescape(set.name()), type, targets, ttl, setIdentifier, Map.of(), specific));
  }

  /** The record set an endpoint is written as, in {@code zone} (null: not known yet, for sizing a batch). */
  ResourceRecordSet toRecordSet(Endpoint e, io.dnsplane.applier.spi.Zone zone) {
    ResourceRecordSet.Builder set = ResourceRecordSet.builder().name(e.dnsName());
    Map<String, String> specific = e.providerSpecific();
    if (isAlias(e)) {
      String target = e.targets().get(0);
      set.type(e.recordType().equals("CNAME") ? "A" : e.recordType())
          .aliasTarget(AliasTarget.builder().dnsName(target).hostedZoneId(aliasZone(target, e, zone))
              .evaluateTargetHealth(Boolean.parseBoolean(specific.getOrDefault(EVALUATE_TARGET_HEALTH,
                  Boolean.toString(evaluateTargetHealth)))).build());
    } else {
      set.type(e.recordType()).ttl(e.ttl() > 0 ? e.ttl() : DEFAULT_TTL)
          .resourceRecords(e.targets().stream().map(t -> ResourceRecord.builder().value(value(e, t)).build()).toList());
    }
    if (!e.setIdentifier().isEmpty()) {
      set.setIdentifier(e.setIdentifier());
      Optional.ofNullable(specific.get(WEIGHT)).ifPresent(w -> set.weight(Long.parseLong(w.trim())));
      Optional.ofNullable(specific.get(REGION)).ifPresent(set::region);
      Optional.ofNullable(specific.get(FAILOVER)).ifPresent(set::failover);
      if (specific.containsKey(MULTI_VALUE)) {
        set.multiValueAnswer(true);
      }
      if (specific.containsKey(CONTINENT) || specific.containsKey(COUNTRY) || specific.containsKey(SUBDIVISION)) {
        set.geoLocation(GeoLocation.builder().continentCode(specific.get(CONTINENT)).countryCode(specific.get(COUNTRY))
            .subdivisionCode(specific.get(SUBDIVISION)).build());
      }
    }
    Optional.ofNullable(specific.get(HEALTH_CHECK)).ifPresent(set::healthCheckId);
    return set.build();
  }

  /**
   * A batch as Route53 changes: deletes, then updates (UPSERT, or DELETE and CREATE where UPSERT
   * cannot change the record set: type, alias, set identifier, routing policy), then creates.
   * CREATE, not UPSERT, for creates: Route53 refuses to create what exists, so a create never
   * overwrites a record set dnsplane does not know of.
   */
  List<Change> changes(Changes changes) {
    return changes(null, changes);
  }

  List<Change> changes(io.dnsplane.applier.spi.Zone zone, Changes changes) {
    List<Change> out = new ArrayList<>();
    changes.delete().forEach(e -> out.add(change(ChangeAction.DELETE, e, zone)));
    for (int i = 0; i < changes.updateNew().size(); i++) {
      Endpoint oldE = changes.updateOld().get(i);
      Endpoint newE = changes.updateNew().get(i);
      if (needsDeleteCreate(oldE, newE)) {
        out.add(change(ChangeAction.DELETE, oldE, zone));
        out.add(change(ChangeAction.CREATE, newE, zone));
      } else {
        out.add(change(ChangeAction.UPSERT, newE, zone));
      }
    }
    changes.create().forEach(e -> out.add(change(ChangeAction.CREATE, e, zone)));
    return out;
  }

  static boolean needsDeleteCreate(Endpoint oldE, Endpoint newE) {
    return !oldE.recordType().equals(newE.recordType()) || isAlias(oldE) != isAlias(newE)
        || !oldE.setIdentifier().equals(newE.setIdentifier())
        || ROUTING.stream().anyMatch(p -> oldE.providerSpecific().containsKey(p) != newE.providerSpecific().containsKey(p));
  }

  private Change change(ChangeAction action, Endpoint e, io.dnsplane.applier.spi.Zone zone) {
    return Change.builder().action(action).resourceRecordSet(toRecordSet(e, zone)).build();
  }

  static boolean isAlias(Endpoint e) {
    return ProviderProperties.isAlias(e) && !e.targets().isEmpty();
  }

  /**
   * The hosted zone of an alias's target, as ExternalDNS finds it: the aws-target-hosted-zone
   * annotation, else the canonical zone of an AWS load balancer, CloudFront or Global Accelerator
   * name, else the record's own zone when the target is a name in it; anything else is refused.
   */
  private static String aliasZone(String target, Endpoint e, io.dnsplane.applier.spi.Zone zone) {
    String explicit = e.providerSpecific().get(TARGET_HOSTED_ZONE);
    if (explicit != null && !explicit.isBlank()) {
      return explicit.trim().replaceFirst("^/hostedzone/", "");
    }
    Optional<String> canonical = AwsCanonicalZones.of(target);
    if (canonical.isPresent()) {
      return canonical.get();
    }
    if (zone == null) {
      return SAME_ZONE;
    }
    if (DnsNames.isInZone(target, zone.name())) {
      return zone.id().replaceFirst("^/hostedzone/", "");
    }
    throw new IllegalArgumentException("alias target " + target + " of " + e.dnsName() + " is not an AWS load balancer,"
        + " Global Accelerator or CloudFront name with a known hosted zone, nor a name in zone " + zone.name()
        + "; give its zone with the aws-target-hosted-zone annotation");
  }

  /** TXT values are sent as quoted strings, as Route53 requires; others as they are. */
  private static String value(Endpoint e, String target) {
    if (e.recordType().equals("TXT") && !(target.startsWith("\"") && target.endsWith("\"") && target.length() > 1)) {
      return "\"" + target.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return target;
  }

  /** Route53 returns names with a trailing dot and "*" escaped as \052. */
  static String unescape(String name) {
    return DnsNames.normalize(name.replace("\\052", "*"));
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
