package io.auditgap.checks.matchers.session;

import static io.auditgap.checks.matchers.session.SessionHosts.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.pam.PamFixtures;
import io.auditgap.testing.SnapshotBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SudoMatchersTest {
  private static final String DEBIAN = PamFixtures.read("sudo/debian12/sudoers");
  private static final String RHEL = PamFixtures.read("sudo/rhel9/sudoers");
  private static final String V1913 =
      "Sudo version 1.9.13p3\nSudoers policy plugin version 1.9.13p3\n";
  private static final String V195 = "Sudo version 1.9.5p2\n";
  private static final String V1915 = "Sudo version 1.9.15p5\n";

  private final SudoUsePtyMatcher pty = new SudoUsePtyMatcher();
  private final SudoLogfileMatcher logfile = new SudoLogfileMatcher();
  private final SudoIoLoggingMatcher io = new SudoIoLoggingMatcher();

  private static SnapshotBuilder host(String version, String sudoers, String... dropIns) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("README", PamFixtures.read("sudo/debian12/README"));
    for (int i = 0; i + 1 < dropIns.length; i += 2) {
      d.put(dropIns[i], dropIns[i + 1]);
    }
    SnapshotBuilder b =
        SnapshotBuilder.host("h").cmd("sudo -V", 0, version).file("/etc/sudoers", sudoers);
    return PamFixtures.dir(b, "/etc/sudoers.d", d);
  }

  @Test
  void usePtyDebianPassesRhelFailsUntilADropInAddsIt() {
    Verdict d = eval(pty, host(V1913, DEBIAN));
    assertEquals(Status.PASS, d.status(), d.reason());
    assertTrue(d.reason().contains("/etc/sudoers:15"), d.reason());
    assertEquals(Status.FAIL, eval(pty, host(V195, RHEL)).status());
    assertEquals(Status.PASS, eval(pty, host(V195, RHEL, "50-cis", "Defaults use_pty\n")).status());
  }

  @Test
  void dropInWithADotInItsNameIsIgnoredBySudo() {
    Verdict v = eval(pty, host(V195, RHEL, "black.conf", "Defaults use_pty\n"));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.evidence().stream().anyMatch(e -> e.source().equals("/etc/sudoers.d/black.conf")));
  }

  @Test
  void newSudoDefaultsOnUnlessNegatedGloballyOrForUsers() {
    assertEquals(Status.PASS, eval(pty, host(V1915, RHEL)).status());
    assertEquals(
        Status.FAIL, eval(pty, host(V1915, RHEL, "99-legacy", "Defaults !use_pty\n")).status());
    Verdict scoped = eval(pty, host(V1913, DEBIAN, "ops", "Defaults:deploy !use_pty\n"));
    assertEquals(Status.FAIL, scoped.status());
    assertTrue(scoped.reason().contains("deploy"), scoped.reason());
  }

  @Test
  void sudoAbsentOrUnreadable() {
    Verdict na =
        eval(pty, SnapshotBuilder.host("h").cmd("sudo -V", 127, "sh: 1: sudo: not found\n"));
    assertEquals(Status.NOT_APPLICABLE, na.status());
    Verdict unk =
        eval(
            pty,
            SnapshotBuilder.host("h")
                .cmd("sudo -V", 0, V1913)
                .fileStatus("/etc/sudoers", SnapshotItem.DENIED)
                .dirStatus("/etc/sudoers.d", SnapshotItem.DENIED));
    assertEquals(Status.UNKNOWN, unk.status());
    assertTrue(unk.reason().contains("permission denied"), unk.reason());
  }

  /**
   * Where the collector did not start sudo -V (/usr/bin/sudo from a dpkg package), the version is
   * the package's upstream part: Debian 12's 1.9.13p3 (use_pty off by default, Debian's sudoers
   * sets it), Ubuntu 24.04's 1.9.15p5 (on by default); without a sudo package in the answer, the
   * version is unknown and so is the verdict.
   */
  @Test
  void versionFromDpkgWhereSudoWasNotStarted() {
    String notRun = "# not run: /usr/bin/sudo is from a dpkg package\n";
    SnapshotBuilder debian =
        host(notRun, DEBIAN)
            .cmd("packages", 0, "auditd\t1:3.0.9-1\tii \nsudo\t1.9.13p3-1+deb12u1\tii \n#dpkg\n");
    Verdict d = eval(pty, debian);
    assertEquals(Status.PASS, d.status(), d.reason());
    assertTrue(
        d.evidence().stream()
            .anyMatch(
                e ->
                    e.source().equals("/var/lib/dpkg/status")
                        && e.text().contains("1.9.13p3-1+deb12u1")),
        () -> d.evidence().toString());
    SnapshotBuilder noble =
        host(notRun, RHEL).cmd("packages", 0, "sudo\t1.9.15p5-3ubuntu5\tii \n#dpkg\n");
    assertEquals(Status.PASS, eval(pty, noble).status(), "1.9.15: use_pty is on by default");
    SnapshotBuilder older =
        host(notRun, RHEL).cmd("packages", 0, "sudo-ldap\t1.9.5p2-3+deb11u1\tii \n#dpkg\n");
    assertEquals(Status.FAIL, eval(pty, older).status(), "1.9.5: off by default");
    Verdict none =
        eval(pty, host(notRun, DEBIAN).cmd("packages", 0, "auditd\t1:3.0.9-1\tii \n#dpkg\n"));
    assertEquals(Status.UNKNOWN, none.status());
    assertTrue(none.reason().contains("dpkg lists no installed sudo"), none.reason());
  }

  @Test
  void logfileNeedsAGlobalAbsolutePath() {
    assertEquals(Status.FAIL, eval(logfile, host(V1913, DEBIAN)).status());
    Verdict ok =
        eval(
            logfile, host(V1913, DEBIAN, "10-logging", "Defaults logfile=\"/var/log/sudo.log\"\n"));
    assertEquals(Status.PASS, ok.status(), ok.reason());
    assertTrue(ok.reason().contains("/var/log/sudo.log"));
    assertEquals(
        Status.FAIL,
        eval(logfile, host(V1913, DEBIAN, "10-logging", "Defaults logfile='/var/log/sudo.log'\n"))
            .status());
    assertEquals(
        Status.FAIL,
        eval(
                logfile,
                host(V1913, DEBIAN, "10-logging", "Defaults:%sudo logfile=/var/log/sudo.log\n"))
            .status());
    assertEquals(
        Status.FAIL,
        eval(
                logfile,
                host(
                    V1913,
                    DEBIAN,
                    "10-logging",
                    "Defaults logfile=/var/log/sudo.log\n",
                    "20-off",
                    "Defaults !logfile\n"))
            .status());
  }

  @Test
  void ioLoggingGlobalOutputWithTheSudoreplayExemption() {
    String good =
        "Defaults log_output\nDefaults!/usr/bin/sudoreplay !log_output\nDefaults iolog_dir=\"/var/log/sudo-io\"\n";
    Verdict v = eval(io, host(V1913, DEBIAN, "10-session-logging", good));
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(v.evidence().stream().anyMatch(e -> e.note().contains("command exemption")));
    assertEquals(Status.FAIL, eval(io, host(V1913, DEBIAN)).status());
    Verdict user =
        eval(io, host(V1913, DEBIAN, "10-session-logging", good + "Defaults:deploy !log_output\n"));
    assertEquals(Status.FAIL, user.status());
    Verdict tagOnly =
        eval(io, host(V1913, DEBIAN, "ops", "alice ALL=(root) LOG_OUTPUT: /bin/bash\n"));
    assertEquals(Status.FAIL, tagOnly.status());
    assertTrue(tagOnly.evidence().stream().anyMatch(e -> e.note().contains("LOG_OUTPUT:")));
  }

  @Test
  void ioLoggingRequirementsComeFromTheProfile() {
    Map<String, Object> params =
        Map.of(
            "profile",
            "pci",
            "require",
            Map.of("pci", List.of("log_output", "log_input"), "baseline", List.of("log_output")));
    SnapshotBuilder b = host(V1913, DEBIAN, "10-session-logging", "Defaults log_output\n");
    assertEquals(Status.FAIL, eval(io, b, params).status());
    assertEquals(
        Status.PASS,
        eval(io, b, Map.of("profile", "baseline", "require", params.get("require"))).status());
  }
}
