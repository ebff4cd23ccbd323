package io.dnsplane.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ExternalDNS's domain scoping (endpoint/domain_filter.go): --domain-filter and --exclude-domains
 * match a name equal to a domain or below it (a domain starting with '.' matches only below it);
 * --regex-domain-filter and --regex-domain-exclusion, when given, replace them. No filter matches
 * everything.
 */
public record DomainFilter(List<String> include, List<String> exclude, Optional<Pattern> regexInclude,
    Optional<Pattern> regexExclude) {

  public static final DomainFilter ALL = new DomainFilter(List.of(), List.of(), Optional.empty(), Optional.empty());

  public DomainFilter {
    include = include.stream().map(DomainFilter::normalize).filter(d -> !d.isEmpty()).toList();
    exclude = exclude.stream().map(DomainFilter::normalize).filter(d -> !d.isEmpty()).toList();
  }

  public static DomainFilter of(List<String> include, List<String> exclude, String regexInclude, String regexExclude) {
    return new DomainFilter(include, exclude, compile(regexInclude), compile(regexExclude));
  }

  private static Optional<Pattern> compile(String regex) {
    return regex == null || regex.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(regex));
  }

  private static String normalize(String domain) {
    String d = domain.trim().toLowerCase(Locale.ROOT);
    return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
  }

  public boolean matches(String dnsName) {
    if (regexInclude.isPresent() || regexExclude.isPresent()) {
      boolean in = regexInclude.map(p -> p.matcher(dnsName).find()).orElse(true);
      boolean out = regexExclude.map(p -> p.matcher(dnsName).find()).orElse(false);
      return in && !out;
    }
    boolean in = include.isEmpty() || include.stream().anyMatch(d -> within(dnsName, d));
    return in && exclude.stream().noneMatch(d -> within(dnsName, d));
  }

  private static boolean within(String name, String domain) {
    if (domain.startsWith(".")) {
      return name.endsWith(domain);
    }
    return name.equals(domain) || name.endsWith("." + domain);
  }

  @Override
  public String toString() {
    if (regexInclude.isPresent() || regexExclude.isPresent()) {
      return "regex " + regexInclude.map(Pattern::pattern).orElse("") + " excluding "
          + regexExclude.map(Pattern::pattern).orElse("");
    }
    return include + (exclude.isEmpty() ? "" : " excluding " + exclude);
  }
}
