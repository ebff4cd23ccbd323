package io.dnsplane.applier.spi;

import io.dnsplane.model.Changes;
import io.dnsplane.model.Endpoint;
import java.util.List;
import java.util.Set;

/**
 * A provider under its applier's instance name ({@code --applier-name}), so two accounts of one
 * provider run side by side: the name keys the change topic, the consumer group and the zones the
 * applier announces, and the planner sends each zone's changes to the instance that announced it.
 * Everything else is the provider's own.
 */
public final class InstanceNamedProvider implements DnsProvider {
  private final DnsProvider provider;
  private final String instance;

  private InstanceNamedProvider(DnsProvider provider, String instance) {
    this.provider = provider;
    this.instance = instance;
  }

  /** {@code provider} itself when the instance name is the provider's own. */
  public static DnsProvider of(DnsProvider provider, String instance) {
    return instance == null || instance.equals(provider.name()) ? provider : new InstanceNamedProvider(provider, instance);
  }

  @Override
  public String name() {
    return instance;
  }

  @Override
  public List<Zone> zones() {
    return provider.zones();
  }

  @Override
  public List<Endpoint> records(Zone zone) {
    return provider.records(zone);
  }

  @Override
  public List<Endpoint> recordsAt(Zone zone, Set<String> names) {
    return provider.recordsAt(zone, names);
  }

  @Override
  public ApplyOutcome apply(Zone zone, Changes changes) {
    return provider.apply(zone, changes);
  }

  @Override
  public boolean fitsOneCall(Changes changes) {
    return provider.fitsOneCall(changes);
  }

  @Override
  public List<Endpoint> adjust(List<Endpoint> desired) {
    return provider.adjust(desired);
  }

  @Override
  public Set<String> capabilities() {
    return provider.capabilities();
  }

  @Override
  public void close() {
    provider.close();
  }
}
