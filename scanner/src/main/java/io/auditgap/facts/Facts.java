package io.auditgap.facts;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.timing.Phases;
import java.util.HashMap;
import java.util.Map;

/** The typed facts of one host, derived lazily and once from its snapshot. Not thread-safe. */
public final class Facts {
  private final HostSnapshot snapshot;
  private final Map<FactKey<?>, Object> cache = new HashMap<>();

  public Facts(HostSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  public HostSnapshot snapshot() {
    return snapshot;
  }

  @SuppressWarnings("unchecked")
  public <T> T get(FactKey<T> key) {
    Object v = cache.get(key);
    if (v == null) {
      long start = Phases.threadCpu();
      boolean outermost = Phases.enterParse();
      try {
        v = key.derive().apply(snapshot);
      } finally {
        Phases.exitParse();
        if (outermost) {
          Phases.addCpu(Phases.Phase.PARSE, start);
        }
      }
      cache.put(key, v);
    }
    return (T) v;
  }
}
