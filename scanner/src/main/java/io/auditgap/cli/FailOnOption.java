package io.auditgap.cli;

import io.auditgap.checks.Severity;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code --fail-on}: the severity at which a gap makes the exit code 1, and optionally {@code new}
 * (with {@code --baseline}: only gaps that are new since the baseline count); shared by every
 * command, with the exit codes it decides (a command that documents other codes keeps its own).
 */
@Command(
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      ExitCodes.OK_HELP,
      ExitCodes.GAPS_HELP,
      ExitCodes.USAGE_HELP,
      ExitCodes.INCOMPLETE_HELP
    })
final class FailOnOption {
  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY[,new]",
      defaultValue = "low",
      description =
          "Exit 1 when a gap of this severity or higher is found (default: ${DEFAULT-VALUE}); add"
              + " 'new' (e.g. 'new' or 'high,new') to count only gaps new since --baseline.")
  String failOn;

  Severity threshold() {
    Severity threshold = null;
    for (String part : parts()) {
      if (part.equals("new")) {
        continue;
      }
      Severity s = Severity.parse(part);
      if (s == null || threshold != null) {
        throw new InputException(
            "--fail-on: '"
                + failOn
                + "' is not a severity; use info, low, medium, high or critical, optionally with"
                + " 'new' (e.g. --fail-on high,new)");
      }
      threshold = s;
    }
    return threshold == null ? Severity.LOW : threshold;
  }

  /** True when only gaps new since the baseline count. */
  boolean newOnly() {
    for (String part : parts()) {
      if (part.equals("new")) {
        return true;
      }
    }
    return false;
  }

  private String[] parts() {
    return failOn.toLowerCase(Locale.ROOT).replace(" ", "").split(",", -1);
  }
}
