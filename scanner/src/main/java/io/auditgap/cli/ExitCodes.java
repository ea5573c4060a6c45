package io.auditgap.cli;

/** Process exit codes, documented in the README and in {@code --help}. */
final class ExitCodes {
  /** No gap at or above {@code --fail-on}, and every host fully assessed. */
  static final int OK = 0;

  /** At least one gap at or above {@code --fail-on}. */
  static final int GAPS = 1;

  /** Bad usage or bad input (inventory, catalog, options). */
  static final int USAGE = 2;

  /**
   * A host could not be fully assessed (unreachable, untrusted, evidence not collected), no gap
   * above.
   */
  static final int INCOMPLETE = 3;

  // The --help texts of the scan-like commands (annotation values must be constants).
  static final String OK_HELP = "0:no gap at or above --fail-on, every host fully assessed";
  static final String GAPS_HELP = "1:at least one gap at or above --fail-on";
  static final String USAGE_HELP = "2:usage or input error (inventory, options)";
  static final String INCOMPLETE_HELP =
      "3:a host could not be fully assessed and no gap at or above --fail-on";

  private ExitCodes() {}
}
