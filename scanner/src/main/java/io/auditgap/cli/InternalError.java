package io.auditgap.cli;

import io.auditgap.text.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** An unexpected exception: one line for the user, the full trace in a file for the bug report. */
final class InternalError {
  private InternalError() {}

  /** The line to print: {@code internal error: <summary>; full trace in <file>}. */
  static String report(Throwable ex) {
    String summary = summary(ex);
    String where;
    try {
      Path file = Files.createTempFile("auditgap-internal-error-", ".txt");
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      Files.writeString(file, trace.toString(), StandardCharsets.UTF_8);
      where = "full trace saved to " + file;
    } catch (IOException | RuntimeException e) {
      where = "the trace could not be saved (" + e.getClass().getSimpleName() + ")";
    }
    return "internal error: " + summary + "; " + where + " (please report it)";
  }

  static String summary(Throwable ex) {
    String msg = ex.getMessage();
    String first = msg == null ? "" : msg.lines().findFirst().orElse("");
    first = TerminalText.line(first, 200);
    return ex.getClass().getName() + (first.isEmpty() ? "" : ": " + first);
  }
}
