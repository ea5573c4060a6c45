package io.auditgap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditgap.cli.Main;
import io.auditgap.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end against the real OpenSSH fleet: verdicts, honesty, trust, no writes. */
class ScanFleetIT {
  private static TestFleet fleet;
  @TempDir Path tmp;

  @BeforeAll
  static void fleet() {
    fleet = TestFleet.get();
  }

  record Run(int code, String out, String err, JsonNode report) {
    JsonNode host(String name) {
      for (JsonNode h : report.get("hosts")) {
        if (h.get("name").asText().equals(name)) {
          return h;
        }
      }
      throw new AssertionError("host " + name + " missing from report");
    }

    Map<String, String> statuses(String host) {
      Map<String, String> m = new LinkedHashMap<>();
      for (JsonNode f : host(host).get("findings")) {
        m.put(f.get("check").asText(), f.get("status").asText());
      }
      return m;
    }
  }

  private Run scan(String... args) throws IOException {
    Path out = tmp.resolve("out-" + System.nanoTime());
    List<String> all = new ArrayList<>(List.of("scan", "-o", out.toString(), "--format", "json"));
    all.addAll(List.of(args));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code =
        Main.run(all.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
    Path json = out.resolve("report.json");
    JsonNode report = Files.exists(json) ? ReportFiles.readValid(json) : null;
    return new Run(code, o.toString(), e.toString(), report);
  }

  private static Map<String, String> expect(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void fleetScanGivesTheExpectedVerdictsOnOneExecPerHost() throws IOException {
    Run r = scan("-i", fleet.inventory().toString());
    assertEquals(1, r.code(), r.err());
    Map<String, Map<String, String>> expected = new LinkedHashMap<>();
    expected.put(
        "debian-stock",
        expect(
            "auditd.installed",
            "fail",
            "auditd.running",
            "fail",
            "audit.execve",
            "fail",
            "audit.immutable",
            "fail",
            "audit.rules-drift",
            "fail"));
    expected.put(
        "debian-auditd",
        expect(
            "auditd.installed",
            "pass",
            "auditd.running",
            "pass",
            "audit.execve",
            "fail",
            "audit.immutable",
            "fail",
            "audit.rules-drift",
            "pass"));
    expected.put(
        "hardened",
        expect(
            "auditd.installed",
            "pass",
            "auditd.running",
            "pass",
            "audit.execve",
            "pass",
            "audit.immutable",
            "pass",
            "audit.rules-drift",
            "pass"));
    expected.put(
        "tricky",
        expect(
            "auditd.installed",
            "pass",
            "auditd.running",
            "pass",
            "audit.execve",
            "fail",
            "audit.immutable",
            "fail",
            "audit.rules-drift",
            "pass"));
    expected.put(
        "drift",
        expect(
            "auditd.installed",
            "pass",
            "auditd.running",
            "pass",
            "audit.execve",
            "fail",
            "audit.immutable",
            "fail",
            "audit.rules-drift",
            "fail"));
    expected.put(
        "nosudo",
        expect(
            "auditd.installed",
            "pass",
            "auditd.running",
            "pass",
            "audit.execve",
            "unknown",
            "audit.immutable",
            "unknown",
            "audit.rules-drift",
            "unknown"));
    for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
      Map<String, String> got = r.statuses(e.getKey());
      for (Map.Entry<String, String> c : e.getValue().entrySet()) {
        assertEquals(c.getValue(), got.get(c.getKey()), e.getKey() + " " + c.getKey() + ": " + got);
      }
      JsonNode collection = r.host(e.getKey()).get("collection");
      assertEquals(1, collection.get("exec_channels").asInt(), e.getKey() + " exec channels");
      assertTrue(collection.get("bytes").asLong() > 0, e.getKey());
    }
    assertEquals("partial", r.host("nosudo").get("status").asText());
    String trickyExecve = finding(r, "tricky", "audit.execve").get("reason").asText();
    assertTrue(trickyExecve.contains("neutralised"), trickyExecve);
    assertTrue(trickyExecve.contains("b32 missing"), trickyExecve);
    String nosudo = finding(r, "nosudo", "audit.execve").get("reason").asText();
    assertTrue(nosudo.contains("needs root"), nosudo);
    JsonNode hardenedEvidence = finding(r, "hardened", "audit.execve").get("evidence");
    assertTrue(
        hardenedEvidence.toString().contains("/etc/audit/rules.d/"),
        "execve evidence cites the rules file: " + hardenedEvidence);
  }

  private static JsonNode finding(Run r, String host, String check) {
    for (JsonNode f : r.host(host).get("findings")) {
      if (f.get("check").asText().equals(check)) {
        return f;
      }
    }
    throw new AssertionError(check + " missing on " + host);
  }

  private Path inventory(Path knownHosts, Path identity, String hostsYaml) throws IOException {
    Path inv = tmp.resolve("inv-" + System.nanoTime() + ".yaml");
    Files.writeString(
        inv,
        "defaults:\n  user: "
            + fleet.user()
            + "\n  identity_file: "
            + identity
            + "\n  known_hosts: "
            + knownHosts
            + "\n  sudo: true\nhosts:\n"
            + hostsYaml);
    return inv;
  }

  private String hostLine(String name) {
    TestFleet.Host h = fleet.host(name);
    return "  " + name + ": {address: " + h.address() + ", port: " + h.port() + "}\n";
  }

  @Test
  void unknownHostKeyIsRefusedThenAcceptedOnRequestOnly() throws IOException {
    Path kh = tmp.resolve("known_hosts");
    Files.writeString(kh, "");
    Path inv = inventory(kh, fleet.identityFile(), hostLine("hardened"));
    // Only the audit checks, which the hardened host passes: exit 0 then means "trusted and clean".
    Path checks = Files.createDirectory(tmp.resolve("checks"));
    Files.copy(Path.of("..", "checks", "auditd.yaml"), checks.resolve("auditd.yaml"));
    Run refused = scan("-i", inv.toString(), "--checks-dir", checks.toString(), "--no-probe");
    assertEquals(3, refused.code(), refused.err());
    JsonNode h = refused.host("hardened");
    assertEquals("untrusted", h.get("status").asText());
    assertTrue(h.get("reason").asText().contains("SHA256:"), h.get("reason").asText());
    String offered = h.get("host_key_fingerprint").asText();
    assertTrue(offered.startsWith("SHA256:"), "the refused key's fingerprint is reported: " + h);
    assertTrue(h.get("reason").asText().contains(offered), h.get("reason").asText());
    assertTrue(r(refused).values().stream().allMatch("unknown"::equals));
    assertEquals("", Files.readString(kh), "strict mode never writes known_hosts");

    Run accepted =
        scan(
            "-i",
            inv.toString(),
            "--accept-new-host-keys",
            "--checks-dir",
            checks.toString(),
            "--no-probe");
    assertEquals(0, accepted.code(), accepted.err());
    assertEquals(1, Files.readAllLines(kh).size());
    Run again = scan("-i", inv.toString(), "--checks-dir", checks.toString(), "--no-probe");
    assertEquals(0, again.code(), again.err());
    assertEquals(
        accepted.host("hardened").get("host_key_fingerprint").asText(),
        again.host("hardened").get("host_key_fingerprint").asText());
  }

  private static Map<String, String> r(Run run) {
    return run.statuses(run.report().get("hosts").get(0).get("name").asText());
  }

  @Test
  void changedHostKeyIsRefusedAndNeverReplaced() throws IOException {
    TestFleet.Host tricky = fleet.host("tricky");
    TestFleet.Host hardened = fleet.host("hardened");
    // known_hosts claims hardened's address has tricky's keys: what a man in the middle looks like.
    String forged =
        Files.readAllLines(fleet.knownHosts()).stream()
            .filter(
                l ->
                    l.startsWith(tricky.address() + " ")
                        || l.startsWith("[" + tricky.address() + "]"))
            .map(l -> l.replace(tricky.address(), hardened.address()))
            .collect(Collectors.joining("\n", "", "\n"));
    assertFalse(forged.isBlank(), "fleet known_hosts has lines for tricky");
    Path kh = tmp.resolve("known_hosts");
    Files.writeString(kh, forged);
    Path inv = inventory(kh, fleet.identityFile(), hostLine("hardened"));
    Run r = scan("-i", inv.toString(), "--accept-new-host-keys", "--no-probe");
    assertEquals(3, r.code(), r.err());
    assertEquals("untrusted", r.host("hardened").get("status").asText());
    assertTrue(
        r.host("hardened").get("reason").asText().contains("CHANGED"),
        r.host("hardened").toString());
    assertEquals(forged, Files.readString(kh), "a changed key is never replaced");
  }

  @Test
  void unreachableAndUnauthorisedHostsAppearWithUnknownChecks()
      throws IOException, InterruptedException {
    Path otherKey = tmp.resolve("other_ed25519");
    Process p =
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey.toString())
            .redirectErrorStream(true)
            .start();
    assertEquals(0, p.waitFor());
    Path inv =
        inventory(
            fleet.knownHosts(),
            otherKey,
            hostLine("hardened") + "  gone: {address: 127.77.0.250, port: 22}\n");
    Run r = scan("-i", inv.toString(), "--connect-timeout", "5", "--no-probe");
    assertEquals(3, r.code(), r.err());
    assertEquals("auth_failed", r.host("hardened").get("status").asText());
    assertEquals("unreachable", r.host("gone").get("status").asText());
    assertTrue(r.statuses("gone").values().stream().allMatch("unknown"::equals));
    assertTrue(
        r.host("gone").get("reason").asText().contains("refused"), r.host("gone").toString());
  }

  @Test
  void scanningWritesNothingOnTheTargets() throws IOException {
    Map<String, String> before = writableState();
    Run r = scan("-i", fleet.inventory().toString());
    assertEquals(1, r.code(), r.err());
    assertEquals(
        before, writableState(), "the overlay upper dirs and /tmp of every host are unchanged");
  }

  @Test
  void aScanRefusedForItsCheckParametersConnectsButRunsNothing()
      throws IOException, InterruptedException {
    // The first hosts' connections begin before the catalog and the parameters are checked; a
    // refused scan must close them without running the collector. "complete" logs every sudo
    // (Defaults logfile), so the collector's "sudo -n sh -s" would leave a line.
    Path inv = inventory(fleet.knownHosts(), fleet.identityFile(), hostLine("complete"));
    Path authLog = fleet.workDir().resolve("run").resolve("complete").resolve("init.log");
    long accepted = count(authLog, "Accepted publickey for " + fleet.user());
    long closed = count(authLog, "Disconnected from user " + fleet.user());
    String sudoLog = sudoLog("complete");
    Run r = scan("-i", inv.toString(), "--no-probe", "--param", "no-such-parameter=1");
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("no-such-parameter"), r.err());
    assertEquals(null, r.report(), "no report for a refused scan");
    // The early connection authenticated (so this test would see a collector run) and was closed.
    for (int i = 0;
        i < 300 && count(authLog, "Disconnected from user " + fleet.user()) == closed;
        i++) {
      Thread.sleep(100);
    }
    assertEquals(accepted + 1, count(authLog, "Accepted publickey for " + fleet.user()));
    assertEquals(closed + 1, count(authLog, "Disconnected from user " + fleet.user()));
    assertEquals(sudoLog, sudoLog("complete"), "nothing ran through sudo on the host");
  }

  private static long count(Path log, String what) throws IOException {
    return Files.readAllLines(log).stream().filter(l -> l.contains(what)).count();
  }

  private static String sudoLog(String host) {
    return fleet.execInHost(host, "sh", "-c", "cat /var/log/sudo.log 2>/dev/null").stdout();
  }

  private static final Path SUDO_LOG = Path.of("var/log/sudo.log");

  /** Every file the hosts wrote since they started (overlay upper dirs) plus each host's /tmp. */
  private Map<String, String> writableState() throws IOException {
    Map<String, String> state = new LinkedHashMap<>();
    for (String host : fleet.hosts().keySet()) {
      Path upper = fleet.workDir().resolve("run").resolve(host).resolve("upper");
      try (Stream<Path> s = Files.walk(upper)) {
        state.put(
            host + " upper",
            // sudo's own logs (sudo.log, sudo-io/) are written by the host's sudo policy when the
            // collector runs under "sudo -n sh -s" on hosts with Defaults logfile/log_output
            // (complete and its variants): the host doing its job, not a write by the scanner.
            s.map(upper::relativize)
                .filter(q -> !q.startsWith("var/log/sudo-io") && !q.equals(SUDO_LOG))
                .filter(q -> !q.equals(Path.of("var")) && !q.equals(Path.of("var/log")))
                .map(q -> q + "@" + upper.resolve(q).toFile().lastModified())
                .sorted()
                .collect(Collectors.joining(",")));
      }
      state.put(host + " /tmp", fleet.execInHost(host, "ls", "-A", "/tmp").stdout());
    }
    return state;
  }
}
