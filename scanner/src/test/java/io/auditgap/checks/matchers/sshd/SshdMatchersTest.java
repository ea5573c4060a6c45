package io.auditgap.checks.matchers.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Matcher;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Facts;
import io.auditgap.testing.SnapshotBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * sshd checks over fixture hosts: real files (Debian 12 openssh-server 9.2 sshd_config, RHEL 9
 * layout, cloud-init drop-in, hardening drop-ins) and the real sshd -T / -T -C / -t outputs sshd
 * 9.2 printed for them (fixtures/sshd/capture.sh). See fixtures/sshd/SOURCES.md.
 */
class SshdMatchersTest {
  private static final Map<String, Object> LEVELS =
      Map.of(
          "accepted_levels",
          Map.of(
              "baseline", List.of("VERBOSE"),
              "cis", List.of("INFO", "VERBOSE"),
              "stig", List.of("VERBOSE"),
              "pci", List.of("VERBOSE")));

  private static Verdict run(Matcher m, SnapshotBuilder b, String profile) {
    Map<String, Object> p = new java.util.HashMap<>(LEVELS);
    p.put("profile", profile);
    return m.evaluate(new CheckParams(p), new Facts(b.build()));
  }

  private static Verdict level(SnapshotBuilder b) {
    return run(new SshdLogLevelMatcher(), b, "baseline");
  }

  private static boolean cites(Verdict v, String location, String notePart) {
    for (Evidence e : v.evidence()) {
      if (e.location().equals(location) && e.note().contains(notePart)) {
        return true;
      }
    }
    return false;
  }

  @ParameterizedTest(name = "{0} as root: {1}; from files: {2}")
  @CsvSource({
    "debian12, FAIL, FAIL",
    "rhel9, FAIL, FAIL",
    "ubuntu2404-cloud, FAIL, FAIL",
    "cloud-init, FAIL, FAIL",
    "trap-dropin-order, FAIL, FAIL",
    "main-after-include, PASS, PASS",
    "include-last, FAIL, FAIL",
    "hardened, PASS, PASS",
    "match-downgrade, FAIL, FAIL",
    "local7, PASS, PASS",
    "debug, FAIL, FAIL",
    "match-all-late, FAIL, FAIL",
  })
  void logLevelFromSshdAndFromFilesAgree(String fixture, Status asRoot, Status fromFiles) {
    Verdict root = level(SshdFixture.asRoot(fixture));
    Verdict files = level(SshdFixture.filesOnly(fixture));
    assertEquals(asRoot, root.status(), root.reason());
    assertEquals(fromFiles, files.status(), files.reason());
    assertTrue(files.reason().contains("configuration files"), files.reason());
    assertTrue(!root.reason().contains("configuration files"), root.reason());
  }

  @Test
  void earlierDropInBeatsNinetyNineHardening() {
    Verdict v = level(SshdFixture.asRoot("trap-dropin-order"));
    assertTrue(v.reason().startsWith("LogLevel is INFO"), v.reason());
    assertTrue(
        cites(v, "/etc/ssh/sshd_config.d/40-cis.conf:2", "first value read"),
        v.evidence().toString());
    assertTrue(
        cites(v, "/etc/ssh/sshd_config.d/99-hardening.conf:2", "ignored"), v.evidence().toString());
  }

  @Test
  void mainFileLineAfterTheIncludeDoesNotWin() {
    Verdict v = level(SshdFixture.filesOnly("main-after-include"));
    assertEquals(Status.PASS, v.status());
    assertTrue(cites(v, "/etc/ssh/sshd_config:28", "ignored"), v.evidence().toString());
  }

  @Test
  void cisProfileAcceptsInfo() {
    assertEquals(
        Status.PASS,
        run(new SshdLogLevelMatcher(), SshdFixture.asRoot("debian12"), "cis").status());
    assertEquals(
        Status.FAIL,
        run(new SshdLogLevelMatcher(), SshdFixture.asRoot("debian12"), "stig").status());
  }

  @Test
  void matchBlockDowngradeIsReportedWithTheUserAndTheLine() {
    Verdict v = level(SshdFixture.asRoot("match-downgrade"));
    assertTrue(v.reason().contains("connections of backup log at SILENT"), v.reason());
    assertTrue(
        cites(v, "/etc/ssh/sshd_config.d/90-backup.conf:3", "user backup"),
        v.evidence().toString());
  }

  @Test
  void debugFailsForPrivacy() {
    Verdict v = level(SshdFixture.asRoot("debug"));
    assertTrue(v.reason().contains("DEBUG3") && v.reason().contains("privacy"), v.reason());
  }

  @Test
  void unreadableConfigWithoutRootIsUnknown() {
    SnapshotBuilder b =
        SshdFixture.filesOnly("hardened").fileStatus("/etc/ssh/sshd_config", SnapshotItem.DENIED);
    assertEquals(Status.UNKNOWN, level(b).status());
  }

  @Test
  void unreadableDropInDirectoryMakesTheFileVerdictUnknown() {
    SnapshotBuilder b =
        SshdFixture.filesOnly("hardened").dirStatus("/etc/ssh/sshd_config.d", SnapshotItem.DENIED);
    Verdict v = level(b);
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(v.reason().contains("Include /etc/ssh/sshd_config.d/*.conf"), v.reason());
  }

  @Test
  void noOpensshServerIsNotApplicable() {
    SnapshotBuilder b =
        SnapshotBuilder.host("h")
            .fileStatus("/etc/ssh/sshd_config", SnapshotItem.ABSENT)
            .cmd("sshd -T", 127, "sh: 1: sshd: not found\n");
    assertEquals(Status.NOT_APPLICABLE, level(b).status());
  }

  @ParameterizedTest(name = "{0}: facility {1}")
  @CsvSource({"debian12, PASS", "rhel9, PASS", "hardened, PASS", "local7, FAIL"})
  void syslogFacility(String fixture, Status expected) {
    // Debian 12 ships no rsyslog: nothing keeps a LOCALn facility outside the journal
    SnapshotBuilder b =
        SshdFixture.asRoot(fixture)
            .fileStatus("/etc/rsyslog.conf", SnapshotItem.ABSENT)
            .dirStatus("/etc/rsyslog.d", SnapshotItem.ABSENT);
    Verdict v = run(new SshdSyslogFacilityMatcher(), b, "baseline");
    assertEquals(expected, v.status(), v.reason());
  }

  @Test
  void local7PassesWhenRsyslogKeepsIt() {
    // Debian's catch-all "*.*;auth,authpriv.none -/var/log/syslog" keeps local7
    SnapshotBuilder b =
        SshdFixture.asRoot("local7")
            .file(
                "/etc/rsyslog.conf",
                SshdFixture.read(
                    java.nio.file.Path.of(
                        "src/test/resources/fixtures/logs/rsyslog.conf-debian12")))
            .dirStatus("/etc/rsyslog.d", SnapshotItem.ABSENT);
    Verdict v = run(new SshdSyslogFacilityMatcher(), b, "baseline");
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(cites(v, "/etc/rsyslog.conf:55", "LOCAL7"), v.evidence().toString());
    SnapshotBuilder siem =
        SshdFixture.asRoot("local7")
            .file("/etc/rsyslog.conf", "auth,authpriv.*\t/var/log/auth.log\n")
            .dir("/etc/rsyslog.d", "f\t30-siem.conf\n")
            .file("/etc/rsyslog.d/30-siem.conf", "local7.*\t@@siem.example.com:6514\n");
    Verdict w = run(new SshdSyslogFacilityMatcher(), siem, "baseline");
    assertEquals(Status.PASS, w.status(), w.reason());
    assertTrue(cites(w, "/etc/rsyslog.d/30-siem.conf:1", "LOCAL7"), w.evidence().toString());
  }

  @Test
  void local7WithOnlyDebianRulesFails() {
    // Debian's *.*;auth,authpriv.none -/var/log/syslog does keep local7: the rule is a catch-all
    SnapshotBuilder b =
        SshdFixture.asRoot("local7")
            .file("/etc/rsyslog.conf", "auth,authpriv.*\t/var/log/auth.log\n*.emerg\t:omusrmsg:*\n")
            .dirStatus("/etc/rsyslog.d", SnapshotItem.ABSENT);
    assertEquals(Status.FAIL, run(new SshdSyslogFacilityMatcher(), b, "baseline").status());
  }

  @ParameterizedTest(name = "{0}: UsePAM {1}")
  @CsvSource({"debian12, PASS", "rhel9, PASS", "ubuntu2404-cloud, PASS", "usepam-no, FAIL"})
  void usePam(String fixture, Status expected) {
    Verdict v = run(new SshdUsePamMatcher(), SshdFixture.asRoot(fixture), "baseline");
    assertEquals(expected, v.status(), v.reason());
    Verdict f = run(new SshdUsePamMatcher(), SshdFixture.filesOnly(fixture), "baseline");
    assertEquals(expected, f.status(), f.reason());
  }

  /**
   * An sshd built without PAM (Alpine's openssh-server) leaves usepam out of sshd -T (OpenSSH
   * servconf.c dump_config: {@code #ifdef USE_PAM}): Debian's real output minus that line is what
   * it prints. Before: "sshd UsePAM : the PAM session stack ... does not run".
   */
  @Test
  void sshdWithoutPamSupportSaysSo() {
    SnapshotBuilder b = SshdFixture.asRoot("debian12");
    String dump = b.build().command("sshd -T").orElseThrow().text();
    b.cmd("sshd -T", 0, dump.replaceAll("(?m)^usepam .*\n", ""));
    Verdict v = run(new SshdUsePamMatcher(), b, "baseline");
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().startsWith("sshd is built without PAM support"), v.reason());
  }

  @Test
  void usePamNoCitesTheDropIn() {
    Verdict v = run(new SshdUsePamMatcher(), SshdFixture.asRoot("usepam-no"), "baseline");
    assertTrue(
        cites(v, "/etc/ssh/sshd_config.d/10-keys-only.conf:3", "first value"),
        v.evidence().toString());
  }

  @Test
  void configValid() {
    Matcher m = new SshdConfigValidMatcher();
    assertEquals(Status.PASS, run(m, SshdFixture.asRoot("debian12"), "baseline").status());
    Verdict bad = run(m, SshdFixture.asRoot("invalid-match"), "baseline");
    assertEquals(Status.FAIL, bad.status());
    assertTrue(bad.reason().contains("not allowed within a Match block"), bad.reason());
    Verdict badFiles = run(m, SshdFixture.filesOnly("invalid-match"), "baseline");
    assertEquals(Status.FAIL, badFiles.status(), badFiles.reason());
    assertTrue(cites(badFiles, "/etc/ssh/sshd_config.d/30-sftp.conf:4", "not allowed"));
    assertEquals(Status.UNKNOWN, run(m, SshdFixture.filesOnly("debian12"), "baseline").status());
  }
}
