package io.dnsplane.planner;

import io.dnsplane.model.DomainFilter;
import io.dnsplane.model.RecordTypes;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * What the planner plans, in ExternalDNS's flags: record types and domain scoping. Shared by
 * {@code dnsplane planner} and {@code dnsplane plan}, so a preview scopes exactly as the planner.
 */
public final class ScopeOptions {
  @Option(names = "--managed-record-types", split = ",", defaultValue = "A,AAAA,CNAME", description = "Record types the planner manages (default: ${DEFAULT-VALUE}).")
  Set<String> managedRecordTypes;

  @Option(names = "--exclude-record-types", split = ",", description = "Record types never planned, even if managed.")
  Set<String> excludeRecordTypes = Set.of();

  @Option(names = "--domain-filter", split = ",", description = "Only plan names in these domains (repeatable).")
  List<String> domainFilter = List.of();

  @Option(names = "--exclude-domains", split = ",", description = "Never plan names in these domains (repeatable).")
  List<String> excludeDomains = List.of();

  @Option(names = "--regex-domain-filter", description = "Only plan names matching this regular expression.")
  String regexDomainFilter;

  @Option(names = "--regex-domain-exclusion", description = "Never plan names matching this regular expression.")
  String regexDomainExclusion;

  public Set<String> managedRecordTypes() {
    return managedRecordTypes;
  }

  public Set<String> excludeRecordTypes() {
    return excludeRecordTypes;
  }

  public Set<String> plannedRecordTypes() {
    return RecordTypes.planned(managedRecordTypes, excludeRecordTypes);
  }

  public DomainFilter domainFilter() {
    return DomainFilter.of(domainFilter, excludeDomains, regexDomainFilter, regexDomainExclusion);
  }
}
