package io.auditgap.checks.matchers.session;

import static io.auditgap.checks.matchers.session.SessionHosts.debian;
import static io.auditgap.checks.matchers.session.SessionHosts.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.pam.PamFixtures;
import io.auditgap.testing.SnapshotBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogPasswdAndTlogTest {
  private final PamTtyAuditLogPasswdMatcher logPasswd = new PamTtyAuditLogPasswdMatcher();
  private final TlogRecordingMatcher tlog = new TlogRecordingMatcher();

  private static Map<String, String> withTtyAudit(String args) {
    Map<String, String> d = PamFixtures.debian12PamD();
    d.put(
        "sshd",
        PamFixtures.insertAfter(
            d.get("sshd"), "pam_loginuid.so", "session required pam_tty_audit.so " + args));
    return d;
  }

  /** Debian host with sudo as shipped and the tlog package files. */
  private static SnapshotBuilder host(Map<String, String> pamD, boolean tlogInstalled) {
    SnapshotBuilder b =
        debian(pamD)
            .file("/etc/sudoers", PamFixtures.read("sudo/debian12/sudoers"))
            .dir("/etc/sudoers.d", "")
            .fileStatus("/etc/sssd/sssd.conf", SnapshotItem.ABSENT)
            .dirStatus("/etc/sssd/conf.d", SnapshotItem.ABSENT);
    if (tlogInstalled) {
      b.cmd("command -v tlog-rec-session", 0, "/usr/bin/tlog-rec-session\n")
          .file(
              "/etc/tlog/tlog-rec-session.conf", PamFixtures.read("pam/tlog/tlog-rec-session.conf"))
          .file(
              "/usr/share/tlog/tlog-rec-session.default.conf",
              PamFixtures.read("pam/tlog/tlog-rec-session.default.conf"));
    } else {
      b.cmd("command -v tlog-rec-session", 1, "")
          .fileStatus("/etc/tlog/tlog-rec-session.conf", SnapshotItem.ABSENT)
          .fileStatus("/usr/share/tlog/tlog-rec-session.default.conf", SnapshotItem.ABSENT);
    }
    return b;
  }

  @Test
  void logPasswdFailsPlainPassesNoLineNotApplicable() {
    assertEquals(
        Status.FAIL, eval(logPasswd, debian(withTtyAudit("enable=* log_passwd"))).status());
    assertEquals(Status.PASS, eval(logPasswd, debian(withTtyAudit("enable=*"))).status());
    assertEquals(
        Status.NOT_APPLICABLE, eval(logPasswd, debian(PamFixtures.debian12PamD())).status());
  }

  @Test
  void withoutTlogTheCheckDependsOnOtherCapture() {
    Verdict none = eval(tlog, host(PamFixtures.debian12PamD(), false));
    assertEquals(Status.FAIL, none.status(), none.reason());
    Verdict tty = eval(tlog, host(withTtyAudit("enable=*"), false));
    assertEquals(Status.NOT_APPLICABLE, tty.status(), tty.reason());
    // In a container pam_tty_audit cannot reach the kernel audit: it captures nothing there.
    Verdict inContainer =
        eval(
            tlog,
            host(withTtyAudit("enable=*"), false)
                .cmd("container", 0, "detect-virt-c: systemd-nspawn\n")
                .cmd("auditctl -s", 1, "Error sending status request (Operation not permitted)\n"));
    assertEquals(Status.FAIL, inContainer.status(), inContainer.reason());
    assertTrue(
        inContainer.evidence().stream().anyMatch(e -> e.note().contains("records nothing here")),
        inContainer.evidence().toString());
    Verdict sudoIo =
        eval(
            tlog,
            host(PamFixtures.debian12PamD(), false)
                .file("/etc/sudoers.d/x", "Defaults log_output\n")
                .dir("/etc/sudoers.d", "f\tx\n"));
    assertEquals(Status.NOT_APPLICABLE, sudoIo.status(), sudoIo.reason());
    Verdict required =
        eval(
            tlog,
            host(withTtyAudit("enable=*"), false),
            Map.of("required", Map.of("baseline", true)));
    assertEquals(Status.FAIL, required.status());
  }

  @Test
  void tlogShellForEveryUserWritingToTheJournalPasses() {
    String passwd =
        SessionHosts.PASSWD
            .replace("/home/alice:/bin/bash", "/home/alice:/usr/bin/tlog-rec-session")
            .replace("/home/bob:/bin/bash", "/home/bob:/usr/bin/tlog-rec-session");
    Verdict v = eval(tlog, host(PamFixtures.debian12PamD(), true).file("/etc/passwd", passwd));
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(v.reason().contains("journal"));
    Verdict partial =
        eval(
            tlog,
            host(PamFixtures.debian12PamD(), true)
                .file(
                    "/etc/passwd",
                    SessionHosts.PASSWD.replace(
                        "/home/alice:/bin/bash", "/home/alice:/usr/bin/tlog-rec-session")));
    assertEquals(Status.FAIL, partial.status());
    assertTrue(partial.reason().contains("bob"), partial.reason());
  }

  @Test
  void sssdScopeAndWriter() {
    SnapshotBuilder b =
        host(PamFixtures.debian12PamD(), true)
            .file(
                "/etc/sssd/sssd.conf",
                "[sssd]\nservices = nss, pam\n\n[session_recording]\nscope = all\n");
    assertEquals(Status.PASS, eval(tlog, b).status());
    b.file(
        "/etc/tlog/tlog-rec-session.conf",
        "{ \"writer\": \"file\", \"file\": {\"path\": \"/var/log/tlog.log\"} }\n");
    Verdict file = eval(tlog, b);
    assertEquals(Status.FAIL, file.status());
    assertTrue(file.reason().contains("'file'"), file.reason());
    Verdict hidden =
        eval(
            tlog,
            host(PamFixtures.debian12PamD(), true)
                .fileStatus("/etc/sssd/sssd.conf", SnapshotItem.DENIED));
    assertEquals(Status.UNKNOWN, hidden.status());
  }
}
