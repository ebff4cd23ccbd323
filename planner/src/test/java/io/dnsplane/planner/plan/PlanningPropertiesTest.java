package io.dnsplane.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.ownership.Ownership;
import io.dnsplane.planner.ownership.TxtRegistryConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of desire from two clusters and of clusters going stale and coming back
 * (--stale-cluster-policy=withdraw), applied through the pure planner to a simulated provider that
 * also holds records nobody owns. After every step: no change touches a record that is not owned
 * by a managed owner, and a create never overwrites. At the end, with every cluster live again and
 * everything applied: each managed name holds the union of desire, and planning again plans nothing.
 */
class PlanningPropertiesTest {
  private static final List<String> OWNERS = List.of("cluster-a", "cluster-b");
  private static final List<String> NAMES = List.of("app.example.com", "api.example.com", "legacy.example.com");
  private static final List<String> IPS = List.of("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4");
  /** legacy.example.com holds an A record nobody owns: it must survive everything. */
  private static final Endpoint UNOWNED = Endpoint.of("legacy.example.com", "A", 300, "198.51.100.1");

  /** An owner wants targets at a name (none: withdraws), or, with {@code toggleStale}, its cluster goes stale or comes back. */
  record Step(String owner, String name, Set<String> targets, boolean toggleStale) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Set<String>> targets = Arbitraries.of(IPS).set().ofMinSize(0).ofMaxSize(3);
    Arbitrary<Step> step = Combinators.combine(Arbitraries.of(OWNERS), Arbitraries.of(NAMES), targets,
        Arbitraries.integers().between(0, 5).map(i -> i == 0)).as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 300)
  void planningIsSafeConvergentAndIdempotent(@ForAll("steps") List<Step> steps) {
    NamePlanner planner = new NamePlanner(new Planner(), Policy.SYNC, TxtRegistryConfig.DEFAULT.registry());
    Map<String, Map<String, Set<String>>> desire = new HashMap<>(); // owner -> name -> targets
    Map<String, Endpoint> provider = new LinkedHashMap<>(); // name/type -> record
    provider.put(key(UNOWNED), UNOWNED);

    Set<String> stale = new TreeSet<>();
    for (Step step : steps) {
      if (step.toggleStale()) {
        if (!stale.remove(step.owner())) {
          stale.add(step.owner());
        }
      } else {
        desire.computeIfAbsent(step.owner(), o -> new HashMap<>()).put(step.name(), step.targets());
      }
      for (String name : NAMES) {
        applyAll(planner, name, desire, provider, stale);
      }
    }
    stale.clear(); // every cluster is back
    for (String name : NAMES) {
      applyAll(planner, name, desire, provider, stale);
      assertThat(plan(planner, name, desire, provider, stale).changes().isEmpty()).as("nothing planned twice at %s", name)
          .isTrue();
    }

    assertThat(provider.get(key(UNOWNED))).isEqualTo(UNOWNED);
    for (String name : List.of("app.example.com", "api.example.com")) {
      Set<String> wanted = new TreeSet<>();
      desire.values().forEach(byName -> wanted.addAll(byName.getOrDefault(name, Set.of())));
      Endpoint held = provider.get(name + "/A");
      assertThat(held == null ? Set.of() : new TreeSet<>(held.targets())).as("records at %s", name).isEqualTo(wanted);
    }
  }

  private static String key(Endpoint e) {
    return e.dnsName() + "/" + e.recordType();
  }

  private static Plan plan(NamePlanner planner, String name, Map<String, Map<String, Set<String>>> desire,
      Map<String, Endpoint> provider, Set<String> stale) {
    List<Endpoint> desired = new ArrayList<>();
    desire.forEach((owner, byName) -> {
      Set<String> targets = byName.getOrDefault(name, Set.of());
      if (!targets.isEmpty()) {
        desired.add(Ownership.with(new Endpoint(name, "A", List.copyOf(targets), 0, "", Map.of(), Map.of()),
            Map.of(owner, "ingress/default/" + name.split("\\.")[0])));
      }
    });
    List<Endpoint> observed = provider.values().stream().map(Endpoint::withoutLabels).toList();
    return planner.plan(name, "example.com", desired, observed,
        new OwnerScope(Set.copyOf(OWNERS), Set.copyOf(OWNERS), stale));
  }

  /** Plans and applies until the name is quiet (a few rounds at most), checking every change. */
  private static void applyAll(NamePlanner planner, String name, Map<String, Map<String, Set<String>>> desire,
      Map<String, Endpoint> provider, Set<String> stale) {
    for (int round = 0; round < 3; round++) {
      Changes changes = plan(planner, name, desire, provider, stale).changes();
      if (changes.isEmpty()) {
        return;
      }
      for (Endpoint gone : changes.delete()) {
        assertOwnedByUs(gone, provider);
        provider.remove(key(gone));
      }
      for (int i = 0; i < changes.updateOld().size(); i++) {
        assertOwnedByUs(changes.updateOld().get(i), provider);
        provider.put(key(changes.updateNew().get(i)), changes.updateNew().get(i).withoutLabels());
      }
      for (Endpoint created : changes.create()) {
        assertThat(provider).as("create never overwrites").doesNotContainKey(key(created));
        provider.put(key(created), created.withoutLabels());
      }
    }
  }

  private static void assertOwnedByUs(Endpoint e, Map<String, Endpoint> provider) {
    assertThat(e.withoutLabels()).as("never touches the unowned record").isNotEqualTo(UNOWNED);
    if (!e.recordType().equals("TXT")) {
      assertThat(Ownership.of(e).keySet()).as("owners of %s", e).isNotEmpty().isSubsetOf(OWNERS);
    }
  }
}
