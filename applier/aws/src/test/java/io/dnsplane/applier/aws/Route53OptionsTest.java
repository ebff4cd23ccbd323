package io.dnsplane.applier.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.runtime.Cli;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ExternalDNS's ways of writing --aws-evaluate-target-health all parse, as kingpin takes them. */
class Route53OptionsTest {
  static Stream<Arguments> forms() {
    return Stream.of(
        Arguments.of(new String[] {}, true),
        Arguments.of(new String[] {"--aws-evaluate-target-health"}, true),
        Arguments.of(new String[] {"--aws-evaluate-target-health=true"}, true),
        Arguments.of(new String[] {"--aws-evaluate-target-health=false"}, false),
        Arguments.of(new String[] {"--no-aws-evaluate-target-health"}, false));
  }

  @ParameterizedTest
  @MethodSource("forms")
  void evaluateTargetHealth(String[] args, boolean expected) {
    assertThat(Cli.populate(new Route53ProviderFactory.Options(), Map.of(), args).evaluateTargetHealth).isEqualTo(expected);
  }
}
