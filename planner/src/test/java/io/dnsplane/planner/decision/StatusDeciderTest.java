package io.dnsplane.planner.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.ObjectState;
import io.dnsplane.avro.SourceRef;
import io.dnsplane.avro.planner.NameDesire;
import io.dnsplane.model.AvroEndpoints;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.plan.Plan;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** When an object's name is ready: what the provider holds serves what it wants. */
class StatusDeciderTest {
  private static final String NAME = "app.example.com";
  private static final String LB = "app-123.eu-west-1.elb.amazonaws.com";

  record Case(String name, Endpoint wanted, List<Endpoint> held, ObjectState state) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Endpoint record(String type, Map<String, String> specific, String... targets) {
    return new Endpoint(NAME, type, List.of(targets), 0, "", Map.of(), specific);
  }

  static Stream<Case> cases() {
    Map<String, String> alias = Map.of("alias", "true", "aws/evaluate-target-health", "true");
    return Stream.of(
        new Case("the record as wanted", record("A", Map.of(), "192.0.2.1"), List.of(record("A", Map.of(), "192.0.2.1")),
            ObjectState.READY),
        new Case("a shared set holding its targets among others", record("A", Map.of(), "192.0.2.1"),
            List.of(record("A", Map.of(), "192.0.2.1", "192.0.2.2")), ObjectState.READY),
        new Case("nothing yet", record("A", Map.of(), "192.0.2.1"), List.of(), ObjectState.PENDING),
        new Case("a CNAME to a load balancer, served by the alias Route53 made of it",
            record("CNAME", Map.of(), LB), List.of(record("A", alias, LB), record("AAAA", alias, LB)), ObjectState.READY),
        new Case("an A that is not an alias does not serve a CNAME", record("CNAME", Map.of(), LB),
            List.of(record("A", Map.of(), LB)), ObjectState.PENDING),
        new Case("an alias elsewhere does not serve it", record("CNAME", Map.of(), LB),
            List.of(record("A", alias, "other-1.eu-west-1.elb.amazonaws.com")), ObjectState.PENDING));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(Case c) {
    SourceRef source = SourceRef.newBuilder().setClusterId("prod").setKind("ingress").setNamespace("shop").setName("app")
        .build();
    NameDesire desire = NameDesire.newBuilder().setSource(source).setOwnerId("prod").setResource("ingress/shop/app")
        .setEndpoints(List.of(AvroEndpoints.toAvro(c.wanted()))).build();
    StatusDecider.Decision d = StatusDecider.decide(desire, new Plan(Changes.NONE, List.of()), c.held(), "", "", false);
    assertThat(d.state()).isEqualTo(c.state());
  }
}
