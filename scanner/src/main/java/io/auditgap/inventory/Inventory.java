package io.auditgap.inventory;

import java.util.List;
import java.util.Optional;

/**
 * A loaded inventory: hosts in file order with all inheritance resolved.
 *
 * @param source the file it was read from (for reports), or {@code (local)}
 */
public record Inventory(String source, List<HostSpec> hosts) {
  public Inventory {
    hosts = List.copyOf(hosts);
  }

  public Optional<HostSpec> host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
  }
}
