package io.auditgap.checks.matchers.session;

import static io.auditgap.checks.matchers.session.SessionHosts.debian;
import static io.auditgap.checks.matchers.session.SessionHosts.eval;
import static io.auditgap.checks.matchers.session.SessionHosts.rhel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.pam.PamFixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PamLoginuidMatcherTest {
  private final PamLoginuidMatcher m = new PamLoginuidMatcher();

  @Test
  void shippedDebianAndRhelPass() {
    Verdict d = eval(m, debian(PamFixtures.debian12PamD()).file("/proc/self/loginuid", "1000"));
    assertEquals(Status.PASS, d.status(), d.reason());
    assertTrue(
        d.evidence().stream()
            .anyMatch(e -> e.source().equals("/etc/ssh/sshd_config") && e.line() == 85));
    assertTrue(
        d.evidence().stream()
            .anyMatch(e -> e.source().equals("/etc/pam.d/sshd") && e.line() == 22));
    Verdict r = eval(m, rhel(PamFixtures.rhel9PamD()));
    assertEquals(Status.PASS, r.status(), r.reason());
  }

  @Test
  void aContainerWhoseSessionsGetALoginuidIsJudgedNotSkipped() {
    // A booted Debian under systemd-nspawn, scanned over SSH as uid 1000: the kernel set the
    // session's loginuid, so pam_loginuid works there and its configuration is what decides.
    Verdict v =
        eval(
            m,
            debian(PamFixtures.debian12PamD())
                .cmd("container", 0, "detect-virt-c: systemd-nspawn\n")
                .cmd("auditctl -s", 1, "Error sending status request (Operation not permitted)\n")
                .file("/proc/self/loginuid", "1000"));
    assertEquals(Status.PASS, v.status(), v.reason());
    Verdict unset =
        eval(
            m,
            debian(PamFixtures.debian12PamD())
                .cmd("container", 0, "detect-virt-c: docker\n")
                .cmd("auditctl -s", 1, "Error sending status request (Operation not permitted)\n")
                .file("/proc/self/loginuid", "4294967295"));
    assertEquals(Status.NOT_APPLICABLE, unset.status(), unset.reason());
  }

  @Test
  void dropInUsePamNoBeatsTheMainFile() {
    Verdict v =
        eval(
            m,
            PamFixtures.dir(
                debian(PamFixtures.debian12PamD()),
                "/etc/ssh/sshd_config.d",
                Map.of("50-cloud.conf", "UsePAM no\n")));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("50-cloud.conf:1"), v.reason());
  }

  @Test
  void optionalOrMissingLoginuidFails() {
    Map<String, String> d = PamFixtures.debian12PamD();
    d.put(
        "sshd",
        d.get("sshd")
            .replace(
                "session    required     pam_loginuid.so",
                "session    optional     pam_loginuid.so"));
    Verdict v = eval(m, debian(d));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("'optional'"), v.reason());
    d.put(
        "sshd",
        d.get("sshd")
            .replace(
                "session    optional     pam_loginuid.so",
                "#session    required     pam_loginuid.so"));
    assertEquals(Status.FAIL, eval(m, debian(d)).status());
  }

  @Test
  void rhelSshdConfigUnreadableWithoutRootIsUnknown() {
    Verdict v =
        eval(
            m,
            rhel(PamFixtures.rhel9PamD())
                .cmd("sshd -T", 1, "sshd: no hostkeys available -- exiting.\n")
                .fileStatus("/etc/ssh/sshd_config", SnapshotItem.DENIED));
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
  }

  @Test
  void noSshServerIsNotApplicable() {
    Verdict v =
        eval(
            m,
            debian(PamFixtures.debian12PamD())
                .fileStatus("/etc/ssh/sshd_config", SnapshotItem.ABSENT));
    assertEquals(Status.NOT_APPLICABLE, v.status());
  }
}
