package io.auditgap.report;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.scan.CollectionStats;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Scan results built in code for the report tests. */
final class ReportFixtures {
  static final Instant STARTED = Instant.parse("2026-03-01T09:00:00Z");
  static final Instant FINISHED = Instant.parse("2026-03-01T09:00:42.500Z");

  /** The hostile strings, each on its own. */
  static final String SCRIPT = "<script>alert(1)</script>";

  static final String EXPR = "pre${7*7}post";
  static final String FTL = "<#assign x=\"freemarker.template.utility.Execute\"?new()>${x(\"id\")}";
  static final String ANSI = "\u001b[2J\u001b]0;pwned\u0007";
  static final String RTL = "\u202Egnp.exe";
  static final String NUL = "a\u0000b";
  static final String ALL = SCRIPT + EXPR + FTL + ANSI + RTL + NUL + "\b\r\u009b31m\u2066x\u2069";

  /** Size of the huge evidence text in {@link #hostile()}. */
  static final int HUGE = 10 * 1024 * 1024;

  private ReportFixtures() {}

  static Map<String, List<String>> refs(String cis, String... nist) {
    return Map.of("cis", List.of(cis), "nist_800_53", List.of(nist));
  }

  static ScanResult sample() {
    Finding auditdOn =
        new Finding(
            "auditd.enabled",
            "auditd is enabled and running",
            Severity.HIGH,
            Status.PASS,
            "auditd is active",
            List.of(Evidence.of("systemctl is-active auditd", 0, "active", "service is running")),
            "systemctl enable --now auditd",
            refs("4.1.1.2", "AU-12"));
    Finding logLevel =
        new Finding(
            "sshd.log-level",
            "sshd logs at VERBOSE",
            Severity.MEDIUM,
            Status.FAIL,
            "LogLevel is QUIET, key fingerprints of logins are not logged",
            List.of(
                Evidence.of(
                    "/etc/ssh/sshd_config", 42, "LogLevel QUIET", "effective value of LogLevel")),
            "Set 'LogLevel VERBOSE' in /etc/ssh/sshd_config and reload sshd.",
            refs("5.2.5", "AU-3"));
    Finding execve =
        new Finding(
            "audit.execve",
            "execve of interactive sessions is audited",
            Severity.HIGH,
            Status.FAIL,
            "no -S execve rule with auid>=1000",
            List.of(
                Evidence.of(
                    "/etc/audit/rules.d/audit.rules",
                    3,
                    "-a always,exit -F arch=b64 -S open -k files\n-w /etc/passwd -p wa -k identity",
                    "rules seen; none audits execve"),
                Evidence.note("auditctl -l matched the files on disk")),
            "Add:\n-a always,exit -F arch=b64 -S execve -F auid>=1000 -F auid!=unset -k exec",
            refs("4.1.3.6", "AU-2", "AU-12"));
    Finding tlog =
        new Finding(
            "tlog.recording",
            "tlog session recording",
            Severity.LOW,
            Status.NOT_APPLICABLE,
            "profile uses auditd, not tlog",
            List.of(),
            "",
            Map.of());
    Finding ttyAudit =
        new Finding(
            "pam.tty-audit",
            "pam_tty_audit records keystrokes",
            Severity.MEDIUM,
            Status.UNKNOWN,
            "/etc/pam.d/sshd unreadable without root",
            List.of(Evidence.of("/etc/pam.d/sshd", 0, "", "permission denied")),
            "Add 'session required pam_tty_audit.so enable=*' to /etc/pam.d/sshd.",
            refs("4.1.3.x", "AU-14"));
    HostResult web =
        new HostResult(
            "web-1",
            "10.0.0.11",
            HostStatus.ASSESSED,
            null,
            "SHA256:q1w2e3r4t5y6u7i8o9p0aAsSdDfFgGhHjJkKlL1234",
            List.of(auditdOn, logLevel, execve, tlog, ttyAudit),
            new CollectionStats(48_213, 17, 1, 1_840));
    HostResult db =
        new HostResult(
            "db-1",
            "db-1.internal",
            HostStatus.PARTIAL,
            "not root: 2 items unreadable",
            "SHA256:zYxWvUtSrQpOnMlKjIhGfEdCbA0987654321zyxwvu",
            List.of(
                auditdOn,
                withStatus(logLevel, Status.PASS, "LogLevel is VERBOSE"),
                withStatus(execve, Status.UNKNOWN, "/etc/audit/rules.d unreadable without root"),
                ttyAudit),
            new CollectionStats(20_007, 15, 1, 2_950));
    HostResult legacy =
        new HostResult(
            "legacy-3",
            "192.0.2.33",
            HostStatus.UNREACHABLE,
            "connect timed out after 10 s",
            null,
            List.of(),
            CollectionStats.NONE);
    HostResult bastion =
        new HostResult(
            "bastion",
            "198.51.100.7",
            HostStatus.UNTRUSTED,
            "host key not in known_hosts; nothing was sent",
            "SHA256:unknownKEYunknownKEYunknownKEYunknownKEY12",
            List.of(),
            new CollectionStats(0, 0, 0, 120));
    HostResult app =
        new HostResult(
            "app-2",
            "10.0.0.12",
            HostStatus.AUTH_FAILED,
            "publickey authentication failed for user audit",
            null,
            List.of(),
            null);
    return new ScanResult(
        "0.1.0-test",
        STARTED,
        FINISHED,
        "inventory.yaml",
        "default",
        List.of(web, db, legacy, bastion, app));
  }

  static Finding withStatus(Finding f, Status status, String reason) {
    return new Finding(
        f.check(),
        f.title(),
        f.severity(),
        status,
        reason,
        f.evidence(),
        f.remediation(),
        f.references());
  }

  /** Hostile text in every host-provided field, plus one 10 MB evidence item. */
  static ScanResult hostile() {
    String huge = hugeText();
    Finding f =
        new Finding(
            "check-" + ALL,
            "title " + ALL,
            Severity.CRITICAL,
            Status.FAIL,
            "reason " + ALL,
            List.of(
                Evidence.of("/etc/" + ALL, 7, "text " + ALL, "note " + ALL),
                Evidence.of("cat /var/log/huge", 0, huge, "huge output")),
            "remediation " + ALL,
            Map.of("fw " + ALL, List.of("id " + ALL)));
    Finding u =
        new Finding(
            "unknown-" + ALL,
            "t " + ALL,
            Severity.LOW,
            Status.UNKNOWN,
            "unknown " + ALL,
            List.of(),
            "",
            Map.of());
    HostResult h1 =
        new HostResult(
            "host " + ALL,
            "addr " + ALL,
            HostStatus.PARTIAL,
            "partial " + ALL,
            "SHA256:" + ALL,
            List.of(f, u),
            new CollectionStats(HUGE, 2, 1, 10));
    HostResult h2 =
        new HostResult(
            "down " + ALL,
            "addr2 " + ALL,
            HostStatus.ERROR,
            "error " + ALL,
            null,
            List.of(),
            CollectionStats.NONE);
    return new ScanResult(
        "ver " + ALL, STARTED, FINISHED, "inv " + ALL, "prof " + ALL, List.of(h1, h2));
  }

  /** 10 MB of hostile output: the hostile strings repeated, then padding. */
  static String hugeText() {
    StringBuilder sb = new StringBuilder(HUGE);
    while (sb.length() + ALL.length() + 1 <= HUGE) {
      sb.append(ALL).append('\n');
    }
    while (sb.length() < HUGE) {
      sb.append('x');
    }
    return sb.toString();
  }
}
