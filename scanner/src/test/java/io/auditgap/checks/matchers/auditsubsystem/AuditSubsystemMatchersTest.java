package io.auditgap.checks.matchers.auditsubsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit-subsystem and audit-rules checks, evaluated as the catalog declares them, over real
 * rules files, real kernel listings and real auditctl -s / stat outputs.
 */
class AuditSubsystemMatchersTest {
  /** Real auditctl -s of the capture machine (auditing on, no auditd, kernel default backlog). */
  private static final String STATUS_NO_DAEMON =
      "enabled 1\nfailure 1\npid 0\nrate_limit 0\nbacklog_limit 64\nlost 0\nbacklog 0\n"
          + "backlog_wait_time 15000\nbacklog_wait_time_actual 0\nloginuid_immutable 0 unlocked\n";

  /** The same host with the Debian 12 base config and 11-loginuid loaded and auditd running. */
  private static final String STATUS_GOOD =
      STATUS_NO_DAEMON
          .replace("pid 0", "pid 612")
          .replace("backlog_limit 64", "backlog_limit 8192")
          .replace("backlog_wait_time 15000", "backlog_wait_time 60000")
          .replace("loginuid_immutable 0 unlocked", "loginuid_immutable 1 locked");

  /** Real stat output of Debian 12 auditd 3.0.9 (log_group adm), plus one rotated log. */
  private static final String STAT_DEBIAN =
      "750 root adm directory /var/log/audit\n"
          + "640 root adm regular file /var/log/audit/audit.log\n"
          + "640 root adm regular file /var/log/audit/audit.log.1\n"
          + "640 root root regular file /etc/audit/auditd.conf\n"
          + "640 root root regular file /etc/audit/audit.rules\n"
          + "640 root root regular file /etc/audit/rules.d/audit.rules\n"
          + "755 root root regular file /sbin/auditctl\n"
          + "755 root root regular file /sbin/aureport\n"
          + "755 root root regular file /sbin/ausearch\n"
          + "755 root root regular file /sbin/autrace\n"
          + "755 root root regular file /sbin/auditd\n"
          + "755 root root regular file /sbin/augenrules\n";

  private static final String GOOD_FILE = "/fixtures/auditmore/cases/baseline-good.rules";
  private static final String GOOD_LISTING =
      "/fixtures/auditmore/listings/baseline-good.auditctl-l.txt";
  private static final List<String> RULE_CHECKS =
      List.of(
          "audit.rules-identity",
          "audit.rules-sudoers",
          "audit.rules-sshd",
          "audit.rules-session-files",
          "audit.rules-privileged",
          "audit.rules-tamper",
          "audit.rules-time");

  private static Host good() {
    return new Host()
        .rulesD(
            "10-base-config.rules", "/audit/upstream/10-base-config.rules",
            "11-loginuid.rules", "/audit/upstream/11-loginuid.rules",
            "50-session.rules", GOOD_FILE)
        .loaded(GOOD_LISTING)
        .status(STATUS_GOOD);
  }

  private static boolean evidence(Verdict v, String location, String part) {
    for (Evidence e : v.evidence()) {
      if (e.location().equals(location) && (e.note().contains(part) || e.text().contains(part))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void remediationSetPassesEveryRuleCheckWithTheRuleThatCoversIt() {
    for (String id : RULE_CHECKS) {
      Verdict v = Host.check(id, good().facts());
      assertEquals(Status.PASS, v.status(), id + ": " + v.reason());
    }
    Verdict sudo = Host.check("audit.rules-sudoers", good().facts());
    assertTrue(
        evidence(sudo, "/etc/audit/rules.d/50-session.rules:13", "covered"),
        sudo.evidence().toString());
    assertTrue(
        evidence(sudo, "auditctl -l:11", "-w /etc/sudoers.d -p wa"), sudo.evidence().toString());
  }

  @Test
  void weakRulesFailNamingTheNarrowerRule() {
    Host h =
        new Host()
            .rulesD("50-weak.rules", "/fixtures/auditmore/cases/weak.rules")
            .loaded("/fixtures/auditmore/listings/weak.auditctl-l.txt");
    Verdict sudo = Host.check("audit.rules-sudoers", h.facts());
    assertEquals(Status.FAIL, sudo.status());
    assertTrue(sudo.reason().contains("lack 'a'"), sudo.reason());
    assertTrue(
        evidence(sudo, "/etc/audit/rules.d/50-weak.rules:4", "narrower"),
        sudo.evidence().toString());
    Verdict time = Host.check("audit.rules-time", h.facts());
    assertEquals(Status.FAIL, time.status());
    assertTrue(time.reason().contains("adjtimex b32 missing"), time.reason());
    // all-user execve rules cover setuid executions of session users
    assertEquals(Status.PASS, Host.check("audit.rules-privileged", h.facts()).status());
  }

  @Test
  void rulesAfterAKernelRefusedLineAreMissingInTheKernel() {
    Host h =
        new Host()
            .rulesD("50-s.rules", "/fixtures/auditmore/cases/suppressed.rules")
            .loaded("/fixtures/auditmore/listings/suppressed.auditctl-l.txt");
    Verdict sudo = Host.check("audit.rules-sudoers", h.facts());
    assertEquals(Status.FAIL, sudo.status());
    assertTrue(sudo.reason().contains("loaded rules: 0 covered"), sudo.reason());
    Verdict s = Host.check("audit.no-suppression", h.facts());
    assertEquals(Status.FAIL, s.status());
    assertTrue(evidence(s, "auditctl -l:1", "task,never"), s.evidence().toString());
    assertTrue(
        evidence(s, "/etc/audit/rules.d/50-s.rules:5", "before the always rules"),
        s.evidence().toString());
  }

  @Test
  void unseenPersistentRulesNeverPass() {
    Host h = new Host().rulesDDenied().loaded(GOOD_LISTING);
    Verdict v = Host.check("audit.rules-identity", h.facts());
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(v.reason().contains("persistent rules: not seen"), v.reason());
    assertEquals(Status.PASS, Host.check("audit.no-suppression", good().facts()).status());
    assertEquals(Status.UNKNOWN, Host.check("audit.no-suppression", h.facts()).status());
    Host nonRoot = new Host().rulesDDenied().notRoot();
    for (String id :
        List.of(
            "audit.rules-time",
            "audit.events-lost",
            "audit.loginuid-immutable",
            "audit.backlog-failure")) {
      assertEquals(Status.UNKNOWN, Host.check(id, nonRoot.facts()).status(), id);
    }
  }

  @Test
  void missingAuditctlFailsNamingTheRootCause() {
    Host h = new Host();
    h.b.cmd("auditctl -l", 127, "sh: 1: auditctl: not found\n");
    Verdict v = Host.check("audit.rules-sshd", h.facts());
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("root cause: auditd.installed"), v.reason());
    assertEquals("auditd.installed", v.rootCause());
  }

  @Test
  void statusWithoutDaemonAndSmallBacklogFails() {
    Verdict bad =
        Host.check(
            "audit.events-lost", new Host().status(STATUS_NO_DAEMON).loaded(GOOD_LISTING).facts());
    assertEquals(Status.FAIL, bad.status());
    assertTrue(
        bad.reason().contains("pid 0") && bad.reason().contains("backlog_limit 64"), bad.reason());
    assertEquals(Status.PASS, Host.check("audit.events-lost", good().facts()).status());
    Verdict lost =
        Host.check(
            "audit.events-lost",
            new Host()
                .status(STATUS_GOOD.replace("lost 0", "lost 1432"))
                .loaded(GOOD_LISTING)
                .facts());
    assertEquals(Status.FAIL, lost.status());
  }

  @Test
  void loginuidNeedsTheRuleAndTheLockedKernelState() {
    assertEquals(Status.PASS, Host.check("audit.loginuid-immutable", good().facts()).status());
    Verdict unlocked =
        Host.check("audit.loginuid-immutable", good().status(STATUS_NO_DAEMON).facts());
    assertEquals(Status.FAIL, unlocked.status());
    Host noRule =
        new Host()
            .rulesD("10-base-config.rules", "/audit/upstream/10-base-config.rules")
            .loaded(GOOD_LISTING)
            .status(STATUS_GOOD);
    Verdict v = Host.check("audit.loginuid-immutable", noRule.facts());
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("do not set --loginuid-immutable"), v.reason());
  }

  @Test
  void debianBaseConfigPassesBaselineButNotStig() {
    Host h =
        new Host()
            .rulesD("audit.rules", "/audit/debian12/audit.rules")
            .loaded(GOOD_LISTING)
            .status(STATUS_GOOD);
    Verdict base = Host.check("audit.backlog-failure", h.facts(), "profile", "baseline");
    assertEquals(Status.PASS, base.status(), base.reason());
    assertTrue(
        evidence(base, "/etc/audit/rules.d/audit.rules:6", "-b 8192"), base.evidence().toString());
    Verdict stig = Host.check("audit.backlog-failure", h.facts(), "profile", "stig");
    assertEquals(Status.FAIL, stig.status());
    assertTrue(stig.reason().contains("-f 1"), stig.reason());
  }

  @Test
  void filePermissionsFollowTheProfileAndLogGroup() {
    Host h = new Host();
    h.b.cmd("stat audit files", 0, STAT_DEBIAN).file("/etc/audit/auditd.conf", "log_group = adm\n");
    assertEquals(Status.PASS, Host.check("audit.file-permissions", h.facts()).status());
    Verdict stig = Host.check("audit.file-permissions", h.facts(), "profile", "stig");
    assertEquals(Status.FAIL, stig.status());
    assertTrue(stig.reason().contains("/var/log/audit: mode 0750 exceeds 0700"), stig.reason());
    Host rootGroup = new Host();
    rootGroup
        .b
        .cmd("stat audit files", 0, STAT_DEBIAN)
        .file("/etc/audit/auditd.conf", "log_group = root\n");
    assertEquals(Status.FAIL, Host.check("audit.file-permissions", rootGroup.facts()).status());
    Host worldReadable = new Host();
    worldReadable
        .b
        .cmd(
            "stat audit files",
            0,
            STAT_DEBIAN.replace(
                "640 root adm regular file /var/log/audit/audit.log.1",
                "644 root adm regular file /var/log/audit/audit.log.1"))
        .file("/etc/audit/auditd.conf", "log_group = adm\n");
    assertEquals(Status.FAIL, Host.check("audit.file-permissions", worldReadable.facts()).status());
    Host nonRoot = new Host();
    nonRoot.b.cmd(
        "stat audit files",
        0,
        "stat: cannot statx '/var/log/audit/audit.log*': Permission denied\n"
            + STAT_DEBIAN
                .lines()
                .filter(l -> !l.contains("audit.log"))
                .reduce("", (a, l) -> a + l + "\n"));
    assertEquals(Status.UNKNOWN, Host.check("audit.file-permissions", nonRoot.facts()).status());
  }

  /**
   * A host where auditd was never installed (openSUSE Tumbleweed, Fedora and Alpine minimal
   * installs): stat finds none of the paths; the verdict is the missing auditd, not "unknown".
   */
  @Test
  void noAuditFilesBecauseAuditdIsNotInstalledIsItsRootCause() {
    StringBuilder stat = new StringBuilder();
    for (String p : io.auditgap.facts.audit.FileModes.PATHS) {
      stat.append("stat: cannot statx '").append(p).append("': No such file or directory\n");
    }
    Host h = new Host();
    h.b
        .cmd("stat audit files", 0, stat.toString())
        .cmd("auditctl -l", 127, "sh: 1: auditctl: not found\n")
        .fileStatus("/etc/audit/auditd.conf", io.auditgap.collect.SnapshotItem.ABSENT);
    Verdict v = Host.check("audit.file-permissions", h.facts());
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("root cause: auditd.installed"), v.reason());
    Host installed = new Host();
    installed.b.cmd("stat audit files", 0, stat.toString()).cmd("auditctl -l", 0, "No rules\n");
    assertEquals(Status.UNKNOWN, Host.check("audit.file-permissions", installed.facts()).status());
  }
}
