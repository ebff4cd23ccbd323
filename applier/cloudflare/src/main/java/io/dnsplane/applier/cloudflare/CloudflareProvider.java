package io.dnsplane.applier.cloudflare;

import feign.FeignException;
import feign.RetryableException;
import io.dnsplane.applier.cloudflare.CloudflareApi.BatchRequest;
import io.dnsplane.applier.cloudflare.CloudflareApi.BatchResult;
import io.dnsplane.applier.cloudflare.CloudflareApi.CfRecord;
import io.dnsplane.applier.cloudflare.CloudflareApi.CfZone;
import io.dnsplane.applier.cloudflare.CloudflareApi.Envelope;
import io.dnsplane.applier.cloudflare.CloudflareApi.IdOnly;
import io.dnsplane.applier.cloudflare.CloudflareRecords.Kind;
import io.dnsplane.applier.cloudflare.CloudflareRecords.Op;
import io.dnsplane.applier.spi.ApplyOutcome;
import io.dnsplane.applier.spi.BatchRefusedException;
import io.dnsplane.applier.spi.DnsProvider;
import io.dnsplane.applier.spi.RecordFailure;
import io.dnsplane.applier.spi.RetryableProviderException;
import io.dnsplane.applier.spi.Zone;
import io.dnsplane.applier.spi.ZoneFilterOptions;
import io.dnsplane.model.Changes;
import io.dnsplane.model.DnsNames;
import io.dnsplane.model.Endpoint;
import io.dnsplane.model.ProviderCapabilities;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code --provider=cloudflare}. Keeps the record ids of the zones it lists (Cloudflare changes
 * records by id), applies a batch as one call of the transactional batch endpoint, and falls back
 * to one call per record when a batch too large for one call has a chunk refused.
 */
final class CloudflareProvider implements DnsProvider {
  private final CloudflareApi api;
  private final CloudflareRecords records;
  private final boolean proxiedByDefault;
  private final ZoneFilterOptions zoneFilter;
  private final int recordsPerPage;
  private final int batchChangeSize;
  /** Record ids by zone, then by name and type. */
  private final Map<String, Map<String, List<CfRecord>>> index = new HashMap<>();

  CloudflareProvider(CloudflareApi api, boolean proxiedByDefault, ZoneFilterOptions zoneFilter, int recordsPerPage,
      int batchChangeSize) {
    this.api = api;
    this.records = new CloudflareRecords(proxiedByDefault);
    this.proxiedByDefault = proxiedByDefault;
    this.zoneFilter = zoneFilter;
    this.recordsPerPage = recordsPerPage;
    this.batchChangeSize = batchChangeSize;
  }

  @Override
  public String name() {
    return "cloudflare";
  }

  @Override
  public java.util.Set<String> capabilities() {
    return proxiedByDefault
        ? java.util.Set.of(ProviderCapabilities.PROXIED_RECORDS, ProviderCapabilities.PROXIED_BY_DEFAULT)
        : java.util.Set.of(ProviderCapabilities.PROXIED_RECORDS);
  }

  @Override
  public List<Zone> zones() {
    List<Zone> out = new ArrayList<>();
    for (int page = 1; ; page++) {
      int p = page;
      Envelope<List<CfZone>> response = call("listing zones", () -> api.zones(p, 50));
      response.result().stream()
          .filter(z -> zoneFilter.allowsZoneId(z.id()))
          .filter(z -> zoneFilter.domains().matches(DnsNames.normalize(z.name())))
          .forEach(z -> out.add(new Zone(z.id(), z.name())));
      if (response.resultInfo() == null || page >= response.resultInfo().totalPages()) {
        return out;
      }
    }
  }

  @Override
  public synchronized List<Endpoint> records(Zone zone) {
    Map<String, List<CfRecord>> byKey = new TreeMap<>();
    for (int page = 1; ; page++) {
      int p = page;
      Envelope<List<CfRecord>> response = call("listing zone " + zone.name(), () -> api.records(zone.id(), p, recordsPerPage));
      response.result().forEach(r -> byKey.computeIfAbsent(CloudflareRecords.key(r.name(), r.type()), k -> new ArrayList<>()).add(r));
      if (response.resultInfo() == null || page >= response.resultInfo().totalPages()) {
        break;
      }
    }
    byKey.keySet().removeIf(k -> k.endsWith(" SOA") || k.endsWith(" NS") && k.startsWith(zone.name() + " "));
    index.put(zone.id(), byKey);
    return records.toEndpoints(byKey);
  }

  /** One filtered listing per name; the record ids learnt replace what the index held there. */
  @Override
  public synchronized List<Endpoint> recordsAt(Zone zone, java.util.Set<String> names) {
    if (!index.containsKey(zone.id())) {
      records(zone);
    }
    Map<String, List<CfRecord>> current = index.get(zone.id());
    Map<String, List<CfRecord>> fresh = new TreeMap<>();
    for (String name : new java.util.TreeSet<>(names)) {
      current.keySet().removeIf(k -> k.startsWith(name + " "));
      for (int page = 1; ; page++) {
        int p = page;
        Envelope<List<CfRecord>> response = call("reading " + name, () -> api.recordsNamed(zone.id(), name, p, recordsPerPage));
        response.result().forEach(r -> fresh.computeIfAbsent(CloudflareRecords.key(r.name(), r.type()), k -> new ArrayList<>()).add(r));
        if (response.resultInfo() == null || page >= response.resultInfo().totalPages()) {
          break;
        }
      }
    }
    fresh.forEach((k, v) -> current.put(k, new ArrayList<>(v)));
    return records.toEndpoints(fresh);
  }

  /** Upper bound of record operations: one per target touched. */
  @Override
  public boolean fitsOneCall(Changes changes) {
    return changes.all().stream().mapToInt(e -> Math.max(1, e.targets().size())).sum() <= batchChangeSize;
  }

  @Override
  public synchronized ApplyOutcome apply(Zone zone, Changes changes) {
    if (!index.containsKey(zone.id())) {
      records(zone);
    }
    Map<String, List<CfRecord>> current = index.get(zone.id());
    List<Op> ops;
    try {
      ops = operations(current, changes);
    } catch (IllegalArgumentException e) {
      throw new BatchRefusedException(e.getMessage(), e);
    }
    if (ops.isEmpty()) {
      return ApplyOutcome.applied(null);
    }
    if (ops.size() <= batchChangeSize) {
      BatchResult result = call("changing zone " + zone.name(), () -> api.batch(zone.id(), request(ops))).result();
      return ApplyOutcome.applied(changeId(remember(current, ops, result)));
    }
    return applyInChunks(zone, current, ops);
  }

  /** Cloudflare has no change id: the audit log gets the ids of the records the change touched. */
  private static String changeId(List<String> recordIds) {
    return recordIds.isEmpty() ? null : String.join(",", recordIds);
  }

  /** A batch larger than one call: chunk by chunk, and record by record in a chunk Cloudflare refuses. */
  private ApplyOutcome applyInChunks(Zone zone, Map<String, List<CfRecord>> current, List<Op> ops) {
    List<RecordFailure> failures = new ArrayList<>();
    List<String> touched = new ArrayList<>();
    for (int from = 0; from < ops.size(); from += batchChangeSize) {
      List<Op> chunk = ops.subList(from, Math.min(ops.size(), from + batchChangeSize));
      try {
        touched.addAll(remember(current, chunk, call("changing zone " + zone.name(),
            () -> api.batch(zone.id(), request(chunk))).result()));
      } catch (BatchRefusedException refused) {
        for (Op op : chunk) {
          try {
            touched.addAll(remember(current, List.of(op), single(zone, op)));
          } catch (BatchRefusedException e) {
            failures.add(new RecordFailure(op.endpoint(), e.getMessage(), false));
          }
        }
      }
    }
    return new ApplyOutcome(Optional.ofNullable(changeId(touched)), failures.stream().distinct().toList());
  }

  private BatchResult single(Zone zone, Op op) {
    String what = op.kind() + " " + op.record().name() + " " + op.record().type();
    return switch (op.kind()) {
      case DELETE -> {
        call(what, () -> api.delete(zone.id(), op.record().id()));
        yield new BatchResult(List.of(op.record()), List.of(), List.of(), List.of());
      }
      case PATCH -> new BatchResult(List.of(), List.of(call(what, () -> api.patch(zone.id(), op.record().id(),
          op.record().withId(null))).result()), List.of(), List.of());
      case POST -> new BatchResult(List.of(), List.of(), List.of(), List.of(call(what, () -> api.create(zone.id(), op.record())).result()));
    };
  }

  /** Deletes first, then updates (per target), then creates, as Cloudflare's batch runs them. */
  private List<Op> operations(Map<String, List<CfRecord>> current, Changes changes) {
    List<Op> ops = new ArrayList<>();
    changes.delete().forEach(e -> ops.addAll(CloudflareRecords.deleteAll(at(current, e), e)));
    for (int i = 0; i < changes.updateNew().size(); i++) {
      Endpoint oldE = changes.updateOld().get(i);
      Endpoint newE = changes.updateNew().get(i);
      if (!CloudflareRecords.key(oldE.dnsName(), oldE.recordType()).equals(CloudflareRecords.key(newE.dnsName(), newE.recordType()))) {
        ops.addAll(CloudflareRecords.deleteAll(at(current, oldE), oldE));
      }
      ops.addAll(records.diff(at(current, newE), newE));
    }
    for (Endpoint e : changes.create()) {
      if (!at(current, e).isEmpty()) {
        // Cloudflare would add the targets beside records dnsplane did not create: never.
        throw new IllegalArgumentException("a " + e.recordType() + " record set at " + e.dnsName()
            + " already exists; a create never adds to it");
      }
      ops.addAll(records.diff(List.of(), e));
    }
    return ops;
  }

  private static List<CfRecord> at(Map<String, List<CfRecord>> current, Endpoint e) {
    return current.getOrDefault(CloudflareRecords.key(e.dnsName(), e.recordType()), List.of());
  }

  private static BatchRequest request(List<Op> ops) {
    return new BatchRequest(
        ops.stream().filter(o -> o.kind() == Kind.DELETE).map(o -> new IdOnly(o.record().id())).toList(),
        ops.stream().filter(o -> o.kind() == Kind.PATCH).map(Op::record).toList(),
        List.of(),
        ops.stream().filter(o -> o.kind() == Kind.POST).map(Op::record).toList());
  }

  /** Keeps the id index current from what Cloudflare answered. */
  /** Updates the view with what Cloudflare did; returns the ids of the records deleted, patched and created. */
  private static List<String> remember(Map<String, List<CfRecord>> current, List<Op> ops, BatchResult result) {
    List<String> touched = new ArrayList<>();
    ops.stream().filter(o -> o.kind() == Kind.DELETE).forEach(o -> {
      touched.add(o.record().id());
      current.values().forEach(list -> list.removeIf(r -> r.id().equals(o.record().id())));
    });
    List<CfRecord> changed = new ArrayList<>();
    if (result != null) {
      Optional.ofNullable(result.patches()).ifPresent(changed::addAll);
      Optional.ofNullable(result.posts()).ifPresent(changed::addAll);
    }
    for (CfRecord r : changed) {
      touched.add(r.id());
      current.values().forEach(list -> list.removeIf(x -> x.id().equals(r.id())));
      current.computeIfAbsent(CloudflareRecords.key(r.name(), r.type()), k -> new ArrayList<>()).add(r);
    }
    current.values().removeIf(List::isEmpty);
    return touched;
  }

  private static <T> T call(String what, Supplier<T> request) {
    try {
      return request.get();
    } catch (RetryableException e) {
      // Feign's name for "no answer": connection refused or reset, timeout.
      throw new RetryableProviderException(what + ": " + e.getMessage(), e, Optional.empty());
    } catch (FeignException e) {
      throw new BatchRefusedException(what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {}
}
