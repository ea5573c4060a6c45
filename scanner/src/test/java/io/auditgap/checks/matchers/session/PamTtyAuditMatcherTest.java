package io.auditgap.checks.matchers.session;

import static io.auditgap.checks.matchers.session.SessionHosts.debian;
import static io.auditgap.checks.matchers.session.SessionHosts.eval;
import static io.auditgap.checks.matchers.session.SessionHosts.rhel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.pam.PamFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PamTtyAuditMatcherTest {
  private static final String LINE = "session\trequired\tpam_tty_audit.so enable=*";
  private final PamTtyAuditMatcher m = new PamTtyAuditMatcher();

  private static Map<String, String> debianWith(String commonSession) {
    Map<String, String> d = PamFixtures.debian12PamD();
    d.put("common-session", commonSession);
    return d;
  }

  private static String debianCommonSession() {
    return PamFixtures.read("pam/debian12/common-session");
  }

  private static boolean evidenceHas(Verdict v, String text) {
    return v.evidence().stream().map(Evidence::text).anyMatch(t -> t.contains(text))
        || v.evidence().stream().map(Evidence::note).anyMatch(t -> t.contains(text));
  }

  @Test
  void shippedDebianHasNoTtyAudit() {
    Verdict v = eval(m, debian(PamFixtures.debian12PamD()));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("no pam_tty_audit line"), v.reason());
    assertTrue(v.reason().contains("alice") && v.reason().contains("bob"), v.reason());
    assertTrue(
        evidenceHas(v, "/etc/pam.d/sshd → /etc/pam.d/common-session"), v.evidence().toString());
  }

  @Test
  void debianLineAddedToTheAdditionalBlockPassesWithTheIncludeChain() {
    String cs =
        PamFixtures.insertBefore(debianCommonSession(), "# end of pam-auth-update config", LINE);
    Verdict v = eval(m, debian(debianWith(cs)));
    assertEquals(Status.PASS, v.status(), v.reason());
    Evidence e =
        v.evidence().stream()
            .filter(x -> x.text().contains("pam_tty_audit"))
            .findFirst()
            .orElseThrow();
    assertEquals("/etc/pam.d/common-session", e.source());
    assertTrue(
        e.text()
            .matches(
                "/etc/pam\\.d/sshd:\\d+ @include common-session → /etc/pam\\.d/common-session:\\d+ session required pam_tty_audit\\.so enable=\\*"),
        e.text());
  }

  @Test
  void lineInsertedAfterThePermitJumpIsSkipped() {
    String cs = PamFixtures.insertAfter(debianCommonSession(), "[default=1]", LINE);
    Verdict v = eval(m, debian(debianWith(cs)));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("jumped over"), v.reason());
  }

  @Test
  void commentedOutLineDoesNotCount() {
    String cs =
        PamFixtures.insertBefore(
            debianCommonSession(), "# end of pam-auth-update config", "#" + LINE);
    assertEquals(Status.FAIL, eval(m, debian(debianWith(cs))).status());
  }

  @Test
  void misspeltEnabledIsIgnoredByTheModule() {
    String cs =
        PamFixtures.insertBefore(
            debianCommonSession(),
            "# end of pam-auth-update config",
            "session required pam_tty_audit.so enabled=*");
    Verdict v = eval(m, debian(debianWith(cs)));
    assertEquals(Status.FAIL, v.status());
    assertTrue(evidenceHas(v, "enabled=*"), v.evidence().toString());
    assertTrue(v.evidence().stream().anyMatch(e -> e.note().contains("unknown option")));
  }

  @Test
  void rootOnlyPatternLeavesAdminsUnaudited() {
    Map<String, String> d = PamFixtures.debian12PamD();
    d.put(
        "sshd",
        PamFixtures.insertAfter(
            d.get("sshd"),
            "pam_loginuid.so",
            "session required pam_tty_audit.so disable=* enable=root"));
    Verdict v = eval(m, debian(d));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("disabled by disable=*"), v.reason());
    // and the same line passes when policy targets only root
    assertEquals(
        Status.PASS, eval(m, debian(d), Map.of("tty_audit_users", List.of("root"))).status());
  }

  @Test
  void laterDisableUndoesEarlierEnable() {
    Map<String, String> d = PamFixtures.debian12PamD();
    d.put(
        "sshd",
        PamFixtures.insertAfter(
            d.get("sshd"), "pam_loginuid.so", "session required pam_tty_audit.so enable=*"));
    String cs =
        PamFixtures.insertBefore(
            debianCommonSession(),
            "# end of pam-auth-update config",
            "session optional pam_tty_audit.so disable=bob");
    d.put("common-session", cs);
    Verdict v = eval(m, debian(d));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("[bob]") && !v.reason().contains("alice"), v.reason());
  }

  @Test
  void rhelModuleOnlyInSystemAuthFailsForSshd() {
    Map<String, String> d = PamFixtures.rhel9PamD();
    d.put(
        "system-auth",
        PamFixtures.insertAfter(
            d.get("system-auth"),
            "pam_limits.so",
            "session     required      pam_tty_audit.so enable=*"));
    Verdict v = eval(m, rhel(d));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(
        v.evidence().stream()
            .anyMatch(
                e ->
                    e.source().equals("/etc/pam.d/system-auth")
                        && e.note().contains("not part of sshd")));
  }

  @Test
  void rhelModuleInPasswordAuthAfterTheCrondLinePasses() {
    Map<String, String> d = PamFixtures.rhel9PamD();
    d.put(
        "password-auth",
        PamFixtures.insertAfter(
            d.get("password-auth"),
            "service in crond",
            "session     required      pam_tty_audit.so enable=*"));
    Verdict v = eval(m, rhel(d));
    assertEquals(Status.PASS, v.status(), v.reason());
  }

  @Test
  void dashedLineWithMissingModuleFails() {
    Map<String, String> d = PamFixtures.rhel9PamD();
    d.put(
        "sshd",
        PamFixtures.insertAfter(
            d.get("sshd"), "pam_loginuid.so", "-session   required     pam_tty_audit.so enable=*"));
    Verdict v =
        eval(m, rhel(d).cmd("pam modules", 0, "/usr/lib64/security/pam_loginuid.so\n#done\n"));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("not installed"), v.reason());
  }

  @Test
  void unreadablePamDirectoryIsUnknown() {
    Verdict v =
        eval(m, debian(PamFixtures.debian12PamD()).dirStatus("/etc/pam.d", SnapshotItem.DENIED));
    assertEquals(Status.UNKNOWN, v.status());
  }

  @Test
  void sshdWithoutPamFailsAndContainerIsNotApplicable() {
    Verdict v =
        eval(m, debian(PamFixtures.debian12PamD()).file("/etc/ssh/sshd_config", "UsePAM no\n"));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("does not use PAM"));
    assertEquals("sshd.use-pam", v.rootCause(), "counted once under the check that fails for it");
    assertEquals(
        Status.NOT_APPLICABLE,
        eval(m, debian(PamFixtures.debian12PamD()).cmd("container", 0, "docker\n")).status());
  }
}
