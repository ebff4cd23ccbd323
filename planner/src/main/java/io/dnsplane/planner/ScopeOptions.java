package io.dnsplane.planner;

import io.dnsplane.model.DomainFilter;
import io.dnsplane.model.DomainFilterOptions;
import io.dnsplane.model.RecordTypes;
import java.util.Set;
import picocli.CommandLine.Mixin;
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

  @Mixin
  DomainFilterOptions domains = new DomainFilterOptions();

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
    return domains.domainFilter();
  }
}
