package io.dnsplane.model;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * ExternalDNS's domain flags, one declaration for the watcher, the planner, {@code plan} and every
 * applier (a picocli mixin), so a value means the same everywhere: each flag is repeatable and takes
 * a comma list.
 */
public final class DomainFilterOptions {
  @Option(names = "--domain-filter", split = ",", description = "Only names in these domains, or below them"
      + " (ExternalDNS's flag; repeatable, comma list).")
  List<String> domainFilter = new ArrayList<>();

  @Option(names = "--exclude-domains", split = ",", description = "Never names in these domains (ExternalDNS's flag;"
      + " repeatable, comma list).")
  List<String> excludeDomains = new ArrayList<>();

  @Option(names = "--regex-domain-filter", defaultValue = "", description = "Only names matching this regular"
      + " expression; replaces --domain-filter (ExternalDNS's flag).")
  String regexDomainFilter;

  @Option(names = "--regex-domain-exclusion", defaultValue = "", description = "Never names matching this regular"
      + " expression (ExternalDNS's flag).")
  String regexDomainExclusion;

  public DomainFilter domainFilter() {
    return DomainFilter.of(domainFilter, excludeDomains, regexDomainFilter, regexDomainExclusion);
  }
}
