package io.dnsplane.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.avro.PlanRule;
import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.ownership.Ownership;
import io.dnsplane.planner.plan.PlanRules.Trigger;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Why a batch was planned, as the audit log says it. */
class PlanRulesTest {
  private static Endpoint a(String targets, String... owners) {
    Map<String, String> byOwner = new java.util.TreeMap<>();
    for (String o : owners) {
      byOwner.put(o, "ingress/default/app");
    }
    return Ownership.with(Endpoint.of("app.example.com", "A", 300, targets.split(",")), byOwner);
  }

  private static final Endpoint TXT = Endpoint.of("a-app.example.com", "TXT", 300, "\"heritage=external-dns\"");

  record Case(String name, Trigger trigger, Changes records, Changes all, PlanRule rule) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Changes creates(Endpoint... e) {
    Changes.Builder b = new Changes.Builder();
    Stream.of(e).forEach(b::create);
    return b.build();
  }

  private static Changes update(Endpoint old, Endpoint now) {
    return new Changes.Builder().update(old, now).build();
  }

  static Stream<Case> cases() {
    Changes none = new Changes.Builder().build();
    Changes txtOnly = new Changes.Builder().update(TXT, TXT.withTargets(java.util.List.of("\"other\""))).build();
    return Stream.of(
        new Case("a new record", Trigger.DESIRE, creates(a("192.0.2.1", "a")), creates(a("192.0.2.1", "a"), TXT),
            PlanRule.CREATE),
        new Case("the same owner moves it", Trigger.DESIRE, update(a("192.0.2.1", "a"), a("192.0.2.2", "a")),
            update(a("192.0.2.1", "a"), a("192.0.2.2", "a")), PlanRule.UPDATE),
        new Case("another cluster joins", Trigger.DESIRE, update(a("192.0.2.1", "a"), a("192.0.2.1,192.0.2.2", "a", "b")),
            update(a("192.0.2.1", "a"), a("192.0.2.1,192.0.2.2", "a", "b")), PlanRule.MERGE),
        new Case("a cluster leaves a shared set", Trigger.DESIRE,
            update(a("192.0.2.1,192.0.2.2", "a", "b"), a("192.0.2.1", "a")),
            update(a("192.0.2.1,192.0.2.2", "a", "b"), a("192.0.2.1", "a")), PlanRule.WITHDRAW),
        new Case("a stale cluster leaves on a timer", Trigger.TIMER,
            update(a("192.0.2.1,192.0.2.2", "a", "b"), a("192.0.2.1", "a")),
            update(a("192.0.2.1,192.0.2.2", "a", "b"), a("192.0.2.1", "a")), PlanRule.WITHDRAW),
        new Case("the last owner leaves", Trigger.DESIRE, new Changes.Builder().delete(a("192.0.2.1", "a")).build(),
            new Changes.Builder().delete(a("192.0.2.1", "a")).delete(TXT).build(), PlanRule.DELETE),
        new Case("another owner id takes it over", Trigger.DESIRE, update(a("192.0.2.1", "old"), a("192.0.2.1", "new")),
            update(a("192.0.2.1", "old"), a("192.0.2.1", "new")), PlanRule.ADOPT),
        new Case("only ownership records change (migration)", Trigger.DESIRE, none, txtOnly, PlanRule.ADOPT),
        new Case("the provider drifted", Trigger.OBSERVATION, creates(a("192.0.2.1", "a")),
            creates(a("192.0.2.1", "a"), TXT), PlanRule.REPAIR),
        new Case("nothing", Trigger.DESIRE, none, none, PlanRule.UNKNOWN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(Case c) {
    assertThat(PlanRules.of(c.trigger(), c.records(), c.all())).isEqualTo(c.rule());
  }
}
