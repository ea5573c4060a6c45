package io.auditgap.cli;

import io.auditgap.report.DiffReport;
import io.auditgap.review.BaselineComparison;
import io.auditgap.review.Comparison;
import io.auditgap.review.ExitGate;
import io.auditgap.scan.ScanResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code auditgap diff}: what changed between two saved scans, without contacting a host. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two saved report.json files: each finding new, fixed, changed or unchanged, per"
          + " host, and hosts added or removed (the comparison 'scan --baseline' makes).",
      "Example: auditgap diff previous/report.json current/report.json -o diff/"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no gap new since the baseline at or above --fail-on",
      "1:a gap new since the baseline at or above --fail-on",
      "2:usage or input error (unreadable or invalid report.json)"
    })
final class DiffCommand implements Callable<Integer> {
  static final List<String> FORMATS = List.of("console", "json", "html");

  @Parameters(index = "0", paramLabel = "BASELINE_JSON", description = "The earlier report.json.")
  Path baseline;

  @Parameters(index = "1", paramLabel = "CURRENT_JSON", description = "The later report.json.")
  Path current;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      defaultValue = "auditgap-diff",
      description = "Directory for diff.json and diff.html (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      split = ",",
      defaultValue = "console,json,html",
      description = "console, json, html, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> formats;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "low",
      description = "Exit 1 when a new gap of this severity or higher is found (default: low).")
  String failOn;

  @Option(
      names = "--templates",
      paramLabel = "DIR",
      description = "Templates that override the bundled diff.ftlh.")
  Path templates;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    FailOnOption gate = new FailOnOption();
    gate.failOn = failOn;
    var threshold = gate.threshold();
    Set<String> wanted = new LinkedHashSet<>();
    for (String f : formats) {
      String name = f.strip().toLowerCase(Locale.ROOT);
      if (!FORMATS.contains(name)) {
        throw new InputException(
            "--format: unknown format '" + f.strip() + "'; use one or more of " + FORMATS);
      }
      wanted.add(name);
    }
    ScanResult before = ReviewOptions.readReport(baseline, "BASELINE_JSON");
    ScanResult after = ReviewOptions.readReport(current, "CURRENT_JSON");
    Comparison c = BaselineComparison.compare(before, after, baseline.toString());
    ScanResult compared = after.withReview(after.review().withComparison(c));
    DiffReport report;
    try {
      report =
          new DiffReport(templates, System.console() != null && System.getenv("NO_COLOR") == null);
    } catch (IllegalArgumentException e) {
      throw new InputException("--templates: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (String f : wanted) {
      if (f.equals("console")) {
        out.print(report.console(compared, current.toString()));
        out.flush();
        continue;
      }
      try {
        err.println("wrote " + report.write(compared, current.toString(), f, output));
      } catch (IOException e) {
        throw new InputException(
            "cannot write diff." + f + " to " + output + ": " + e.getMessage());
      }
    }
    err.flush();
    return ExitGate.newGaps(compared, threshold).code();
  }
}
