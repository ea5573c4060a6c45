package io.auditgap.cli;

import io.auditgap.checks.Severity;
import io.auditgap.scan.Assessment;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a command that assesses hosts ends with: the reports it writes ({@link ReportOptions}) and
 * the exit code {@code --fail-on} decides ({@link FailOnOption}); shared by scan, probe, evaluate
 * and merge.
 */
final class OutcomeOptions {
  @Mixin FailOnOption gate = new FailOnOption();

  @Mixin ReportOptions reports = new ReportOptions();

  private Severity threshold;

  /** Refuses a bad {@code --fail-on} or report option before any work is done. */
  void validate() {
    threshold = gate.threshold();
    reports.validated();
  }

  /**
   * Writes the reports of {@code result} and returns the exit code.
   *
   * @param newOnly count only the gaps that are new since the baseline
   */
  int finish(Assessment.Result result, boolean newOnly, CommandSpec spec) {
    reports.emit(result.scan(), spec.commandLine().getOut(), spec.commandLine().getErr());
    return result.exit(threshold, newOnly).code();
  }
}
