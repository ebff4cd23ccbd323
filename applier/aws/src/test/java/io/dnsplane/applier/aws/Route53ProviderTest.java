package io.dnsplane.applier.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dnsplane.fakes.route53.Route53Fake;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RequestBudget;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.ProviderCapabilities;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Route53ProviderTest {
  private Route53Fake fake;
  private String exampleId;

  @BeforeEach
  void start() throws Exception {
    fake = Route53Fake.start();
    exampleId = fake.addZone("example.com", false, Map.of("team", "platform", "env", "prod"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private DnsProvider provider(String... args) {
    return Route53Testing.provider(fake, RequestBudget.UNLIMITED, args);
  }

  private static Endpoint a(String name, String ip) {
    return new Endpoint(name, "A", List.of(ip), 300, "", Map.of(), Map.of());
  }

  @Test
  void listsEveryZoneAndEveryRecordPageByPage() {
    for (int i = 0; i < 149; i++) {
      fake.addZone("z" + i + ".example.org", false, Map.of());
    }
    for (int i = 0; i < 700; i++) {
      fake.putRecord(exampleId, "host" + i + ".example.com", "A", 60, "192.0.2." + (i % 250));
    }
    try (DnsProvider p = provider()) {
      assertThat(p.zones()).hasSize(150);
      assertThat(fake.calls("ListHostedZones")).isEqualTo(2); // 100 per page
      List<Endpoint> records = p.records(new Zone(exampleId, "example.com"));
      assertThat(records).hasSize(700); // SOA and NS are not dnsplane's to manage
      assertThat(fake.calls("ListResourceRecordSets")).isEqualTo(3); // 702 record sets, 300 per page
      assertThat(records).extracting(Endpoint::dnsName).doesNotHaveDuplicates();
    }
  }

  @Test
  void readingANameAsksForThatNameOnlyNotTheWholeZone() {
    for (int i = 0; i < 700; i++) {
      fake.putRecord(exampleId, "host" + i + ".example.com", "A", 60, "192.0.2." + (i % 250));
    }
    try (DnsProvider p = provider()) {
      List<Endpoint> read = p.recordsAt(new Zone(exampleId, "example.com"), java.util.Set.of("host42.example.com", "host7.example.com"));
      assertThat(read).extracting(Endpoint::dnsName).containsExactlyInAnyOrder("host42.example.com", "host7.example.com");
      assertThat(fake.calls("ListResourceRecordSets")).isEqualTo(2);
    }
  }

  @Test
  void zoneFiltersFollowExternalDnsFlags() {
    String privateId = fake.addZone("example.com", true, Map.of("team", "platform"));
    fake.addZone("other.net", false, Map.of());
    try (DnsProvider all = provider()) {
      // A public and a private zone of the same name are two zones.
      assertThat(all.zones()).extracting(Zone::id).contains(exampleId, privateId).hasSize(3);
    }
    try (DnsProvider p = provider("--aws-zone-type=private")) {
      assertThat(p.zones()).extracting(Zone::id).containsExactly(privateId);
    }
    try (DnsProvider p = provider("--aws-zone-type=public", "--domain-filter=example.com")) {
      assertThat(p.zones()).extracting(Zone::id).containsExactly(exampleId);
    }
    try (DnsProvider p = provider("--zone-id-filter=/hostedzone/" + privateId)) {
      assertThat(p.zones()).extracting(Zone::id).containsExactly(privateId);
    }
    try (DnsProvider p = provider("--aws-zone-tags=team=platform,env=prod")) {
      assertThat(p.zones()).extracting(Zone::id).containsExactly(exampleId);
    }
    try (DnsProvider p = provider("--aws-zone-tags=team")) {
      assertThat(p.zones()).extracting(Zone::id).containsExactly(exampleId, privateId);
    }
    assertThatThrownBy(() -> provider("--aws-zone-type=secret")).hasMessageContaining("--aws-zone-type");
  }

  @Test
  void throttlingAndPriorRequestNotCompleteAreRetryableInvalidChangeBatchIsNot() {
    try (DnsProvider p = provider()) {
      Zone zone = new Zone(exampleId, "example.com");
      fake.throttleNext(1);
      assertThatThrownBy(() -> p.apply(zone, new Changes.Builder().create(a("x.example.com", "192.0.2.1")).build()))
          .isInstanceOf(RetryableProviderException.class).hasMessageContaining("Throttling");
      fake.failNext(1, 400, "PriorRequestNotComplete");
      assertThatThrownBy(() -> p.records(zone)).isInstanceOf(RetryableProviderException.class)
          .hasMessageContaining("PriorRequestNotComplete");
      fake.failNext(1, 503, "ServiceUnavailable");
      assertThatThrownBy(() -> p.zones()).isInstanceOf(RetryableProviderException.class);
      p.apply(zone, new Changes.Builder().create(a("x.example.com", "192.0.2.1")).build());
      assertThatThrownBy(() -> p.apply(zone, new Changes.Builder().create(a("x.example.com", "192.0.2.2")).build()))
          .isInstanceOf(BatchRefusedException.class).hasMessageContaining("InvalidChangeBatch")
          .hasMessageContaining("already exists");
      fake.failNext(1, 400, "InvalidInput");
      assertThatThrownBy(() -> p.records(zone)).isInstanceOf(BatchRefusedException.class);
    }
  }

  @Test
  void aServerThatDoesNotAnswerIsRetryable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (DnsProvider p = new Route53ProviderFactory().create(new String[] {"--aws-endpoint-url=http://127.0.0.1:" + closedPort},
        RequestBudget.UNLIMITED)) {
      assertThatThrownBy(p::zones).isInstanceOf(RetryableProviderException.class);
    }
  }

  @Test
  void aliasRecordsAreWrittenAndListedAsExternalDnsDoes() {
    Map<String, String> alias = Map.of("alias", "true", "aws/evaluate-target-health", "true");
    Endpoint a = new Endpoint("shop.example.com", "A", List.of("my-lb-123.eu-west-1.elb.amazonaws.com"), 0, "", Map.of(), alias);
    Endpoint aaaa = new Endpoint("shop.example.com", "AAAA", List.of("my-lb-123.eu-west-1.elb.amazonaws.com"), 0, "",
        Map.of(), alias);
    try (DnsProvider p = provider()) {
      assertThat(p.capabilities()).contains(ProviderCapabilities.ALIAS_RECORDS, ProviderCapabilities.ALIAS_EVALUATES_TARGET_HEALTH);
      Zone zone = new Zone(exampleId, "example.com");
      p.apply(zone, new Changes.Builder().create(a).create(aaaa).build());
      assertThat(fake.values(exampleId, "shop.example.com", "A")).containsExactly("my-lb-123.eu-west-1.elb.amazonaws.com");
      assertThat(fake.values(exampleId, "shop.example.com", "AAAA")).containsExactly("my-lb-123.eu-west-1.elb.amazonaws.com");
      List<Endpoint> listed = p.records(zone).stream().filter(e -> e.dnsName().equals("shop.example.com")).toList();
      assertThat(listed).extracting(Endpoint::recordType).containsExactlyInAnyOrder("A", "AAAA");
      assertThat(listed).allSatisfy(e -> {
        assertThat(e.providerSpecific()).isEqualTo(alias);
        assertThat(e.ttl()).isEqualTo(300);
      });
      Endpoint elsewhere = new Endpoint("web.example.com", "A", List.of("web.example.net"), 0, "", Map.of(),
          Map.of("alias", "true"));
      assertThatThrownBy(() -> p.apply(zone, new Changes.Builder().create(elsewhere).build()))
          .isInstanceOf(BatchRefusedException.class).hasMessageContaining("not an AWS load balancer");
    }
    try (DnsProvider preferCname = provider("--aws-prefer-cname", "--aws-evaluate-target-health=false")) {
      assertThat(preferCname.capabilities()).contains(ProviderCapabilities.ALIAS_PREFER_CNAME)
          .doesNotContain(ProviderCapabilities.ALIAS_EVALUATES_TARGET_HEALTH);
    }
  }

  @Test
  void weightedRecordsRoundTripAndAnnounceTheCapability() {
    Endpoint a = new Endpoint("api.example.com", "CNAME", List.of("a.lb.example.net"), 60, "cluster-a", Map.of(),
        Map.of("aws/weight", "10"));
    Endpoint b = new Endpoint("api.example.com", "CNAME", List.of("b.lb.example.net"), 60, "cluster-b", Map.of(),
        Map.of("aws/weight", "20"));
    try (DnsProvider p = provider()) {
      assertThat(p.capabilities()).contains(ProviderCapabilities.WEIGHTED_ROUTING);
      Zone zone = new Zone(exampleId, "example.com");
      p.apply(zone, new Changes.Builder().create(a).create(b).build());
      assertThat(p.records(zone)).filteredOn(e -> e.dnsName().equals("api.example.com"))
          .usingElementComparator((x, y) -> x.sameRecord(y) ? 0 : 1).containsExactlyInAnyOrder(a, b);
    }
  }

  @Test
  void wildcardNamesComeBackUnescaped() {
    try (DnsProvider p = provider()) {
      Zone zone = new Zone(exampleId, "example.com");
      p.apply(zone, new Changes.Builder().create(a("*.apps.example.com", "192.0.2.5")).build());
      assertThat(p.records(zone)).extracting(Endpoint::dnsName).contains("*.apps.example.com");
    }
  }

  @Test
  void assumeRoleSignsWithTheRolesCredentials() {
    try (io.dnsplane.fakes.sts.StsFake sts = io.dnsplane.fakes.sts.StsFake.start()) {
      System.setProperty("aws.endpointUrlSts", sts.endpoint().toString());
      try (DnsProvider p = provider("--aws-assume-role=arn:aws:iam::123456789012:role/dnsplane",
          "--aws-assume-role-external-id=ext-1")) {
        assertThat(p.zones()).isNotEmpty();
      } finally {
        System.clearProperty("aws.endpointUrlSts");
      }
      assertThat(sts.assumeRoleRequests()).singleElement().satisfies(r -> {
        assertThat(r).containsEntry("RoleArn", "arn:aws:iam::123456789012:role/dnsplane").containsEntry("ExternalId", "ext-1");
        assertThat(r.get("RoleSessionName")).startsWith("dnsplane-");
      });
      assertThat(fake.accessKeys()).containsExactly(io.dnsplane.fakes.sts.StsFake.ACCESS_KEY_ID);
    }
  }

  @Test
  void everyRequestSpendsTheBudget() {
    AtomicInteger spent = new AtomicInteger();
    for (int i = 0; i < 400; i++) {
      fake.putRecord(exampleId, "h" + i + ".example.com", "A", 60, "192.0.2.1");
    }
    try (DnsProvider p = Route53Testing.provider(fake, spent::incrementAndGet)) {
      p.zones();
      p.records(new Zone(exampleId, "example.com"));
      p.apply(new Zone(exampleId, "example.com"), new Changes.Builder().create(a("new.example.com", "192.0.2.1")).build());
    }
    Map<String, Integer> calls = fake.calls();
    assertThat(spent.get()).isEqualTo(calls.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
  }
}
