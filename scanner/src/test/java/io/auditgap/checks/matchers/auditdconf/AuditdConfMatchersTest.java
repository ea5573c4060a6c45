package io.auditgap.checks.matchers.auditdconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Matcher;
import io.auditgap.checks.MatcherRegistry;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Facts;
import io.auditgap.testing.SnapshotBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Debian 12's shipped auditd.conf and the CIS variant, evaluated per profile with the params of
 * checks/auditd-conf.yaml. stat output as printed by GNU coreutils stat -c '%a %U %G %F'.
 */
class AuditdConfMatchersTest {
  static final String PATH = "/etc/audit/auditd.conf";
  static final String STAT_OK = "640 root root regular file /etc/audit/auditd.conf\n";
  static final String STAT_DENIED =
      "stat: cannot statx '/etc/audit/auditd.conf': Permission denied\n";

  static String fixture(String n) throws IOException {
    return Files.readString(Path.of("src/test/resources/fixtures/auditd").resolve(n));
  }

  static SnapshotBuilder host(String conf) {
    return SnapshotBuilder.host("h")
        .cmd("container", 0, "none\n")
        .cmd("id -u", 0, "0\n")
        .cmd("stat audit files", 0, STAT_OK)
        .file(PATH, conf);
  }

  static Verdict run(Matcher m, SnapshotBuilder b, String profile, Map<String, Object> params) {
    Map<String, Object> p = new java.util.HashMap<>(params);
    p.put("profile", profile);
    return m.evaluate(new CheckParams(p), new Facts(b.build()));
  }

  static final Map<String, Object> SPACE =
      Map.of(
          "space_left_action",
          Map.of(
              "baseline", List.of("email", "exec", "single", "halt"),
              "stig", List.of("email")));
  static final Map<String, Object> ADMIN =
      Map.of(
          "admin_space_left_action",
          Map.of("baseline", List.of("single", "halt"), "stig", List.of("single")));
  static final Map<String, Object> DISK =
      Map.of(
          "disk_full_action",
              Map.of("baseline", List.of("halt", "single"), "stig", List.of("halt")),
          "disk_error_action",
              Map.of("baseline", List.of("syslog", "single", "halt"), "stig", List.of("halt")));
  static final Map<String, Object> MAXLOG =
      Map.of(
          "max_log_file_action",
              Map.of(
                  "baseline", List.of("keep_logs", "rotate"),
                  "cis", List.of("keep_logs"),
                  "stig", List.of("rotate")),
          "min_num_logs", Map.of("baseline", 2));

  @Test
  void debianShippedFileIsValidButFailsTheDiskActions() throws IOException {
    SnapshotBuilder deb = host(fixture("debian12-auditd-3.0.9.conf"));
    Verdict valid = run(new AuditdConfValidMatcher(), deb, "baseline", Map.of());
    assertEquals(Status.PASS, valid.status(), valid.reason());
    assertEquals(Status.PASS, run(new LocalLoggingMatcher(), deb, "baseline", Map.of()).status());
    Verdict space = run(new SpaceLeftMatcher(), deb, "baseline", SPACE);
    assertEquals(Status.FAIL, space.status());
    assertTrue(space.reason().contains("SYSLOG"), space.reason());
    assertTrue(space.evidence().stream().anyMatch(e -> e.location().equals(PATH + ":19")));
    assertEquals(Status.FAIL, run(new AdminSpaceLeftMatcher(), deb, "baseline", ADMIN).status());
    Verdict disk = run(new DiskFullErrorMatcher(), deb, "baseline", DISK);
    assertEquals(Status.FAIL, disk.status());
    assertTrue(disk.reason().contains("disk_full_action = SUSPEND"), disk.reason());
  }

  @Test
  void maxLogFileActionDependsOnTheProfile() throws IOException {
    SnapshotBuilder deb = host(fixture("debian12-auditd-3.0.9.conf"));
    SnapshotBuilder cis = host(fixture("cis-keep-logs-halt.conf"));
    MaxLogFileActionMatcher m = new MaxLogFileActionMatcher();
    assertEquals(Status.FAIL, run(m, deb, "cis", MAXLOG).status(), "CIS wants keep_logs");
    assertEquals(Status.PASS, run(m, deb, "stig", MAXLOG).status(), "STIG wants rotate");
    assertEquals(Status.PASS, run(m, deb, "baseline", MAXLOG).status());
    assertEquals(Status.PASS, run(m, cis, "cis", MAXLOG).status());
    assertEquals(Status.FAIL, run(m, cis, "stig", MAXLOG).status(), "STIG refuses keep_logs");
    Verdict one =
        run(
            m,
            host(fixture("debian12-auditd-3.0.9.conf").replace("num_logs = 5", "num_logs = 1")),
            "baseline",
            MAXLOG);
    assertEquals(Status.FAIL, one.status());
    assertTrue(one.reason().contains("does not rotate"), one.reason());
  }

  @Test
  void cisVariantPassesTheActionChecksExceptStigDiskError() throws IOException {
    SnapshotBuilder cis = host(fixture("cis-keep-logs-halt.conf"));
    assertEquals(Status.PASS, run(new SpaceLeftMatcher(), cis, "baseline", SPACE).status());
    assertEquals(Status.PASS, run(new AdminSpaceLeftMatcher(), cis, "baseline", ADMIN).status());
    assertEquals(
        Status.FAIL,
        run(new AdminSpaceLeftMatcher(), cis, "stig", ADMIN).status(),
        "STIG wants single, not halt");
    assertEquals(Status.PASS, run(new DiskFullErrorMatcher(), cis, "stig", DISK).status());
  }

  @Test
  void noSpacesAroundEqualsMakesTheFileInvalidAndEverySettingFail() throws IOException {
    String broken =
        fixture("cis-keep-logs-halt.conf").replace("max_log_file = 8", "max_log_file=8");
    SnapshotBuilder b = host(broken);
    Verdict v = run(new AuditdConfValidMatcher(), b, "baseline", Map.of());
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("refuses"), v.reason());
    assertEquals(PATH + ":12", v.evidence().get(1).location());
    Verdict space = run(new SpaceLeftMatcher(), b, "baseline", SPACE);
    assertEquals(
        Status.FAIL, space.status(), "valid-looking email action, but auditd never starts");
  }

  @Test
  void duplicatedKeyLastWinsWithTheOverriddenLineInEvidence() throws IOException {
    String dup = fixture("cis-keep-logs-halt.conf") + "space_left_action = SYSLOG\n";
    Verdict v = run(new SpaceLeftMatcher(), host(dup), "baseline", SPACE);
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.evidence().stream().anyMatch(e -> e.note().contains("overridden by line")));
  }

  @Test
  void ownershipAndModeAreChecked() throws IOException {
    String conf = fixture("debian12-auditd-3.0.9.conf");
    Verdict ww =
        run(
            new AuditdConfValidMatcher(),
            host(conf).cmd("stat audit files", 0, "666 root root regular file " + PATH + "\n"),
            "baseline",
            Map.of());
    assertEquals(Status.FAIL, ww.status());
    assertTrue(ww.reason().contains("world-writable"), ww.reason());
    Verdict owner =
        run(
            new AuditdConfValidMatcher(),
            host(conf).cmd("stat audit files", 0, "640 admin root regular file " + PATH + "\n"),
            "baseline",
            Map.of());
    assertEquals(Status.FAIL, owner.status());
  }

  @Test
  void withoutRootTheFileLooksAbsentButTheVerdictIsUnknown() {
    SnapshotBuilder b =
        SnapshotBuilder.host("h")
            .cmd("container", 0, "none\n")
            .cmd("id -u", 0, "1000\n")
            .cmd("stat audit files", 0, STAT_DENIED)
            .fileStatus(PATH, SnapshotItem.ABSENT);
    for (Matcher m : MatcherRegistry.builtIn().family("auditd-conf")) {
      Verdict v = run(m, b, "baseline", Map.of());
      assertEquals(Status.UNKNOWN, v.status(), m.name() + ": " + v.reason());
      assertTrue(v.reason().contains("permission denied"), v.reason());
    }
  }

  @Test
  void containerIsNotApplicable() {
    SnapshotBuilder b = SnapshotBuilder.host("c").cmd("container", 0, "docker\n");
    for (Matcher m : MatcherRegistry.builtIn().family("auditd-conf")) {
      assertEquals(Status.NOT_APPLICABLE, run(m, b, "baseline", Map.of()).status(), m.name());
    }
  }

  @Test
  void writeLogsNoOrNologFailsLocalLogging() throws IOException {
    String conf = fixture("debian12-auditd-3.0.9.conf");
    assertEquals(
        Status.FAIL,
        run(
                new LocalLoggingMatcher(),
                host(conf.replace("write_logs = yes", "write_logs = no")),
                "baseline",
                Map.of())
            .status());
    assertEquals(
        Status.FAIL,
        run(
                new LocalLoggingMatcher(),
                host(conf.replace("log_format = ENRICHED", "log_format = NOLOG")),
                "baseline",
                Map.of())
            .status());
  }

  @Test
  void spaceLeftNotAboveAdminSpaceLeftInPercentFails() throws IOException {
    String conf =
        fixture("cis-keep-logs-halt.conf")
            .replace("space_left = 75", "space_left = 5%")
            .replace("admin_space_left = 50", "admin_space_left = 25%");
    Verdict v = run(new SpaceLeftMatcher(), host(conf), "baseline", SPACE);
    assertEquals(Status.FAIL, v.status(), "auditd accepts it, but the last chance comes first");
  }
}
