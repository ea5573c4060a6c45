package io.auditgap.cli;

import io.auditgap.checks.Severity;
import picocli.CommandLine.Option;

/**
 * {@code --fail-on}: the severity at which a gap makes the exit code 1; shared by every command.
 */
final class FailOnOption {
  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "low",
      description =
          "Exit 1 when a gap of this severity or higher is found (default: ${DEFAULT-VALUE}).")
  String failOn;

  Severity threshold() {
    Severity threshold = Severity.parse(failOn);
    if (threshold == null) {
      throw new InputException(
          "--fail-on: '" + failOn + "' is not a severity; use info, low, medium, high or critical");
    }
    return threshold;
  }
}
