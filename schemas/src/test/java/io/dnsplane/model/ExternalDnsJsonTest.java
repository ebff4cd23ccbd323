package io.dnsplane.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ExternalDNS's JSON shapes, from its API document (api/webhook.yaml) and its Go tests
 * (plan/plan_test.go TestPlan_ChangesJson_*, endpoint/domain_filter_test.go's JSON cases). Deliberate
 * difference: an endpoint needs a record type (Go's tests leave it out; a record without one cannot be applied).
 */
class ExternalDnsJsonTest {
  private static JsonNode json(String text) throws Exception {
    return ExternalDnsJson.JSON.readTree(text);
  }

  @Test
  void testPlanChangesJsonDecodeEncode() throws Exception {
    Changes changes = new Changes(List.of(Endpoint.of("foo", "A", 0)), List.of(Endpoint.of("bar", "A", 0)),
        List.of(Endpoint.of("baz", "A", 0)), List.of(Endpoint.of("qux", "A", 0)));
    JsonNode encoded = ExternalDnsJson.toJson(changes);
    assertThat(encoded).isEqualTo(json("""
        {"create":[{"dnsName":"foo","targets":[],"recordType":"A"}],
         "updateOld":[{"dnsName":"bar","targets":[],"recordType":"A"}],
         "updateNew":[{"dnsName":"baz","targets":[],"recordType":"A"}],
         "delete":[{"dnsName":"qux","targets":[],"recordType":"A"}]}"""));
    assertThat(ExternalDnsJson.changes(encoded, "changes")).isEqualTo(changes);
  }

  @Test
  void testPlanChangesJsonDecodeMixedCase() throws Exception {
    Changes changes = ExternalDnsJson.changes(json("""
        {"Create":[{"dnsName":"foo","recordType":"A"}],"UpdateOld":[{"dnsName":"bar","recordType":"A"}],
         "updateNew":[{"dnsName":"baz","recordType":"A"}],"Delete":[{"DNSName":"qux","RecordType":"A"}]}"""), "changes");
    assertThat(changes.create()).extracting(Endpoint::dnsName).containsExactly("foo");
    assertThat(changes.updateOld()).extracting(Endpoint::dnsName).containsExactly("bar");
    assertThat(changes.delete()).extracting(Endpoint::dnsName).containsExactly("qux");
  }

  @Test
  void theApiDocumentsEndpointExampleRoundTrips() throws Exception {
    JsonNode example = json("""
        {"dnsName":"foo.example.org","targets":["1.2.3.4"],"recordType":"A","setIdentifier":"v1","recordTTL":60,
         "labels":{"foo":"bar"},"providerSpecific":[{"name":"foo","value":"bar"}]}""");
    Endpoint e = ExternalDnsJson.endpoint(example, "example");
    assertThat(e).isEqualTo(new Endpoint("foo.example.org", "A", List.of("1.2.3.4"), 60, "v1", Map.of("foo", "bar"),
        Map.of("foo", "bar")));
    assertThat(ExternalDnsJson.toJson(e).toString()).isEqualTo(example.toString()); // IntNode and LongNode differ as nodes
  }

  @Test
  void goEncodesEmptyListsAsNullAndUpdatesArePairedByIndex() throws Exception {
    assertThat(ExternalDnsJson.changes(json("{\"create\":null,\"updateOld\":null,\"updateNew\":null,\"delete\":null}"), "c")
        .isEmpty()).isTrue();
    assertThatThrownBy(() -> ExternalDnsJson.changes(json("""
        {"updateOld":[{"dnsName":"a","recordType":"A"}],"updateNew":[]}"""), "changes"))
        .hasMessageContaining("updateOld has 1 endpoints and updateNew 0; they are paired by index");
  }

  @Test
  void badEndpointsSayWhere() throws Exception {
    assertThatThrownBy(() -> ExternalDnsJson.endpoints(json("[{\"dnsName\":\"a\"}]"), "records"))
        .hasMessage("records [0]: 'recordType' is required");
    assertThatThrownBy(() -> ExternalDnsJson.endpoints(json("[{\"dnsName\":\"a\",\"recordType\":\"A\",\"recordTTL\":\"x\"}]"),
        "records")).hasMessageContaining("'recordTTL' must be a whole number");
    assertThatThrownBy(() -> ExternalDnsJson.endpoints(json("{}"), "records")).hasMessageContaining("expected a JSON array");
  }

  @Test
  void domainFiltersAsExternalDnsMarshalsThem() throws Exception {
    assertThat(ExternalDnsJson.toJson(DomainFilter.of(List.of("example.com"), List.of(), "", "")))
        .isEqualTo(json("{\"include\":[\"example.com\"]}"));
    assertThat(ExternalDnsJson.toJson(DomainFilter.of(List.of("example.com"), List.of("dev.example.com"), "", "")))
        .isEqualTo(json("{\"include\":[\"example.com\"],\"exclude\":[\"dev.example.com\"]}"));
    assertThat(ExternalDnsJson.toJson(DomainFilter.of(List.of(), List.of(), "\\.example\\.com$", "")))
        .isEqualTo(json("{\"regexInclude\":\"\\\\.example\\\\.com$\"}"));
    assertThat(ExternalDnsJson.toJson(DomainFilter.ALL)).isEqualTo(json("{}"));

    DomainFilter read = ExternalDnsJson.domainFilter(json("{\"include\":[\"example.com\"],\"exclude\":[\"dev.example.com\"]}"), "f");
    assertThat(read.matches("app.example.com")).isTrue();
    assertThat(read.matches("app.dev.example.com")).isFalse();
    assertThat(ExternalDnsJson.domainFilter(json("{\"regexInclude\":\"example\\\\.org$\"}"), "f").matches("a.example.org")).isTrue();
  }

  @Test
  void aDomainFilterWithBothAListAndARegexIsRefusedAsExternalDnsRefusesIt() throws Exception {
    assertThatThrownBy(() -> ExternalDnsJson.domainFilter(json("{\"include\":[\"a.com\"],\"regexInclude\":\"b\"}"), "filter"))
        .hasMessage("filter: cannot have both domain list and regex");
    assertThatThrownBy(() -> ExternalDnsJson.domainFilter(json("{\"regexInclude\":\"(\"}"), "filter"))
        .hasMessageContaining("invalid regular expression");
  }
}
