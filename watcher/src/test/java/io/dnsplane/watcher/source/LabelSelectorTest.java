package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {
  record Case(String selector, Map<String, String> values, boolean matches) {}

  static final Map<String, String> PUBLIC = Map.of("kubernetes.io/ingress.class", "public", "team", "web");

  static Stream<Case> cases() {
    return Stream.of(
        new Case("", PUBLIC, true),
        new Case("kubernetes.io/ingress.class=public", PUBLIC, true),
        new Case("kubernetes.io/ingress.class==public", PUBLIC, true),
        new Case("kubernetes.io/ingress.class!=public", PUBLIC, false),
        new Case("kubernetes.io/ingress.class in (public, internal)", PUBLIC, true),
        new Case("kubernetes.io/ingress.class notin (public)", PUBLIC, false),
        new Case("team", PUBLIC, true),
        new Case("!team", PUBLIC, false),
        new Case("team=web,kubernetes.io/ingress.class in (internal)", PUBLIC, false),
        new Case("missing!=x", PUBLIC, true),
        new Case("team=web", Map.of(), false));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesAsKubernetesDoes(Case c) {
    assertThat(LabelSelector.parse(c.selector()).matches(c.values())).isEqualTo(c.matches());
  }

  @Test
  void aBrokenSelectorIsAClearError() {
    assertThatThrownBy(() -> LabelSelector.parse("a in (b")).hasMessageContaining("not a label selector");
  }
}
