package io.dnsplane.planner.plan;

import io.dnsplane.model.DomainFilter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyAndFilterTest {
  private static final Endpoint NEW = Endpoint.of("new.example.com", "A", 0, "192.0.2.1");
  private static final Endpoint OLD = Endpoint.of("old.example.com", "A", 0, "192.0.2.2");
  private static final Endpoint MOVED = Endpoint.of("old.example.com", "A", 0, "192.0.2.3");
  private static final Endpoint GONE = Endpoint.of("gone.example.com", "A", 0, "192.0.2.4");
  private static final Changes ALL = new Changes.Builder().create(NEW).update(OLD, MOVED).delete(GONE).build();

  record PolicyCase(String flag, Changes expected) {}

  static Stream<PolicyCase> policies() {
    return Stream.of(
        new PolicyCase("sync", ALL),
        new PolicyCase("upsert-only", new Changes.Builder().create(NEW).update(OLD, MOVED).build()),
        new PolicyCase("create-only", new Changes.Builder().create(NEW).build()));
  }

  @ParameterizedTest
  @MethodSource("policies")
  void policiesKeepWhatExternalDnsKeeps(PolicyCase c) {
    assertThat(Policy.fromFlag(c.flag()).apply(ALL)).isEqualTo(c.expected());
    assertThat(Policy.fromFlag(c.flag()).flagValue()).isEqualTo(c.flag());
  }

  @Test
  void anUnknownPolicyIsAClearError() {
    assertThatThrownBy(() -> Policy.fromFlag("upsert")).hasMessageContaining("sync, upsert-only, create-only");
  }

  record FilterCase(String name, DomainFilter filter, List<String> in, List<String> out) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<FilterCase> filters() {
    return Stream.of(
        new FilterCase("no filter matches everything", DomainFilter.ALL, List.of("a.example.com", "example.org"), List.of()),
        new FilterCase("a domain matches itself and below, on label boundaries",
            DomainFilter.of(List.of("example.com"), List.of(), null, null),
            List.of("example.com", "a.example.com", "a.b.example.com"), List.of("badexample.com", "example.org")),
        new FilterCase("a leading dot matches only below",
            DomainFilter.of(List.of(".example.com"), List.of(), null, null),
            List.of("a.example.com"), List.of("example.com")),
        new FilterCase("exclusions win",
            DomainFilter.of(List.of("example.com"), List.of("internal.example.com"), null, null),
            List.of("app.example.com"), List.of("db.internal.example.com", "internal.example.com")),
        new FilterCase("trailing dots and case do not matter",
            DomainFilter.of(List.of("Example.COM."), List.of(), null, null), List.of("app.example.com"), List.of()),
        new FilterCase("regular expressions replace the lists",
            DomainFilter.of(List.of("example.org"), List.of(), "\\.example\\.com$", "^db\\."),
            List.of("app.example.com"), List.of("db.example.com", "app.example.org")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  void domainFilters(FilterCase c) {
    c.in().forEach(n -> assertThat(c.filter().matches(n)).as(n).isTrue());
    c.out().forEach(n -> assertThat(c.filter().matches(n)).as(n).isFalse());
  }
}
