package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HostnamesTest {
  record Case(String raw, String canonical, String problem) {}

  static Stream<Case> cases() {
    String label64 = "a".repeat(64);
    String long254 = ("a".repeat(62) + ".").repeat(4) + "ab";
    return Stream.of(
        new Case("app.example.com", "app.example.com", null),
        new Case("App.Example.COM.", "app.example.com", null),
        new Case("*.example.com", "*.example.com", null),
        new Case("_sip._tcp.example.com", "_sip._tcp.example.com", null),
        new Case("bücher.example.com", "xn--bcher-kva.example.com", null),
        new Case("", null, "empty"),
        new Case("a..example.com", null, "empty label"),
        new Case(label64 + ".example.com", null, "label longer than 63"),
        new Case(long254, null, "longer than 253"),
        new Case("-bad.example.com", null, "characters a host name cannot have"),
        new Case("bad-.example.com", null, "characters a host name cannot have"),
        new Case("sp ace.example.com", null, "characters a host name cannot have"),
        new Case("a.*.example.com", null, "characters a host name cannot have"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void checksHostNames(Case c) {
    Hostnames.Checked checked = Hostnames.check(c.raw());
    if (c.canonical() != null) {
      assertThat(checked.name()).contains(c.canonical());
      assertThat(checked.problem()).isEmpty();
    } else {
      assertThat(checked.name()).isEmpty();
      assertThat(checked.problem()).hasValueSatisfying(p -> assertThat(p).contains(c.problem()));
    }
  }
}
