package io.dnsplane.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import io.dnsplane.planner.ownership.Ownership;
import io.dnsplane.planner.ownership.OwnershipRegistry;
import io.dnsplane.planner.ownership.OwnershipValue;
import io.dnsplane.planner.ownership.TxtNameMapper;
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
 * A zone that already holds records dnsplane must not touch: the apex's NS and SOA, a record with
 * no TXT, records owned by another ExternalDNS owner (typed TXT and the legacy untyped TXT),
 * wildcards with and without an owner, and plain TXT (SPF, DMARC). Two managed clusters then want
 * random records of every type at those very names and at a free one, go stale and come back,
 * while the other owner changes its own records. After every event, every name of the zone is
 * planned, as the planner's topology does (TXT names too), and applied to the simulated zone: no
 * change deletes or updates a record of the zone's own, and no create overwrites one. At the end
 * each foreign record is exactly what its owner last made it, and the free name holds what is wanted. Run under four TXT registry layouts, with
 * ExternalDNS's default managed record types and with every type managed.
 */
class ZoneUntouchedPropertiesTest {
  private static final String ZONE = "example.com";
  private static final List<String> MANAGED = List.of("cluster-a", "cluster-b");
  private static final String FOREIGN_OWNER = "other-team";
  private static final List<String> NAMES = List.of("app.example.com", "example.com", "legacy.example.com",
      "foreign.example.com", "old.example.com", "*.example.com", "*.apps.example.com", "_dmarc.example.com");
  private static final List<String> TYPES = List.of("A", "AAAA", "CNAME", "TXT", "NS");

  /** What happens next: a managed owner wants records (none: withdraws), a cluster goes stale or back, the other owner moves. */
  sealed interface Event permits Want, ToggleStale, ForeignMoves {}

  record Want(String owner, String name, String type, Set<String> targets) implements Event {}

  record ToggleStale(String owner) implements Event {}

  record ForeignMoves(String ip) implements Event {}

  @Provide
  Arbitrary<TxtRegistryConfig> layouts() {
    return Arbitraries.of(TxtRegistryConfig.DEFAULT, TxtRegistryConfig.withPrefix("_external-dns."),
        new TxtRegistryConfig("", "", "star", false, "", Map.of()),
        TxtRegistryConfig.withPrefix("%{record_type}-owner."));
  }

  /** ExternalDNS's default --managed-record-types, and every type the events want (TXT and NS at the apex too). */
  @Provide
  Arbitrary<Set<String>> managedTypes() {
    return Arbitraries.of(Set.of("A", "AAAA", "CNAME"), Set.copyOf(TYPES));
  }

  @Provide
  Arbitrary<List<Event>> events() {
    Arbitrary<String> type = Arbitraries.of(TYPES);
    Arbitrary<Event> want = Combinators.combine(Arbitraries.of(MANAGED), Arbitraries.of(NAMES), type,
        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 3))
        .as((owner, name, t, count, offset) -> new Want(owner, name, t, targets(t, count, offset)));
    Arbitrary<Event> stale = Arbitraries.of(MANAGED).map(ToggleStale::new);
    Arbitrary<Event> foreign = Arbitraries.integers().between(10, 20).map(i -> new ForeignMoves("203.0.113." + i));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, want), net.jqwik.api.Tuple.of(1, stale), net.jqwik.api.Tuple.of(1, foreign))
        .list().ofMinSize(1).ofMaxSize(30);
  }

  private static Set<String> targets(String type, int count, int offset) {
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      int n = (offset + i) % 4 + 1;
      out.add(switch (type) {
        case "A" -> "192.0.2." + n;
        case "AAAA" -> "2001:db8::" + n;
        case "CNAME" -> "lb-" + n + ".example.net";
        case "TXT" -> "\"note " + n + "\"";
        default -> "ns" + n + ".example.net";
      });
    }
    // A CNAME holds one target.
    return type.equals("CNAME") && out.size() > 1 ? Set.of(out.iterator().next()) : out;
  }

  @Property(tries = 400)
  void recordsDnsplaneDoesNotOwnAreNeverTouched(@ForAll("layouts") TxtRegistryConfig layout,
      @ForAll("managedTypes") Set<String> managedTypes, @ForAll("events") List<Event> events) {
    OwnershipRegistry registry = layout.registry();
    NamePlanner planner = new NamePlanner(new Planner(managedTypes), Policy.SYNC, registry);
    Zone zone = new Zone(registry.mapper());

    Map<String, Endpoint> theirs = new LinkedHashMap<>(); // name/type -> record the zone's own people hold
    List<Endpoint> foreignRecords = new ArrayList<>();
    hold(theirs, Endpoint.of(ZONE, "NS", 172800, "ns-1.awsdns.net", "ns-2.awsdns.org"));
    hold(theirs, Endpoint.of(ZONE, "SOA", 900, "ns-1.awsdns.net. hostmaster.example.com. 1 7200 900 1209600 86400"));
    hold(theirs, Endpoint.of(ZONE, "TXT", 300, "\"v=spf1 -all\""));
    hold(theirs, Endpoint.of("_dmarc.example.com", "TXT", 300, "\"v=DMARC1; p=reject\""));
    hold(theirs, Endpoint.of("legacy.example.com", "A", 300, "198.51.100.1"));
    hold(theirs, Endpoint.of("*.example.com", "A", 300, "198.51.100.2"));
    for (String name : List.of("foreign.example.com", "*.apps.example.com")) {
      Endpoint record = Endpoint.of(name, "A", 300, "203.0.113.1");
      foreignRecords.add(record);
      hold(theirs, record);
      hold(theirs, registry.ownershipRecord(owned(record)).withoutLabels());
    }
    // The legacy untyped TXT ExternalDNS wrote before v0.18, at the affixed name without a type.
    Endpoint old = Endpoint.of("old.example.com", "CNAME", 300, "elsewhere.example.net");
    foreignRecords.add(old);
    hold(theirs, old);
    hold(theirs, Endpoint.of(registry.mapper().toLegacyTxtName(old.dnsName()), "TXT", 300,
        OwnershipValue.encode(Map.of(Endpoint.LABEL_OWNER, FOREIGN_OWNER, Endpoint.LABEL_RESOURCE, "ingress/x/old"))));
    theirs.values().forEach(zone::put);

    Map<String, Map<String, Set<String>>> desire = new HashMap<>(); // owner -> name/type -> targets
    Set<String> stale = new TreeSet<>();
    for (Event event : events) {
      if (event instanceof Want w) {
        desire.computeIfAbsent(w.owner(), o -> new HashMap<>()).put(w.name() + "/" + w.type(), w.targets());
      } else if (event instanceof ToggleStale t) {
        if (!stale.remove(t.owner())) {
          stale.add(t.owner());
        }
      } else if (event instanceof ForeignMoves m) {
        // The other owner moves its record; its TXT stays. dnsplane must not move it back.
        Endpoint record = foreignRecords.get(0).withTargets(List.of(m.ip()));
        hold(theirs, record);
        zone.put(record);
      }
      planEveryName(planner, zone, desire, stale, theirs);
    }

    stale.clear(); // every cluster back: the free name holds exactly what is wanted, so the planner did act
    planEveryName(planner, zone, desire, stale, theirs);
    for (String type : List.of("A", "AAAA")) { // shared record sets: the union of every cluster's wish
      Set<String> wanted = new TreeSet<>();
      desire.values().forEach(byKey -> wanted.addAll(byKey.getOrDefault("app.example.com/" + type, Set.of())));
      Endpoint held = zone.get("app.example.com/" + type);
      assertThat(held == null ? Set.of() : new TreeSet<>(held.targets())).as("app.example.com %s", type).isEqualTo(wanted);
    }
    if (managedTypes.contains("TXT")) { // a TXT is not shared: it holds exactly one cluster's wish
      Set<Set<String>> wishes = new java.util.HashSet<>();
      desire.values().forEach(byKey -> wishes.add(byKey.getOrDefault("app.example.com/TXT", Set.of())));
      wishes.remove(Set.of());
      Endpoint held = zone.get("app.example.com/TXT");
      if (wishes.isEmpty()) {
        assertThat(held).as("app.example.com TXT").isNull();
      } else {
        assertThat(held).as("app.example.com TXT").isNotNull();
        assertThat(wishes).as("app.example.com TXT").contains(new TreeSet<>(held.targets()));
      }
    }
    for (Endpoint record : theirs.values()) {
      assertThat(zone.get(Zone.key(record))).as("%s after %d events", Zone.key(record), events.size()).isEqualTo(record);
    }
  }

  private static Endpoint owned(Endpoint record) {
    return Ownership.with(record, Map.of(FOREIGN_OWNER, "ingress/x/" + record.dnsName().split("\\.")[0]));
  }

  private static void hold(Map<String, Endpoint> theirs, Endpoint record) {
    theirs.put(Zone.key(record), record);
  }

  /** Every name the zone holds or anyone wants, planned and applied until quiet. */
  private static void planEveryName(NamePlanner planner, Zone zone, Map<String, Map<String, Set<String>>> desire,
      Set<String> stale, Map<String, Endpoint> theirs) {
    Set<String> names = new TreeSet<>(NAMES);
    names.addAll(zone.names());
    for (String name : names) {
      for (int round = 0; round < 3; round++) {
        Changes changes = planner.plan(name, ZONE, desiredAt(name, desire), zone.observedFor(name),
            new OwnerScope(Set.copyOf(MANAGED), Set.copyOf(MANAGED), stale)).changes();
        if (changes.isEmpty()) {
          break;
        }
        apply(changes, zone, theirs);
      }
    }
  }

  private static List<Endpoint> desiredAt(String name, Map<String, Map<String, Set<String>>> desire) {
    List<Endpoint> desired = new ArrayList<>();
    desire.forEach((owner, byKey) -> byKey.forEach((key, targets) -> {
      int slash = key.lastIndexOf('/');
      if (key.substring(0, slash).equals(name) && !targets.isEmpty()) {
        desired.add(Ownership.with(new Endpoint(name, key.substring(slash + 1), List.copyOf(targets), 0, "", Map.of(),
            Map.of()), Map.of(owner, "ingress/default/app")));
      }
    }));
    return desired;
  }

  private static void apply(Changes changes, Zone zone, Map<String, Endpoint> theirs) {
    for (Endpoint gone : changes.delete()) {
      notTheirs("delete", gone, theirs);
      zone.remove(gone);
    }
    for (int i = 0; i < changes.updateOld().size(); i++) {
      notTheirs("update", changes.updateOld().get(i), theirs);
      notTheirs("update", changes.updateNew().get(i), theirs);
      zone.remove(changes.updateOld().get(i));
      zone.put(changes.updateNew().get(i).withoutLabels());
    }
    for (Endpoint created : changes.create()) {
      if (zone.get(Zone.key(created)) != null) {
        fail("create overwrites %s with %s", zone.get(Zone.key(created)), created);
      }
      zone.put(created.withoutLabels());
    }
  }

  private static void notTheirs(String what, Endpoint change, Map<String, Endpoint> theirs) {
    assertThat(theirs).as("%s of %s", what, change).doesNotContainKey(Zone.key(change));
  }

  /** The provider's side: one record set per name and type, and what the topology routes to a name. */
  private static final class Zone {
    private final TxtNameMapper mapper;
    private final Map<String, Endpoint> records = new LinkedHashMap<>();

    Zone(TxtNameMapper mapper) {
      this.mapper = mapper;
    }

    static String key(Endpoint e) {
      return e.dnsName() + "/" + e.recordType();
    }

    void put(Endpoint e) {
      records.put(key(e), e);
    }

    void remove(Endpoint e) {
      records.remove(key(e));
    }

    Endpoint get(String key) {
      return records.get(key);
    }

    Set<String> names() {
      Set<String> names = new TreeSet<>();
      records.values().forEach(e -> names.add(e.dnsName()));
      return names;
    }

    /** All records at the name, and the TXT records whose names point at it (as ObservedFanOut routes them). */
    List<Endpoint> observedFor(String name) {
      return records.values().stream().filter(e -> e.dnsName().equals(name) || (e.recordType().equals("TXT")
          && mapper.toEndpointName(e.dnsName()).map(TxtNameMapper.Owned::dnsName).filter(name::equals).isPresent()))
          .toList();
    }
  }
}
