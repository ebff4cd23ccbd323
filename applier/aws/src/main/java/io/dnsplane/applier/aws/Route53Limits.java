package io.dnsplane.applier.aws;

import java.util.List;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * ChangeResourceRecordSets limits (Route53 quotas): at most 1000 changes, 32000 characters of
 * values and 1000 values per request, where an UPSERT counts twice. Configurable as ExternalDNS's
 * --aws-batch-change-size, --aws-batch-change-size-bytes and --aws-batch-change-size-values.
 */
record Route53Limits(int changes, int characters, int values) {
  static final Route53Limits AWS = new Route53Limits(1000, 32000, 1000);

  Route53Limits {
    if (changes < 1 || characters < 1 || values < 1) {
      throw new IllegalArgumentException("Route53 batch limits must be positive: " + changes + ", " + characters + ", " + values);
    }
  }

  boolean fits(List<Change> batch) {
    int count = 0;
    int chars = 0;
    int vals = 0;
    for (Change change : batch) {
      int weight = change.action() == ChangeAction.UPSERT ? 2 : 1;
      ResourceRecordSet set = change.resourceRecordSet();
      count += weight;
      if (set.aliasTarget() != null) {
        chars += weight * set.aliasTarget().dnsName().length();
        vals += weight;
      } else {
        for (ResourceRecord r : set.resourceRecords()) {
          chars += weight * r.value().length();
          vals += weight;
        }
      }
    }
    return count <= changes && chars <= characters && vals <= values;
  }
}
