package io.auditgap.checks.matchers.session;

/** Login shells that start tlog session recording. */
final class TlogShells {
  private TlogShells() {}

  /**
   * {@code /usr/bin/tlog-rec-session}, or a link named {@code tlog-rec-session-shell-<encoded
   * shell>} (tlog-rec-session(8): the link name selects the shell to run).
   */
  static boolean isRecordingShell(String shell) {
    String base = shell.substring(shell.lastIndexOf('/') + 1);
    return base.equals("tlog-rec-session") || base.startsWith("tlog-rec-session-shell-");
  }
}
