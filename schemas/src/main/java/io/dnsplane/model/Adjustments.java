package io.dnsplane.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a provider's AdjustEndpoints (ExternalDNS's webhook API) does to desired endpoints, kept so
 * the planner plans on the adjusted form: a provider that raises a TTL to its minimum or adds its
 * own property would otherwise be asked to undo it on every plan. An endpoint is matched to its
 * adjusted form by name, type and set identifier; one the provider leaves out it will not hold.
 */
public final class Adjustments {
  /** One desired endpoint (without labels) and what the provider makes of it; empty: it will not hold it. */
  public record Adjustment(Endpoint desired, Optional<Endpoint> adjusted) {}

  /** A batch's changes with its creates and new versions adjusted, and the adjustments that changed something. */
  public record Adjusted(Changes changes, List<Adjustment> adjustments) {}

  private Adjustments() {}

  /**
   * Adjusts a batch's creates and updates' new versions through {@code adjust} (one call), TXT
   * records aside: ExternalDNS adjusts what the sources want before its registry adds the TXT.
   * A create the provider will not hold is dropped, an update it will not hold too.
   */
  public static Adjusted of(Changes changes, UnaryOperator<List<Endpoint>> adjust) {
    List<Adjustment> adjustments = ask(List.of(changes), adjust);
    return new Adjusted(applied(changes, adjustments), adjustments);
  }

  /**
   * What the provider makes of the creates and new versions of many batches (TXT aside), asked in
   * as few calls as can be matched back: one, unless two batches want different record sets of one
   * name and type (a create, then an update of it), which then go in separate calls.
   */
  public static List<Adjustment> ask(List<Changes> batches, UnaryOperator<List<Endpoint>> adjust) {
    List<Adjustment> adjustments = new ArrayList<>();
    Map<String, Endpoint> call = new LinkedHashMap<>();
    for (Changes changes : batches) {
      List<Endpoint> wanted = new ArrayList<>(changes.create());
      wanted.addAll(changes.updateNew());
      for (Endpoint e : wanted) {
        if (e.recordType().equals(RecordTypes.TXT)) {
          continue;
        }
        Endpoint plain = e.withoutLabels();
        Endpoint same = call.get(key(plain));
        if (same != null && !same.equals(plain)) {
          adjustments.addAll(pairs(List.copyOf(call.values()), adjust.apply(List.copyOf(call.values()))));
          call.clear();
        }
        call.put(key(plain), plain);
      }
    }
    if (!call.isEmpty()) {
      adjustments.addAll(pairs(List.copyOf(call.values()), adjust.apply(List.copyOf(call.values()))));
    }
    return adjustments;
  }

  /** A batch as the provider will hold it, after {@link #ask}: what it will not hold is dropped. */
  public static Changes applied(Changes changes, List<Adjustment> adjustments) {
    if (adjustments.isEmpty()) {
      return changes;
    }
    Changes.Builder out = new Changes.Builder();
    changes.delete().forEach(out::delete);
    for (int i = 0; i < changes.updateNew().size(); i++) {
      Endpoint oldE = changes.updateOld().get(i);
      adjusted(changes.updateNew().get(i), adjustments).ifPresent(a -> out.update(oldE, a));
    }
    changes.create().forEach(e -> adjusted(e, adjustments).ifPresent(out::create));
    return out.build();
  }

  /** The adjustments that changed an endpoint, by matching each desired endpoint to the provider's answer. */
  static List<Adjustment> pairs(List<Endpoint> desired, List<Endpoint> adjusted) {
    Map<String, Endpoint> byKey = new LinkedHashMap<>();
    adjusted.forEach(a -> byKey.putIfAbsent(key(a), a));
    List<Adjustment> changed = new ArrayList<>();
    for (Endpoint d : desired) {
      Endpoint plain = d.withoutLabels();
      Optional<Endpoint> a = Optional.ofNullable(byKey.get(key(d))).map(Endpoint::withoutLabels);
      if (a.isEmpty() || !a.get().equals(plain)) {
        changed.add(new Adjustment(plain, a));
      }
    }
    return changed;
  }

  /**
   * The desired endpoints as the provider will hold them, after the adjustments it made before:
   * each endpoint equal (labels aside) to an adjustment's desired one becomes its adjusted form,
   * keeping its labels; one the provider will not hold is left out. Others are as they are.
   */
  public static List<Endpoint> apply(List<Endpoint> desired, List<Adjustment> adjustments) {
    if (adjustments.isEmpty()) {
      return desired;
    }
    List<Endpoint> out = new ArrayList<>();
    for (Endpoint d : desired) {
      Optional<Adjustment> match = adjustments.stream().filter(a -> a.desired().equals(d.withoutLabels())).findFirst();
      if (match.isEmpty()) {
        out.add(d);
      } else {
        match.get().adjusted().ifPresent(a -> out.add(a.withLabels(d.labels())));
      }
    }
    return out;
  }

  private static Optional<Endpoint> adjusted(Endpoint e, List<Adjustment> adjustments) {
    if (e.recordType().equals(RecordTypes.TXT)) {
      return Optional.of(e);
    }
    List<Endpoint> one = apply(List.of(e), adjustments);
    return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
  }

  public static List<io.dnsplane.avro.Adjustment> toAvro(List<Adjustment> adjustments) {
    return adjustments.stream().map(a -> new io.dnsplane.avro.Adjustment(AvroEndpoints.toAvro(a.desired()),
        a.adjusted().map(AvroEndpoints::toAvro).orElse(null))).toList();
  }

  public static List<Adjustment> fromAvro(List<io.dnsplane.avro.Adjustment> adjustments) {
    return adjustments.stream().map(a -> new Adjustment(AvroEndpoints.fromAvro(a.getDesired()),
        Optional.ofNullable(a.getAdjusted()).map(AvroEndpoints::fromAvro))).toList();
  }

  private static String key(Endpoint e) {
    return e.dnsName() + " " + e.recordType() + " " + e.setIdentifier();
  }
}
