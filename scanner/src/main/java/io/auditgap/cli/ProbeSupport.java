package io.auditgap.cli;

import io.auditgap.inventory.Inventory;
import io.auditgap.probe.ProbeDiff;
import io.auditgap.probe.ProbeJson;
import io.auditgap.probe.ProbeReport;
import io.auditgap.scan.ExposureService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the exposure probe for a command and writes {@code probe.json}; shared by probe and scan.
 */
final class ProbeSupport {
  private ProbeSupport() {}

  static ProbeReport readBaseline(Path baseline) {
    if (baseline == null) {
      return null;
    }
    try {
      return ProbeJson.read(baseline);
    } catch (IOException | RuntimeException e) {
      throw new InputException(
          "--baseline: " + baseline + " is not a probe.json from auditgap: " + e.getMessage());
    }
  }

  static void checkVantages(List<String> vantages, Inventory inv) {
    for (String v : vantages) {
      try {
        ExposureService.vantage(v, inv);
      } catch (IllegalArgumentException e) {
        throw new InputException(
            "--from: " + e.getMessage() + " in the inventory (use 'local' or a host name)");
      }
    }
  }

  /** Prints the probe's warnings and its comparison with the baseline. */
  static void report(ExposureService.Outcome o, PrintWriter err) {
    for (String p : o.problems()) {
      err.println("warning: " + p);
    }
    if (o.diff() != null) {
      if (o.diff().isEmpty()) {
        err.println("baseline: no change");
      }
      for (ProbeDiff.Change c : o.diff().changes()) {
        err.println("baseline: " + (c.newExposure() ? "NEW EXPOSURE " : "") + c.summary());
      }
    }
    err.flush();
  }

  static Path write(ProbeReport report, Path dir) {
    Path p = dir.resolve("probe.json");
    try {
      java.nio.file.Files.createDirectories(dir);
      ProbeJson.write(report, p);
    } catch (IOException e) {
      throw new InputException("cannot write " + p + ": " + OsReason.of(e));
    }
    return p;
  }
}
