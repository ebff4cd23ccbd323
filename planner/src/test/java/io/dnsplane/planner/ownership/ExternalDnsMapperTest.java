package io.dnsplane.planner.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ExternalDNS's registry/mapper/mapper_test.go (v0.22), every case of every table, ported to
 * {@link TxtNameMapper}: each case is named after its Go test and case. Generated from the Go file
 * by planner/src/test/resources/externaldns/port_mapper.py; where dnsplane differs on purpose the
 * case says why.
 */
class ExternalDnsMapperTest {
  private static final String BOTH_AFFIXES = "both prefix and suffix set returns empty";

  private static TxtNameMapper mapper(String prefix, String suffix, String wildcard) {
    return new TxtNameMapper(prefix, suffix, wildcard);
  }

  private static String[] toEndpointName(TxtNameMapper mapper, String txtName) {
    return mapper.toEndpointName(txtName).map(o -> new String[] {o.dnsName(), o.recordType()})
        .orElse(new String[] {"", ""});
  }

  static Stream<Arguments> TestAffixNameMapper_ToEndpointName() {
    return Stream.of(
        Arguments.of("TestAffixNameMapper_ToEndpointName/prefix with A record type in affix", "%{record_type}-", "", "", "a-foo.example.com", "foo.example.com", "A"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/prefix with AAAA record type in affix", "%{record_type}-", "", "", "aaaa-foo.example.com", "foo.example.com", "AAAA"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/prefix with CNAME record type in affix", "%{record_type}-", "", "", "cname-foo.example.com", "foo.example.com", "CNAME"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/prefix with NS record type in affix", "%{record_type}-", "", "", "ns-foo.example.com", "foo.example.com", "NS"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/prefix with MX record type in affix", "%{record_type}-", "", "", "mx-foo.example.com", "foo.example.com", "MX"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/prefix with SRV record type in affix", "%{record_type}-", "", "", "srv-foo.example.com", "foo.example.com", "SRV"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/prefix with PTR record type in affix", "%{record_type}-", "", "", "ptr-2.49.168.192.in-addr.arpa", "2.49.168.192.in-addr.arpa", "PTR"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/prefix with NAPTR record type in affix", "%{record_type}-", "", "", "naptr-foo.example.com", "foo.example.com", "NAPTR"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/prefix with DNAME record type in affix", "%{record_type}-", "", "", "dname-foo.example.com", "foo.example.com", "DNAME"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/suffix with A record type in affix", "", "-%{record_type}", "", "foo-a.example.com", "foo.example.com", "A"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/suffix with CNAME record type in affix", "", "-%{record_type}", "", "foo-cname.example.com", "foo.example.com", "CNAME"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/suffix with multiple dots and trailing labels", "", ".foo.bar", "", "a-example.foo.bar.com", "example.com", "A"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/suffix with multiple dots and no trailing labels", "", ".foo.bar", "", "a-example.foo.bar", "example", "A"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/suffix with multiple dots and too few labels does not panic", "", ".foo.bar", "", "a-example.foo", "", ""),
        Arguments.of("TestAffixNameMapper_ToEndpointName/no affix with A record", "", "", "", "a-foo.example.com", "foo.example.com", "A"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/no affix with AAAA record", "", "", "", "aaaa-foo.example.com", "foo.example.com", "AAAA"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/no affix with CNAME record", "", "", "", "cname-foo.example.com", "foo.example.com", "CNAME"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/no affix with NS record", "", "", "", "ns-foo.example.com", "foo.example.com", "NS"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/no affix with MX record", "", "", "", "mx-foo.example.com", "foo.example.com", "MX"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/no affix with SRV record", "", "", "", "srv-foo.example.com", "foo.example.com", "SRV"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/default prefix with PTR record", "", "", "", "ptr-2.49.168.192.in-addr.arpa", "2.49.168.192.in-addr.arpa", "PTR"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/no affix with NAPTR record", "", "", "", "naptr-foo.example.com", "foo.example.com", "NAPTR"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/suffix with txt record", "", "", "", "txt-foo.example.com", "foo.example.com", "TXT"),
        Arguments.of("TestAffixNameMapper_ToEndpointName/both prefix and suffix set returns empty", "pre-", "-suf", "", "pre-a-foo-suf.example.com", "", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("TestAffixNameMapper_ToEndpointName")
  void toEndpointName(String name, String prefix, String suffix, String wildcard, String input, String wantName,
      String wantType) {
    if (name.endsWith(BOTH_AFFIXES)) {
      // Deliberate: ExternalDNS refuses --txt-prefix with --txt-suffix when it starts; dnsplane refuses
      // the mapper itself, so no such registry can exist to read anything.
      assertThatThrownBy(() -> mapper(prefix, suffix, wildcard)).hasMessageContaining("mutually exclusive");
      return;
    }
    assertThat(toEndpointName(mapper(prefix, suffix, wildcard), input)).containsExactly(wantName, wantType);
  }

  static Stream<Arguments> TestAffixNameMapper_ToTXTName() {
    return Stream.of(
        Arguments.of("TestAffixNameMapper_ToTXTName/prefix with A record type in affix", "%{record_type}-", "", "", "foo.example.com", "A", "a-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/prefix with AAAA record type in affix", "%{record_type}-", "", "", "foo.example.com", "AAAA", "aaaa-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/prefix with CNAME record type in affix", "%{record_type}-", "", "", "foo.example.com", "CNAME", "cname-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/prefix with NS record type in affix", "%{record_type}-", "", "", "foo.example.com", "NS", "ns-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/prefix with MX record type in affix", "%{record_type}-", "", "", "foo.example.com", "MX", "mx-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/prefix with SRV record type in affix", "%{record_type}-", "", "", "foo.example.com", "SRV", "srv-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/prefix with PTR record type in affix", "%{record_type}-", "", "", "2.49.168.192.in-addr.arpa", "PTR", "ptr-2.49.168.192.in-addr.arpa"),
        Arguments.of("TestAffixNameMapper_ToTXTName/prefix with NAPTR record type in affix", "%{record_type}-", "", "", "foo.example.com", "NAPTR", "naptr-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/prefix with DNAME record type in affix", "%{record_type}-", "", "", "foo.example.com", "DNAME", "dname-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/prefix with TXT record type in affix", "%{record_type}-", "", "", "foo.example.com", "TXT", "txt-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/suffix with A record type in affix", "", "-%{record_type}", "", "foo.example.com", "A", "foo-a.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/suffix with CNAME record type in affix", "", "-%{record_type}", "", "foo.example.com", "CNAME", "foo-cname.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/suffix with TXT record type in affix", "", "-%{record_type}", "", "foo.example.com", "TXT", "foo-txt.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/wildcard replacement with A record", "txt-", "", "wild", "*.example.com", "A", "txt-a-wild.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/wildcard replacement with MX record", "txt-", "", "wild", "*.example.com", "MX", "txt-mx-wild.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/wildcard replacement with TXT record", "txt-", "", "wild", "*.example.com", "TXT", "txt-txt-wild.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/no affix with A record", "", "", "", "foo.example.com", "A", "a-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/no affix with AAAA record", "", "", "", "foo.example.com", "AAAA", "aaaa-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/no affix with CNAME record", "", "", "", "foo.example.com", "CNAME", "cname-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/no affix with NS record", "", "", "", "foo.example.com", "NS", "ns-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/no affix with MX record", "", "", "", "foo.example.com", "MX", "mx-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/no affix with SRV record", "", "", "", "foo.example.com", "SRV", "srv-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/default prefix with PTR record", "", "", "", "2.49.168.192.in-addr.arpa", "PTR", "ptr-2.49.168.192.in-addr.arpa"),
        Arguments.of("TestAffixNameMapper_ToTXTName/no affix with NAPTR record", "", "", "", "foo.example.com", "NAPTR", "naptr-foo.example.com"),
        Arguments.of("TestAffixNameMapper_ToTXTName/no affix with TXT record", "", "", "", "foo.example.com", "TXT", "txt-foo.example.com"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("TestAffixNameMapper_ToTXTName")
  void toTxtName(String name, String prefix, String suffix, String wildcard, String dns, String recordType, String want) {
    assertThat(mapper(prefix, suffix, wildcard).toTxtName(dns, recordType)).isEqualTo(want);
  }

  static Stream<Arguments> TestAffixNameMapper_RecordTypeInAffix() {
    return Stream.of(
        Arguments.of("TestAffixNameMapper_RecordTypeInAffix/prefix contains record type", "%{record_type}-", "", "", true),
        Arguments.of("TestAffixNameMapper_RecordTypeInAffix/suffix contains record type", "", "-%{record_type}", "", true),
        Arguments.of("TestAffixNameMapper_RecordTypeInAffix/no record type in affix", "txt-", "-txt", "", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("TestAffixNameMapper_RecordTypeInAffix")
  void recordTypeInAffix(String name, String prefix, String suffix, String wildcard, boolean want) {
    if (!prefix.isEmpty() && !suffix.isEmpty()) {
      // Deliberate: both affixes are refused (see toEndpointName); the type is in neither.
      assertThat(prefix + suffix).doesNotContain(TxtNameMapper.RECORD_TEMPLATE);
      assertThat(want).isFalse();
      assertThatThrownBy(() -> mapper(prefix, suffix, wildcard)).hasMessageContaining("mutually exclusive");
      return;
    }
    assertThat(mapper(prefix, suffix, wildcard).typeInAffix()).isEqualTo(want);
  }

  static Stream<Arguments> TestToEndpointNameNewTXT() {
    return Stream.of(
        Arguments.of("TestToEndpointNameNewTXT/prefix", "foo", "", "", "example.com", "A", "fooa-example.com"),
        Arguments.of("TestToEndpointNameNewTXT/suffix", "", "foo", "", "example", "AAAA", "aaaa-examplefoo"),
        Arguments.of("TestToEndpointNameNewTXT/suffix", "", "foo", "", "example.com", "AAAA", "aaaa-examplefoo.com"),
        Arguments.of("TestToEndpointNameNewTXT/prefix with dash", "foo-", "", "", "example.com", "A", "foo-a-example.com"),
        Arguments.of("TestToEndpointNameNewTXT/suffix with dash", "", "-foo", "", "example.com", "CNAME", "cname-example-foo.com"),
        Arguments.of("TestToEndpointNameNewTXT/prefix with dot", "foo.", "", "", "example.com", "CNAME", "foo.cname-example.com"),
        Arguments.of("TestToEndpointNameNewTXT/suffix with dot", "", ".foo", "", "example.com", "CNAME", "cname-example.foo.com"),
        Arguments.of("TestToEndpointNameNewTXT/prefix with multiple dots", "foo.bar.", "", "", "example.com", "CNAME", "foo.bar.cname-example.com"),
        Arguments.of("TestToEndpointNameNewTXT/suffix with multiple dots", "", ".foo.bar.test", "", "example.com", "CNAME", "cname-example.foo.bar.test.com"),
        Arguments.of("TestToEndpointNameNewTXT/templated prefix", "%{record_type}-foo", "", "", "example.com", "A", "a-fooexample.com"),
        Arguments.of("TestToEndpointNameNewTXT/templated suffix", "", "foo-%{record_type}", "", "example.com", "A", "examplefoo-a.com"),
        Arguments.of("TestToEndpointNameNewTXT/templated prefix with dot", "%{record_type}foo.", "", "", "example.com", "CNAME", "cnamefoo.example.com"),
        Arguments.of("TestToEndpointNameNewTXT/templated suffix with dot", "", ".foo%{record_type}", "", "example.com", "A", "example.fooa.com"),
        Arguments.of("TestToEndpointNameNewTXT/templated prefix with multiple dots", "bar.%{record_type}.foo.", "", "", "example.com", "CNAME", "bar.cname.foo.example.com"),
        Arguments.of("TestToEndpointNameNewTXT/templated suffix with multiple dots", "", ".foo%{record_type}.bar", "", "example.com", "A", "example.fooa.bar.com"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("TestToEndpointNameNewTXT")
  void toEndpointNameNewTxt(String name, String prefix, String suffix, String wildcard, String domain, String recordType,
      String txtDomain) {
    TxtNameMapper mapper = mapper(prefix, suffix, wildcard);
    assertThat(mapper.toTxtName(domain, recordType)).isEqualTo(txtDomain);
    assertThat(toEndpointName(mapper, txtDomain)[0]).isEqualTo(domain);
  }

  static Stream<Arguments> TestDropAffixExtractType_NoMatch() {
    return Stream.of(
        Arguments.of("TestDropAffixExtractType_NoMatch/prefix mapper input missing prefix", "foo-", "", "", "bar.example.com"),
        Arguments.of("TestDropAffixExtractType_NoMatch/suffix mapper input missing suffix", "", "-foo", "", "bar.example.com"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("TestDropAffixExtractType_NoMatch")
  void dropAffixExtractTypeNoMatch(String name, String prefix, String suffix, String wildcard, String input) {
    assertThat(toEndpointName(mapper(prefix, suffix, wildcard), input)).containsExactly("", "");
  }

  static Stream<Arguments> TestDropPrefix() {
    return Stream.of(        Arguments.of("TestDropPrefix/foo-cname-test.example.com"),
        Arguments.of("TestDropPrefix/foo-a-test.example.com"),
        Arguments.of("TestDropPrefix/foo--test.example.com"));
  }

  /** dropAffixExtractType is private here; with a prefix it is what toEndpointName does. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("TestDropPrefix")
  void dropPrefix(String name) {
    String input = name.substring("TestDropPrefix/".length());
    assertThat(toEndpointName(mapper("foo-%{record_type}-", "", ""), input)[0]).isEqualTo("test.example.com");
  }

  static Stream<Arguments> TestDropSuffix() {
    return Stream.of(        Arguments.of("TestDropSuffix/test-a-foo.example.com"),
        Arguments.of("TestDropSuffix/test--foo.example.com"));
  }

  /** The Go test strips the first label and puts the rest back, as toEndpointName does with a suffix. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("TestDropSuffix")
  void dropSuffix(String name) {
    String input = name.substring("TestDropSuffix/".length());
    assertThat(toEndpointName(mapper("", "-%{record_type}-foo", ""), input)[0]).isEqualTo("test.example.com");
  }

  static Stream<Arguments> TestExtractRecordTypeDefaultPosition() {
    return Stream.of(        Arguments.of("TestExtractRecordTypeDefaultPosition/ns-zone.example.com", "zone.example.com", "NS"),
        Arguments.of("TestExtractRecordTypeDefaultPosition/aaaa-zone.example.com", "zone.example.com", "AAAA"),
        Arguments.of("TestExtractRecordTypeDefaultPosition/ptr-zone.example.com", "zone.example.com", "PTR"),
        Arguments.of("TestExtractRecordTypeDefaultPosition/zone.example.com", "zone.example.com", ""));
  }

  /** extractRecordTypeDefaultPosition is private here; without affixes it is what toEndpointName does. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("TestExtractRecordTypeDefaultPosition")
  void extractRecordTypeDefaultPosition(String name, String expectedName, String expectedType) {
    String input = name.substring("TestExtractRecordTypeDefaultPosition/".length());
    assertThat(toEndpointName(mapper("", "", ""), input)).containsExactly(expectedName, expectedType);
  }
}
