package io.auditgap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The CLI in-process: exit codes and one-line errors. */
class CliTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void versionAndHelp() {
    Run v = run("--version");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("auditgap "), v.out());
    Run h = run("scan", "--help");
    assertEquals(0, h.code());
    assertTrue(h.out().contains("Exit codes:"), h.out());
    assertTrue(h.out().contains("--fail-on"), h.out());
  }

  @Test
  void unknownOptionIsUsageErrorWithOneLine() {
    Run r = run("scan", "--no-such-option");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: Unknown option: '--no-such-option'"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
  }

  @Test
  void badSeverityAndProfileAreInputErrors() {
    Run r = run("scan", "--fail-on", "urgent");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--fail-on: 'urgent' is not a severity"), r.err());
    r = run("checks", "list", "--profile", "nist");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown profile 'nist'"), r.err());
    assertFalse(r.err().contains("\tat "));
  }

  @Test
  void badParametersAreInputErrorsBeforeAnyHostIsContacted() {
    Run r = run("scan", "--retention-days", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--retention-days must be at least 1"), r.err());
    r = run("scan", "--format", "json,pfd");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown format 'pfd'"), r.err());
    r = run("scan", "-i", "/nonexistent/inventory.yaml");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("/nonexistent/inventory.yaml: cannot read"), r.err());
  }

  @Test
  void checksListShowsTheCatalog() {
    Run r = run("checks", "list");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("auditd.installed"), r.out());
    assertTrue(r.out().contains("auditd.running"), r.out());
  }
}
