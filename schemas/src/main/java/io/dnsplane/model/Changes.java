package io.dnsplane.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The planner's output, as ExternalDNS's plan.Changes: what to create, update (updateOld[i] becomes
 * updateNew[i]) and delete. Plain data.
 */
public record Changes(List<Endpoint> create, List<Endpoint> updateOld, List<Endpoint> updateNew, List<Endpoint> delete) {
  public static final Changes NONE = new Changes(List.of(), List.of(), List.of(), List.of());

  public Changes {
    create = List.copyOf(create);
    updateOld = List.copyOf(updateOld);
    updateNew = List.copyOf(updateNew);
    delete = List.copyOf(delete);
    if (updateOld.size() != updateNew.size()) {
      throw new IllegalArgumentException("updateOld and updateNew must pair up: " + updateOld.size() + " vs " + updateNew.size());
    }
  }

  public boolean isEmpty() {
    return create.isEmpty() && updateOld.isEmpty() && delete.isEmpty();
  }

  /** Every endpoint in the changes, old and new. */
  public List<Endpoint> all() {
    List<Endpoint> all = new ArrayList<>(create);
    all.addAll(updateOld);
    all.addAll(updateNew);
    all.addAll(delete);
    return all;
  }

  /** Builds changes one entry at a time. */
  public static final class Builder {
    private final List<Endpoint> create = new ArrayList<>();
    private final List<Endpoint> updateOld = new ArrayList<>();
    private final List<Endpoint> updateNew = new ArrayList<>();
    private final List<Endpoint> delete = new ArrayList<>();

    public Builder create(Endpoint e) {
      create.add(e);
      return this;
    }

    public Builder update(Endpoint oldEndpoint, Endpoint newEndpoint) {
      updateOld.add(oldEndpoint);
      updateNew.add(newEndpoint);
      return this;
    }

    public Builder delete(Endpoint e) {
      delete.add(e);
      return this;
    }

    public Builder addAll(Changes other) {
      create.addAll(other.create);
      updateOld.addAll(other.updateOld);
      updateNew.addAll(other.updateNew);
      delete.addAll(other.delete);
      return this;
    }

    public Changes build() {
      return new Changes(create, updateOld, updateNew, delete);
    }
  }
}
