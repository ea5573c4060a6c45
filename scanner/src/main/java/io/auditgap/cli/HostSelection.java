package io.auditgap.cli;

import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --hosts}: which of the inventory's hosts a command works on; shared by scan, probe and
 * inventory.
 */
final class HostSelection {
  @Option(
      names = {"--hosts", "--limit"},
      paramLabel = "PATTERN",
      description =
          "Only these hosts: comma-separated host or group globs; !x excludes, &x intersects"
              + " (e.g. 'web-*,db-1', 'webservers,!web-3').")
  String hosts;

  /** The hosts of {@code inv} that {@code --hosts} selects, all without it; none is an error. */
  Inventory select(Inventory inv) {
    if (hosts == null) {
      return inv;
    }
    List<HostSpec> selected = inv.select(hosts);
    if (selected.isEmpty()) {
      throw new InputException(
          "--hosts: '"
              + hosts
              + "' matches no host or group in "
              + inv.source()
              + "; run 'auditgap inventory show -i "
              + inv.source()
              + "' to list them");
    }
    return new Inventory(inv.source(), selected, inv.branding(), inv.warnings());
  }
}
