package io.dnsplane.planner.plan;

import io.dnsplane.model.Changes;
import java.util.List;
import java.util.Locale;

/** ExternalDNS's --policy (plan/policy.go): which planned changes may be applied. */
public enum Policy {
  /** Create, update and delete. */
  SYNC {
    @Override
    public Changes apply(Changes changes) {
      return changes;
    }
  },
  /** Create and update, never delete. */
  UPSERT_ONLY {
    @Override
    public Changes apply(Changes changes) {
      return new Changes(changes.create(), changes.updateOld(), changes.updateNew(), List.of());
    }
  },
  /** Create only. */
  CREATE_ONLY {
    @Override
    public Changes apply(Changes changes) {
      return new Changes(changes.create(), List.of(), List.of(), List.of());
    }
  };

  public abstract Changes apply(Changes changes);

  /** The flag's value: sync, upsert-only, create-only. */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Policy fromFlag(String value) {
    for (Policy p : values()) {
      if (p.flagValue().equals(value)) {
        return p;
      }
    }
    throw new IllegalArgumentException("--policy must be one of sync, upsert-only, create-only: " + value);
  }
}
