package io.dnsplane.planner.plan;

import io.dnsplane.model.ProviderProperties;
import io.dnsplane.model.AwsCanonicalZones;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.RecordTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ExternalDNS's AWS AdjustEndpoints, for zones whose provider has alias records (Route53): a CNAME
 * to an AWS load balancer, CloudFront or Global Accelerator name (unless the applier prefers
 * CNAMEs), or any CNAME annotated {@code alias=true}, becomes an A and an AAAA alias record with
 * {@code aws/evaluate-target-health} (the applier's default unless annotated) and TTL 300 where one
 * was set. Records ExternalDNS created this way, and their a-/aaaa- ownership records, therefore
 * compare equal and are adopted as they are. An alias property on any other type is dropped.
 */
final class AliasRecords {
  static final String ALIAS = ProviderProperties.ALIAS;
  static final String EVALUATE_TARGET_HEALTH = ProviderProperties.AWS_EVALUATE_TARGET_HEALTH;
  static final long ALIAS_TTL = 300;
  private static final Set<String> ALIASABLE = Set.of(RecordTypes.A, RecordTypes.AAAA, RecordTypes.CNAME);

  private AliasRecords() {}

  static List<Endpoint> adjust(List<Endpoint> desired, boolean evaluateTargetHealth, boolean preferCname) {
    List<Endpoint> out = new ArrayList<>();
    for (Endpoint e : desired) {
      Map<String, String> specific = new TreeMap<>(e.providerSpecific());
      String annotated = specific.get(ALIAS);
      // ExternalDNS v0.22's alias: A or AAAA on a CNAME makes one alias of that type only.
      String onlyType = RecordTypes.CNAME.equals(e.recordType()) && ("A".equals(annotated) || "AAAA".equals(annotated))
          ? annotated : null;
      if (onlyType != null) {
        annotated = "true";
        specific.put(ALIAS, "true");
      }
      boolean alias;
      if (annotated != null) {
        alias = annotated.equals("true") && ALIASABLE.contains(e.recordType());
        if (!alias) {
          specific.remove(ALIAS);
        }
      } else {
        alias = !preferCname && RecordTypes.CNAME.equals(e.recordType()) && e.targets().size() == 1
            && AwsCanonicalZones.of(e.targets().get(0)).isPresent();
        if (alias) {
          specific.put(ALIAS, "true");
        }
      }
      if (!alias) {
        specific.remove(EVALUATE_TARGET_HEALTH);
        out.add(with(e, e.recordType(), e.ttl(), specific));
        continue;
      }
      String health = specific.get(EVALUATE_TARGET_HEALTH);
      specific.put(EVALUATE_TARGET_HEALTH, health == null ? Boolean.toString(evaluateTargetHealth)
          : Boolean.toString(health.equals("true")));
      long ttl = e.ttl() > 0 ? ALIAS_TTL : 0;
      if (onlyType != null) {
        out.add(with(e, onlyType, ttl, specific));
      } else if (RecordTypes.CNAME.equals(e.recordType())) {
        out.add(with(e, RecordTypes.A, ttl, specific));
        out.add(with(e, RecordTypes.AAAA, ttl, specific));
      } else {
        out.add(with(e, e.recordType(), ttl, specific));
      }
    }
    return out;
  }

  private static Endpoint with(Endpoint e, String type, long ttl, Map<String, String> specific) {
    return new Endpoint(e.dnsName(), type, e.targets(), ttl, e.setIdentifier(), e.labels(), specific);
  }
}
