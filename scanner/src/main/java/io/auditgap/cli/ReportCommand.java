package io.auditgap.cli;

import io.auditgap.report.JsonReportReader;
import io.auditgap.scan.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code auditgap report}: re-render a saved report.json in other formats, without scanning. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Re-render a saved report.json (from 'scan' or 'evaluate') in any format, without contacting"
          + " a host.",
      "Example: auditgap report auditgap-report/report.json --format pdf,csv -o out/"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:reports written",
      "2:usage or input error (unreadable or invalid report.json)"
    })
final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "REPORT_JSON", description = "A report.json written by auditgap.")
  Path input;

  @Mixin ReportOptions reports = new ReportOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    reports.validated();
    if (Files.isDirectory(input)) {
      Path inside = input.resolve("report.json");
      throw new InputException(
          input
              + " is a directory; give the report.json file"
              + (Files.isRegularFile(inside)
                  ? ", e.g. " + inside
                  : " written by scan or evaluate"));
    }
    if (!Files.isRegularFile(input)) {
      throw new InputException(input + ": no such file");
    }
    ScanResult result;
    try {
      result = new JsonReportReader().read(input);
    } catch (IOException e) {
      throw new InputException(input + ": " + OsReason.of(e));
    }
    reports.emit(result, spec.commandLine().getOut(), spec.commandLine().getErr());
    return ExitCodes.OK;
  }
}
