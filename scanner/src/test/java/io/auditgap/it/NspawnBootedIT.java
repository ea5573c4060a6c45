package io.auditgap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auditgap.cli.Main;
import io.auditgap.report.ReportSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real booted Debian 12 under {@code systemd-nspawn -b} ({@code src/test/nspawn/nspawn.sh}:
 * debootstrap once, cached; an overlay per run; its own network namespace), scanned over real SSH
 * through the CLI. Inside, systemd is PID 1 and auditd's unit fails because the kernel audit
 * interface is out of reach, as in any container. The report must say what the host is (a
 * systemd-nspawn container, with the evidence), leave the kernel's side to the container's host
 * (not assessed, never "0 critical, 0 high gaps"), and still judge what can be judged inside.
 *
 * <p>Root and the Debian packages of {@code src/test/nspawn-packages.txt} needed; skipped
 * otherwise, with the reason. A failing boot on a capable machine is an error. The container is
 * always stopped and its namespace, link and overlay removed (after the tests, and by a shutdown
 * hook).
 */
class NspawnBootedIT {
  private static Path script;
  private static Map<String, String> box;
  private static JsonNode report;
  private static JsonNode host;
  private static String console;
  private static String html;
  private static int exitCode;

  @BeforeAll
  static void bootAndScan() throws IOException {
    Assumptions.assumeFalse(
        "skip".equals(System.getProperty("auditgap.nspawn")), "disabled by -Dauditgap.nspawn=skip");
    script = locate();
    TestFleet.Result check = run(30, "check");
    Assumptions.assumeTrue(check.exitCode() == 0, () -> "nspawn unavailable: " + check.stdout());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> run(60, "down"), "nspawn-down"));
    long t0 = System.nanoTime();
    // first run: debootstrap (about a minute on CI, longer on a loaded machine); later: the cache
    TestFleet.Result up = run(900, "up");
    if (up.exitCode() != 0) {
      run(60, "down");
      throw new IllegalStateException(
          "nspawn.sh up failed (rc " + up.exitCode() + "):\n" + up.stdout() + up.stderr());
    }
    System.err.printf("nspawn: up in %.1f s%n%s", (System.nanoTime() - t0) / 1e9, up.stderr());
    box = new LinkedHashMap<>();
    up.stdout()
        .lines()
        .filter(l -> l.contains("="))
        .forEach(l -> box.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    Path dir = Files.createTempDirectory("nspawn-it");
    Path inv = dir.resolve("inventory.yaml");
    Files.writeString(
        inv,
        "hosts:\n  nspawn-debian12:\n    address: "
            + box.get("address")
            + "\n    port: 22\n    user: "
            + box.get("user")
            + "\n    identity_file: "
            + box.get("identity_file")
            + "\n    known_hosts: "
            + box.get("known_hosts")
            + "\n    sudo: true\n");
    Path out = dir.resolve("out");
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    long s0 = System.nanoTime();
    exitCode =
        Main.run(
            new String[] {
              "scan",
              "-i",
              inv.toString(),
              "--no-probe",
              "--format",
              "console,json,html",
              "--color",
              "never",
              "-o",
              out.toString()
            },
            new PrintWriter(o, true),
            new PrintWriter(e, true));
    System.err.printf("nspawn: scan in %.1f s%n", (System.nanoTime() - s0) / 1e9);
    console = o + e.toString();
    report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    host = report.get("hosts").get(0);
    html = Files.readString(out.resolve("report.html"));
  }

  @AfterAll
  static void stop() {
    if (script != null && box != null) {
      TestFleet.Result down = run(60, "down");
      assertEquals(0, down.exitCode(), down.stdout() + down.stderr());
    }
  }

  private static JsonNode finding(String check) {
    for (JsonNode f : host.get("findings")) {
      if (f.get("check").asText().equals(check)) {
        return f;
      }
    }
    throw new AssertionError(check + " missing: " + host);
  }

  private static String status(String check) {
    return finding(check).get("status").asText();
  }

  @Test
  void theHostIsReportedAsASystemdNspawnContainerWithItsEvidence() {
    assertTrue(exitCode == 1 || exitCode == 3, "exit " + exitCode + ": " + console);
    assertEquals("assessed", host.get("status").asText(), host.path("reason").asText());
    JsonNode c = host.get("identity").get("container");
    assertTrue(c.get("container").asBoolean(), c.toString());
    assertEquals("systemd-nspawn", c.get("type").asText(), c.toString());
    assertTrue(c.get("markers").toString().contains("systemd-nspawn"), c.toString());
    // the evidence that matters to the kernel checks: auditctl -s refused, even as root
    assertTrue(c.get("certain").asBoolean(), c.toString());
    assertTrue(c.get("decision").asText().contains("kernel audit interface refuses"), c.toString());
    assertEquals("systemd", host.get("identity").get("init").asText(), host.toString());
    assertTrue(console.contains("container systemd-nspawn"), console);
  }

  @Test
  void kernelChecksAreLeftToTheContainersHostAndSaySo() {
    for (String kernel : List.of("audit.execve", "audit.immutable", "kernel.audit-boot")) {
      JsonNode f = finding(kernel);
      assertEquals("not_applicable", f.get("status").asText(), f.toString());
      assertTrue(f.get("reason").asText().contains("scan the container host"), f.toString());
    }
    // host summary and executive summary, in the console and the HTML report
    String note = ReportSummary.CONTAINER_NOTE;
    int first = console.indexOf(note);
    assertTrue(first >= 0 && console.indexOf(note, first + 1) > first, "twice: " + console);
    assertTrue(html.contains("session auditing is delegated to the container"), "html");
    assertTrue(html.contains("scan the container host"), "html");
  }

  @Test
  void controlsBackedOnlyByKernelChecksAreNotAssessedNeverAPass() {
    String summary = console.lines().filter(l -> l.startsWith("Summary:")).findFirst().orElse("");
    assertFalse(summary.contains("0 critical, 0 high"), summary);
    assertTrue(summary.contains("1 container: " + ReportSummary.CONTAINER_NOTE), summary);
    // STIG maps most of its controls to the audit rules: not assessed here, never "ok"
    String stig =
        console.lines().filter(l -> l.strip().startsWith("DISA STIG")).findFirst().orElse("");
    assertTrue(stig.matches(".*[1-9][0-9]* not assessed.*"), stig);
    for (JsonNode fw : report.get("frameworks")) {
      for (JsonNode c : fw.get("controls")) {
        if (c.get("checks").toString().contains("\"audit.execve\"")) {
          assertTrue(
              !c.get("state").asText().equals("ok") || c.get("checks").size() > 1,
              fw.get("name") + " " + c);
        }
      }
      if (fw.get("name").asText().contains("STIG")) {
        JsonNode n = fw.get("controls_by_state");
        assertTrue(n.get("not_assessed").asInt() > n.get("ok").asInt(), fw.toString());
      }
    }
  }

  @Test
  void whatCanBeJudgedInsideIsJudged() {
    // auditd is installed and its unit failed ("Cannot open netlink audit socket")
    JsonNode running = finding("auditd.running");
    assertEquals("fail", running.get("status").asText(), running.toString());
    assertTrue(running.toString().contains("failed"), running.toString());
    // the login uid of the scan's own session, from /proc/self/loginuid
    JsonNode loginuid = finding("pam.loginuid");
    assertEquals("pass", loginuid.get("status").asText(), loginuid.toString());
    assertTrue(loginuid.toString().contains("/proc/self/loginuid"), loginuid.toString());
    // pam_tty_audit is in the stack (optional) but cannot record in a container: never claimed
    JsonNode tlog = finding("session.tlog");
    assertFalse(tlog.get("reason").asText().contains("pam_tty_audit captures"), tlog.toString());
    assertEquals("fail", tlog.get("status").asText(), tlog.toString());
    assertTrue(
        tlog.get("reason").asText().contains("pam_tty_audit records nothing in a container"),
        tlog.toString());
  }

  // ------------------------------------------------------------------------------------------

  private static Path locate() {
    for (String c : List.of("src/test/nspawn/nspawn.sh", "scanner/src/test/nspawn/nspawn.sh")) {
      Path p = Paths.get(c).toAbsolutePath();
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("nspawn.sh not found from " + Paths.get("").toAbsolutePath());
  }

  private static TestFleet.Result run(int timeoutSeconds, String... args) {
    List<String> cmd = new ArrayList<>(List.of("/bin/bash", script.toString()));
    cmd.addAll(List.of(args));
    try {
      return TestFleet.exec(timeoutSeconds, cmd, Map.of());
    } catch (IllegalStateException timedOut) {
      return new TestFleet.Result(124, "", timedOut.getMessage());
    }
  }
}
