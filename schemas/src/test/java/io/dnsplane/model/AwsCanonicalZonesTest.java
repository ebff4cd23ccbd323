package io.dnsplane.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ExternalDNS's TestAWSCanonicalHostedZone (provider/aws/aws_test.go, v0.22), ported: every entry of
 * its table is found for a name under it; a name outside AWS has none. TestAWSCanonicalHostedZoneNotExist
 * checks a log line: here an unknown region simply has no zone (the CNAME stays a CNAME).
 */
class AwsCanonicalZonesTest {
  static Stream<Map.Entry<String, String>> entries() {
    return AwsCanonicalZones.all().entrySet().stream();
  }

  @Test
  void theTableIsExternalDnssWhole() {
    assertThat(AwsCanonicalZones.all()).hasSize(133)
        .containsEntry("us-east-1.elb.amazonaws.com", "Z35SXDOTRQ7X7K")
        .containsEntry("elb.us-east-1.amazonaws.com", "Z26RNL4JYFTOTI")
        .containsEntry("cloudfront.net", "Z2FDTNDATAQYW2")
        .containsEntry("awsglobalaccelerator.com", "Z2BJ6XQ5FK7U4H");
  }

  @ParameterizedTest(name = "TestAWSCanonicalHostedZone/foo.{0}")
  @MethodSource("entries")
  void TestAWSCanonicalHostedZone(Map.Entry<String, String> entry) {
    assertThat(AwsCanonicalZones.of("foo." + entry.getKey())).as("zone suffix: %s", entry.getKey()).contains(entry.getValue());
  }

  @Test
  void TestAWSCanonicalHostedZone_nonAwsHostname() {
    assertThat(AwsCanonicalZones.of("foo.example.org")).isEmpty();
  }

  @Test
  void TestAWSCanonicalHostedZoneNotExist() {
    assertThat(AwsCanonicalZones.of("foo.elb.eastwest-1.amazonaws.com")).isEmpty();
  }
}
