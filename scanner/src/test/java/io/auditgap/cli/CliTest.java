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
  void evaluateReadsSavedSnapshotsOffline(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    // A host without auditd, as the collector saw it: dpkg knows no audit package, no binaries.
    io.auditgap.collect.HostSnapshot snap =
        io.auditgap.testing.SnapshotBuilder.host("stock")
            .cmd("container", 0, "none\n")
            .cmd("packages", 0, "#dpkg\n")
            .cmd("binaries", 0, "")
            .build();
    io.auditgap.collect.SnapshotStore.save(snap, dir.resolve("snaps"));
    Run r =
        run(
            "evaluate",
            dir.resolve("snaps").toString(),
            "--format",
            "json",
            "-o",
            dir.resolve("out").toString());
    assertEquals(1, r.code(), r.err());
    com.fasterxml.jackson.databind.JsonNode host =
        io.auditgap.report.ReportFiles.readValid(dir.resolve("out/report.json"))
            .get("hosts")
            .get(0);
    assertEquals("stock", host.get("name").asText());
    java.util.Map<String, String> byCheck = new java.util.HashMap<>();
    host.get("findings")
        .forEach(f -> byCheck.put(f.get("check").asText(), f.get("status").asText()));
    assertEquals("fail", byCheck.get("auditd.installed"), byCheck.toString());
    // what the snapshot does not hold is unknown, never pass
    assertEquals("unknown", byCheck.get("auditd.running"), byCheck.toString());
  }

  @Test
  void checksListShowsTheCatalog() {
    Run r = run("checks", "list");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("auditd.installed"), r.out());
    assertTrue(r.out().contains("auditd.running"), r.out());
  }
}
