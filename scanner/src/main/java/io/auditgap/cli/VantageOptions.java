package io.auditgap.cli;

import io.auditgap.inventory.Inventory;
import io.auditgap.probe.ProbeReport;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the exposure probe looks from, and what it compares with; shared by probe and scan. */
final class VantageOptions {
  @Option(
      names = "--from",
      paramLabel = "VANTAGE",
      split = ",",
      defaultValue = "local",
      description =
          "Probe vantage points: 'local' and/or inventory host names (default: ${DEFAULT-VALUE}).")
  List<String> from;

  /**
   * A probe.json from an earlier run, or null: {@code probe --baseline}, or for {@code scan} the
   * probe.json next to (or given as) the scan's {@code --baseline}.
   */
  Path baseline;

  /**
   * Checks the vantages against the inventory and reads the baseline, before anything runs on a
   * host.
   */
  ProbeReport validated(Inventory inventory) {
    ProbeSupport.checkVantages(from, inventory);
    return ProbeSupport.readBaseline(baseline);
  }
}
