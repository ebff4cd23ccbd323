package io.dnsplane.watcher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** --fqdn-template: the fields and functions people use, filled as Go's text/template fills them. */
class FqdnTemplateTest {
  private static final Service WEB = new ServiceBuilder().withNewMetadata().withName("Web").withNamespace("shop")
      .withLabels(Map.of("team", "payments")).withAnnotations(Map.of("example.com/zone", "eu.example.com")).endMetadata()
      .build();

  static Stream<Arguments> templates() {
    return Stream.of(
        Arguments.of("{{.Name}}.{{.Namespace}}.example.com", List.of("Web.shop.example.com")),
        Arguments.of("{{ .Name | toLower }}.{{ .Namespace }}.example.com", List.of("web.shop.example.com")),
        Arguments.of("{{toLower .Name}}.{{.Labels.team}}.example.com", List.of("web.payments.example.com")),
        Arguments.of("{{toLower .Name}}.{{index .Annotations \"example.com/zone\"}}", List.of("web.eu.example.com")),
        Arguments.of("{{toLower .Name}}.{{index .Labels \"team\"}}.example.com.", List.of("web.payments.example.com")),
        Arguments.of("{{trimPrefix \"pay\" .Labels.team}}.example.com", List.of("ments.example.com")),
        Arguments.of("{{replace \"ay\" \"AY\" .Labels.team | toLower}}.example.com", List.of("payments.example.com")),
        Arguments.of("{{.Name | toLower}}.a.example.com, {{.Name | toLower}}.b.example.com,",
            List.of("web.a.example.com", "web.b.example.com")),
        Arguments.of("{{.Name | toLower}}.{{.Labels.missing}}.example.com", List.of("web..example.com")),
        Arguments.of("{{.Kind | toLower}}-{{.Name | toLower}}.example.com", List.of("service-web.example.com")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void fills(String template, List<String> names) {
    assertThat(new FqdnTemplate(template).names(WEB, "service")).isEqualTo(names);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{{.Spec.ClusterIP}}.example.com", "{{if .Name}}x{{end}}.example.com",
      "{{.Name | title}}.example.com", "{{.Name}.example.com", "{{trimPrefix .Name}}.example.com"})
  void refusesWhatItCannotFill(String template) {
    assertThatThrownBy(() -> new FqdnTemplate(template)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--fqdn-template");
  }
}
