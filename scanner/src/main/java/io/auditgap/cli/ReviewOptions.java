package io.auditgap.cli;

import io.auditgap.inventory.InventoryException;
import io.auditgap.inventory.InventoryFormat;
import io.auditgap.inventory.InventoryReader;
import io.auditgap.report.JsonReportReader;
import io.auditgap.review.ReviewPlan;
import io.auditgap.review.Waiver;
import io.auditgap.review.WaiverException;
import io.auditgap.review.WaiverFile;
import io.auditgap.scan.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --waivers} and {@code --baseline}: accepted risks and the previous scan. */
final class ReviewOptions {
  @Option(
      names = "--waivers",
      paramLabel = "FILE",
      description =
          "Accepted risks (YAML: waivers: [{check, hosts, justification, owner, ticket, expires}]);"
              + " added to the inventory's waivers.")
  Path waiversFile;

  @Option(
      names = "--baseline",
      paramLabel = "REPORT_JSON",
      description =
          "A previous report.json: mark each finding new, fixed, changed or unchanged since then"
              + " (the probe.json next to it is the probe's baseline; a probe.json alone works"
              + " too).")
  Path baselineFile;

  /** The exposure probe's baseline: the probe.json given, or the one next to the report.json. */
  private Path probeBaseline;

  private List<Waiver> waivers;
  private boolean waiversGiven;
  private ScanResult baseline;

  /** Reads the waivers and the baseline before anything runs on a host; bad input stops here. */
  void load(Path inventoryFile, FailOnOption gate) {
    if (gate.newOnly() && baselineFile == null) {
      throw new InputException(
          "--fail-on new: needs --baseline previous/report.json to know what is new");
    }
    List<Waiver> all = new ArrayList<>();
    try {
      // inline waivers live only in auditgap's own inventory format, not in Ansible's
      if (inventoryFile != null && isAuditgapInventory(inventoryFile)) {
        all.addAll(WaiverFile.fromInventory(inventoryFile));
      }
      if (waiversFile != null) {
        if (!Files.isRegularFile(waiversFile)) {
          throw new InputException("--waivers: " + waiversFile + ": no such file");
        }
        all.addAll(WaiverFile.load(waiversFile));
      }
    } catch (WaiverException e) {
      throw new InputException(e.getMessage());
    }
    waivers = List.copyOf(all);
    waiversGiven = waiversFile != null || !all.isEmpty();
    if (baselineFile != null) {
      try {
        baseline = readReport(baselineFile, "--baseline");
        Path sibling = baselineFile.resolveSibling("probe.json");
        probeBaseline = Files.isRegularFile(sibling) ? sibling : null;
      } catch (InputException notAReport) {
        try {
          ProbeSupport.readBaseline(baselineFile);
        } catch (InputException notAProbe) {
          throw notAReport;
        }
        if (gate.newOnly()) {
          throw new InputException(
              "--fail-on new: --baseline " + baselineFile + " is a probe.json; give a report.json");
        }
        probeBaseline = baselineFile;
      }
    }
  }

  private static boolean isAuditgapInventory(Path file) {
    try {
      return InventoryReader.detect(file) == InventoryFormat.AUDITGAP;
    } catch (InventoryException e) {
      return false; // the inventory reader reports what is wrong with it
    }
  }

  /** The probe.json the exposure probe compares with, or null. */
  Path probeBaseline() {
    return probeBaseline;
  }

  /** What the scan is reviewed against: the waivers and the baseline read by {@link #load}. */
  ReviewPlan plan() {
    return new ReviewPlan(
        waivers == null ? List.of() : waivers,
        waiversGiven,
        baseline,
        baselineFile == null ? null : baselineFile.toString());
  }

  static ScanResult readReport(Path file, String option) {
    if (!Files.isRegularFile(file)) {
      throw new InputException(option + ": " + file + ": no such file");
    }
    try {
      return new JsonReportReader().read(file);
    } catch (IOException e) {
      throw new InputException(option + ": " + file + ": " + e.getMessage());
    }
  }
}
