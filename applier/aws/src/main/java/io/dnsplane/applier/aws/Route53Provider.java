package io.dnsplane.applier.aws;

import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.applier.spi.ZoneFilterOptions;
import io.dnsplane.model.Changes;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.ProviderCapabilities;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/** {@code --provider=aws}: Route53 through the AWS SDK v2. */
final class Route53Provider implements DnsProvider {
  /** A zone filter as ExternalDNS's --aws-zone-type, --zone-id-filter, --aws-zone-tags and domain filters. */
  record ZoneFilter(String zoneType, ZoneFilterOptions zones, Map<String, String> tags) {
    boolean matches(HostedZone zone) {
      boolean isPrivate = zone.config() != null && Boolean.TRUE.equals(zone.config().privateZone());
      if (zoneType.equals("public") && isPrivate || zoneType.equals("private") && !isPrivate) {
        return false;
      }
      return zones.allowsZoneId(bareId(zone.id())) && zones.domains().matches(DnsNames.normalize(zone.name()));
    }
  }

  private final Route53Client client;
  private final ZoneFilter filter;
  private final Route53Records records;
  private final Route53Limits limits;
  private final boolean evaluateTargetHealth;

  private final boolean preferCname;

  Route53Provider(Route53Client client, ZoneFilter filter, boolean evaluateTargetHealth, boolean preferCname,
      Route53Limits limits) {
    this.preferCname = preferCname;
    this.client = client;
    this.filter = filter;
    this.records = new Route53Records(evaluateTargetHealth);
    this.limits = limits;
    this.evaluateTargetHealth = evaluateTargetHealth;
  }

  @Override
  public String name() {
    return "aws";
  }

  @Override
  public Set<String> capabilities() {
    return capabilities(evaluateTargetHealth, preferCname);
  }

  /** What the planner is told of a Route53 zone, for the flags given (also for an offline plan). */
  public static Set<String> capabilities(boolean evaluateTargetHealth, boolean preferCname) {
    // The planner shapes desire as this provider lists records (ExternalDNS's AdjustEndpoints).
    Set<String> capabilities = new java.util.TreeSet<>(Set.of(ProviderCapabilities.WEIGHTED_ROUTING,
        ProviderCapabilities.ALIAS_RECORDS));
    if (evaluateTargetHealth) {
      capabilities.add(ProviderCapabilities.ALIAS_EVALUATES_TARGET_HEALTH);
    }
    if (preferCname) {
      capabilities.add(ProviderCapabilities.ALIAS_PREFER_CNAME);
    }
    return capabilities;
  }

  @Override
  public List<Zone> zones() {
    try {
      List<Zone> zones = new ArrayList<>();
      for (HostedZone zone : client.listHostedZonesPaginator().hostedZones()) {
        if (filter.matches(zone) && hasTags(zone)) {
          zones.add(new Zone(bareId(zone.id()), zone.name()));
        }
      }
      return zones;
    } catch (SdkException e) {
      throw Route53Errors.classify("listing hosted zones", e);
    }
  }

  private boolean hasTags(HostedZone zone) {
    if (filter.tags().isEmpty()) {
      return true;
    }
    Map<String, String> tags = new HashMap<>();
    for (Tag tag : client.listTagsForResource(ListTagsForResourceRequest.builder()
        .resourceType(TagResourceType.HOSTEDZONE).resourceId(bareId(zone.id())).build()).resourceTagSet().tags()) {
      tags.put(tag.key(), tag.value());
    }
    return filter.tags().entrySet().stream()
        .allMatch(t -> tags.containsKey(t.getKey()) && (t.getValue().isEmpty() || t.getValue().equals(tags.get(t.getKey()))));
  }

  @Override
  public List<Endpoint> records(Zone zone) {
    try {
      List<Endpoint> out = new ArrayList<>();
      client.listResourceRecordSetsPaginator(r -> r.hostedZoneId(zone.id()).maxItems("300")).resourceRecordSets()
          .forEach(set -> records.toEndpoint(set, zone.name()).ifPresent(out::add));
      return out;
    } catch (SdkException e) {
      throw Route53Errors.classify("listing zone " + zone.name(), e);
    }
  }

  /** One short listing per name, from the name on (Route53 keeps a name's record sets together). */
  @Override
  public List<Endpoint> recordsAt(Zone zone, Set<String> names) {
    List<Endpoint> out = new ArrayList<>();
    for (String name : new java.util.TreeSet<>(names)) {
      try {
        for (software.amazon.awssdk.services.route53.model.ResourceRecordSet set : client.listResourceRecordSetsPaginator(
            r -> r.hostedZoneId(zone.id()).startRecordName(name).maxItems("100")).resourceRecordSets()) {
          if (!Route53Records.unescape(set.name()).equals(name)) {
            break;
          }
          records.toEndpoint(set, zone.name()).ifPresent(out::add);
        }
      } catch (SdkException e) {
        throw Route53Errors.classify("reading " + name + " in zone " + zone.name(), e);
      }
    }
    return out;
  }

  @Override
  public boolean fitsOneCall(Changes changes) {
    try {
      return limits.fits(records.changes(changes));
    } catch (IllegalArgumentException e) {
      return false; // refused when applied, alone
    }
  }

  /** One ChangeResourceRecordSets call: Route53 applies all of it or none of it. */
  @Override
  public ApplyOutcome apply(Zone zone, Changes changes) {
    List<Change> batch;
    try {
      batch = records.changes(zone, changes);
    } catch (IllegalArgumentException e) {
      throw new BatchRefusedException(e.getMessage(), e);
    }
    if (batch.isEmpty()) {
      return ApplyOutcome.applied(null);
    }
    try {
      ChangeResourceRecordSetsResponse response = client.changeResourceRecordSets(r -> r.hostedZoneId(zone.id())
          .changeBatch(ChangeBatch.builder().comment("dnsplane").changes(batch).build()));
      return ApplyOutcome.applied(response.changeInfo().id());
    } catch (SdkException e) {
      throw Route53Errors.classify("changing zone " + zone.name(), e);
    }
  }

  static String bareId(String id) {
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }

  @Override
  public void close() {
    client.close();
  }
}
