package io.auditgap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditgap.cli.Main;
import io.auditgap.report.ReportFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins that go wrong, on real OpenSSH (fleet hosts {@code faults} and {@code faults-nosudo}, see
 * their READMEs), scanned in one run next to a refused port and a name that does not resolve: every
 * host ends with its own status and a reason a sysadmin can act on, and the healthy host next to
 * them is assessed as usual. The outcomes are listed in docs/reliability.md.
 */
class FaultFleetIT {
  private static JsonNode report;
  private static String console;
  private static int exitCode;
  private static long millis;
  @TempDir static Path tmp;

  @BeforeAll
  static void scan() throws Exception {
    TestFleet fleet = TestFleet.get();
    String faults = address(fleet, "faults");
    String noSudo = address(fleet, "faults-nosudo");
    StringBuilder inv = new StringBuilder();
    inv.append("defaults:\n  user: auditor\n  sudo: true\n")
        .append("  identity_file: ")
        .append(fleet.identityFile())
        .append("\n  known_hosts: ")
        .append(fleet.knownHosts())
        .append("\nhosts:\n");
    host(inv, "sudo-warns", faults, "auditor");
    host(inv, "sudo-needs-password", faults, "fc-sudopw");
    host(inv, "shell-false", faults, "fc-false");
    host(inv, "shell-nologin", faults, "fc-nologin");
    host(inv, "restricted-shell", faults, "fc-rbash");
    host(inv, "force-command-sftp", faults, "fc-sftp");
    host(inv, "pam-session-refused", faults, "fc-pamdeny");
    host(inv, "sudo-missing", noSudo, "auditor");
    // nothing listens on port 2 of the fleet host; .invalid never resolves (RFC 6761)
    inv.append("  refused-port: {address: ").append(faults).append(", port: 2}\n");
    inv.append("  dns-failure: {address: no-such-host.invalid}\n");
    Path file = tmp.resolve("faults.yaml");
    Files.writeString(file, inv);
    Path out = tmp.resolve("out");
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    long t0 = System.nanoTime();
    exitCode =
        Main.run(
            new String[] {
              "scan",
              "-i",
              file.toString(),
              "--no-probe",
              "--timeout",
              "60",
              "--format",
              "json",
              "-o",
              out.toString()
            },
            new PrintWriter(o, true),
            new PrintWriter(e, true));
    millis = (System.nanoTime() - t0) / 1_000_000;
    console = o + "\n" + e;
    report = ReportFiles.readValid(out.resolve("report.json"));
    StringBuilder table = new StringBuilder();
    hosts()
        .forEach(
            (name, h) ->
                table
                    .append(name)
                    .append(" | ")
                    .append(h.get("status").asText())
                    .append(" | ")
                    .append(h.path("reason").asText())
                    .append('\n'));
    System.err.print(table);
    Files.writeString(Path.of("target", "fault-fleet.txt"), table);
  }

  private static String address(TestFleet fleet, String host) throws Exception {
    return Files.readString(fleet.workDir().resolve("run").resolve(host).resolve("ip")).strip();
  }

  private static void host(StringBuilder inv, String name, String address, String user) {
    inv.append("  ")
        .append(name)
        .append(": {address: ")
        .append(address)
        .append(", user: ")
        .append(user)
        .append("}\n");
  }

  private static Map<String, JsonNode> hosts() {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    report.get("hosts").forEach(h -> m.put(h.get("name").asText(), h));
    return m;
  }

  private static void expect(String host, String status, String... reasonParts) {
    JsonNode h = hosts().get(host);
    assertTrue(h != null, host + " missing from the report:\n" + console);
    String reason = h.path("reason").asText();
    assertEquals(status, h.get("status").asText(), host + ": " + reason);
    for (String part : reasonParts) {
      assertTrue(reason.contains(part), host + ": expected '" + part + "' in: " + reason);
    }
    for (JsonNode f : h.get("findings")) {
      if (!status.equals("assessed") && !status.equals("partial")) {
        assertEquals("unknown", f.get("status").asText(), host + " " + f);
      }
    }
  }

  @Test
  void sudoWarningsOnStderrAreNotARefusal() {
    JsonNode h = hosts().get("sudo-warns");
    String reason = h.path("reason").asText();
    assertTrue(
        h.get("status").asText().equals("assessed") || h.get("status").asText().equals("partial"),
        reason);
    assertFalse(reason.contains("collector output"), reason);
    assertFalse(reason.contains("refused"), reason);
  }

  @Test
  void sudoNeedingAPasswordIsNamedAsSuch() {
    expect(
        "sudo-needs-password",
        "error",
        "sudo -n refused (this user has no passwordless sudo): sudo: a password is required");
  }

  @Test
  void loginShellsThatRunNothingSayWhatTheyDid() {
    expect("shell-false", "error", "exited with status 1", "it printed nothing", "/bin/false");
    expect(
        "shell-nologin",
        "error",
        "exited with status 1",
        "\"This account is currently not available.\"");
    expect(
        "restricted-shell",
        "error",
        "the login shell found no sudo command (rbash: line 1: sudo: command not found)");
    expect(
        "force-command-sftp",
        "error",
        "exited with status 1",
        "\"This service allows sftp connections only.\"");
  }

  @Test
  void aPamSessionStackThatRefusesTheLoginShowsSshdsExitAndWhatItPrinted() {
    // sshd prints the MOTD (Debian's /etc/motd, after the dynamic part when pam_motd made one),
    // then the session stack fails and sshd exits 254 (as in the report)
    expect(
        "pam-session-refused",
        "error",
        "exited with status 254",
        "it printed: \"",
        "The programs included with the Debian GNU/Linux system are free software;");
  }

  @Test
  void missingSudoIsNamed() {
    expect(
        "sudo-missing",
        "error",
        "the login shell found no sudo command (bash: line 1: sudo: command not found)",
        "set sudo: false");
  }

  @Test
  void networkFaultsNextToThemAreClassifiedAndTheScanIsBounded() {
    expect("refused-port", "unreachable", "refused the connection");
    expect("dns-failure", "unreachable", "cannot resolve host name no-such-host.invalid");
    assertEquals(10, hosts().size());
    // every host is bounded by --timeout 60 (connect and collect); hosts run in parallel
    assertTrue(millis < 75_000, "the scan took " + millis + " ms");
    assertTrue(exitCode != 0, "exit code " + exitCode);
  }
}
