package io.dnsplane.planner.plan;

import static io.dnsplane.planner.plan.Fixtures.want;
import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Endpoint;
import io.dnsplane.model.ProviderCapabilities;
import io.dnsplane.planner.ownership.TxtRegistryConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ExternalDNS's Cloudflare AdjustEndpoints rules, and what they mean for planning against Cloudflare. */
class ProxiedRecordsTest {
  private static final String PROXIED = ProxiedRecords.PROXIED;

  private static Endpoint with(Endpoint e, Map<String, String> specific) {
    return new Endpoint(e.dnsName(), e.recordType(), e.targets(), e.ttl(), e.setIdentifier(), e.labels(), specific);
  }

  private static String proxied(Endpoint e) {
    return e.providerSpecific().getOrDefault(PROXIED, "-") + " ttl " + e.ttl();
  }

  @Test
  void everyProxiableRecordSaysWhetherItIsProxied() {
    Endpoint a = want("cluster-a", "ingress/default/web", "web.example.com", "A", 120, "192.0.2.1");
    assertThat(proxied(ProxiedRecords.adjust(List.of(a), false).get(0))).isEqualTo("false ttl 120");
    assertThat(proxied(ProxiedRecords.adjust(List.of(a), true).get(0))).as("proxied: Cloudflare's TTL").isEqualTo("true ttl 0");
    assertThat(proxied(ProxiedRecords.adjust(List.of(with(a, Map.of(PROXIED, "false"))), true).get(0))).isEqualTo("false ttl 120");
    assertThat(proxied(ProxiedRecords.adjust(List.of(with(a, Map.of(PROXIED, "true"))), false).get(0))).isEqualTo("true ttl 0");
    assertThat(proxied(ProxiedRecords.adjust(List.of(with(a, Map.of(PROXIED, "perhaps"))), true).get(0))).isEqualTo("true ttl 0");
    Endpoint wildcard = want("cluster-a", "ingress/default/all", "*.apps.example.com", "A", 0, "192.0.2.2");
    assertThat(proxied(ProxiedRecords.adjust(List.of(wildcard), true).get(0))).isEqualTo("false ttl 0");
    Endpoint txt = with(want("cluster-a", "crd/default/t", "t.example.com", "TXT", 0, "\"v=spf1 -all\""), Map.of(PROXIED, "true"));
    assertThat(proxied(ProxiedRecords.adjust(List.of(txt), true).get(0))).isEqualTo("- ttl 0");
  }

  @Test
  void aRecordListedWithItsProxySettingNeedsNoChangeAndTheDefaultFlipsIt() {
    String owner = "\"heritage=external-dns,external-dns/owner=cluster-a,external-dns/resource=ingress/default/web\"";
    List<Endpoint> observed = List.of(
        new Endpoint("web.example.com", "A", List.of("192.0.2.1"), 1, "", Map.of(), Map.of(PROXIED, "false")),
        Endpoint.of("a-web.example.com", "TXT", 1, owner));
    List<Endpoint> desired = List.of(want("cluster-a", "ingress/default/web", "web.example.com", "A", 0, "192.0.2.1"));
    NamePlanner planner = new NamePlanner(new Planner(), Policy.SYNC, TxtRegistryConfig.DEFAULT.registry());
    Plan same = planner.plan("web.example.com", "example.com", desired, observed, OwnerScope.all(Set.of("cluster-a")),
        Set.of(ProviderCapabilities.PROXIED_RECORDS));
    assertThat(same.changes().isEmpty()).as("%s", same.changes()).isTrue();
    Plan proxy = planner.plan("web.example.com", "example.com", desired, observed, OwnerScope.all(Set.of("cluster-a")),
        Set.of(ProviderCapabilities.PROXIED_RECORDS, ProviderCapabilities.PROXIED_BY_DEFAULT));
    assertThat(proxy.changes().updateNew()).filteredOn(e -> e.recordType().equals("A")).singleElement()
        .satisfies(e -> assertThat(e.providerSpecific()).containsEntry(PROXIED, "true"));
  }
}
