package io.auditgap.checks.matchers.auditd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.facts.Facts;
import io.auditgap.testing.SnapshotBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Outputs below are real: dpkg-query on Debian 12 (auditd 1:3.0.9-1, audispd-plugins never
 * installed), systemctl on a host not booted with systemd, and systemctl show's KEY=VALUE form.
 */
class AuditdServiceMatchersTest {
  private static final String DPKG_INSTALLED =
      "audispd-plugins\t\tun \nauditd\t1:3.0.9-1\tii \n#dpkg\n";
  private static final String DPKG_REMOVED = "auditd\t1:3.0.9-1\trc \n#dpkg\n";
  private static final String DPKG_ABSENT = "#dpkg\n";
  private static final String NO_SYSTEMD =
      "System has not been booted with systemd as init system (PID 1). Can't operate.\n"
          + "Failed to connect to bus: Host is down\n";

  private final AuditdInstalledMatcher installed = new AuditdInstalledMatcher();
  private final AuditdRunningMatcher running = new AuditdRunningMatcher();

  private static SnapshotBuilder base() {
    return SnapshotBuilder.host("h").cmd("container", 0, "none\n");
  }

  private Verdict installed(SnapshotBuilder b) {
    return installed.evaluate(CheckParams.empty(), new Facts(b.build()));
  }

  private Verdict running(SnapshotBuilder b) {
    return running.evaluate(CheckParams.empty(), new Facts(b.build()));
  }

  @Test
  void installedNeedsPackageAndBinary() {
    Verdict v =
        installed(
            base()
                .cmd("packages", 0, DPKG_INSTALLED)
                .cmd("binaries", 0, "auditd\t/usr/sbin/auditd\nauditctl\t/usr/sbin/auditctl\n"));
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(v.reason().contains("1:3.0.9-1"));
  }

  @Test
  void removedPackageWithConfigLeftBehindFails() {
    Verdict v = installed(base().cmd("packages", 0, DPKG_REMOVED).cmd("binaries", 0, ""));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("configuration files left behind"), v.reason());
  }

  @Test
  void absentPackageFails() {
    assertEquals(
        Status.FAIL,
        installed(base().cmd("packages", 0, DPKG_ABSENT).cmd("binaries", 0, "")).status());
  }

  @Test
  void packageWithoutBinaryFails() {
    Verdict v = installed(base().cmd("packages", 0, DPKG_INSTALLED).cmd("binaries", 0, ""));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("binary is missing"), v.reason());
  }

  @Test
  void nothingCollectedIsUnknownNotFail() {
    Verdict v = installed(base());
    assertEquals(Status.UNKNOWN, v.status());
  }

  @Test
  void containerIsNotApplicable() {
    Verdict v =
        installed(
            SnapshotBuilder.host("c")
                .cmd("container", 0, "docker\n")
                .cmd("packages", 0, DPKG_ABSENT));
    assertEquals(Status.NOT_APPLICABLE, v.status());
  }

  /**
   * A booted systemd-nspawn container (NspawnBootedIT): auditd's unit starts, cannot open the audit
   * netlink socket and exits; Restart=on-failure cycles it through auto-restart until the start
   * limit leaves it failed. Both states are a broken unit, reported as such.
   */
  @Test
  void aFailedOrRestartingAuditdUnitInsideAContainerIsReported() {
    SnapshotBuilder nspawn =
        SnapshotBuilder.host("c")
            .cmd("container", 0, "detect-virt-c: systemd-nspawn\n")
            .cmd("auditctl -s", 1, "Error - audit support not in kernel\n");
    for (String state :
        List.of(
            "ActiveState=failed\nSubState=failed",
            "ActiveState=activating\nSubState=auto-restart")) {
      Verdict v =
          running(
              nspawn.cmd(
                  "systemctl show auditd",
                  0,
                  "MainPID=0\nId=auditd.service\nLoadState=loaded\n"
                      + state
                      + "\nUnitFileState=enabled\n"));
      assertEquals(Status.FAIL, v.status(), state + ": " + v.reason());
      assertTrue(v.reason().contains("installed in the container and failed"), v.reason());
    }
    Verdict starting =
        running(
            nspawn.cmd(
                "systemctl show auditd",
                0,
                "Id=auditd.service\nLoadState=loaded\nActiveState=activating\nSubState=start\n"
                    + "UnitFileState=enabled\n"));
    assertEquals(Status.NOT_APPLICABLE, starting.status(), starting.reason());
  }

  @Test
  void runningAndEnabledUnderSystemdPasses() {
    Verdict v =
        running(
            base()
                .cmd(
                    "systemctl show auditd",
                    0,
                    "MainPID=612\nId=auditd.service\nLoadState=loaded\nActiveState=active\n"
                        + "SubState=running\nUnitFileState=enabled\n"));
    assertEquals(Status.PASS, v.status(), v.reason());
  }

  @Test
  void runningButDisabledFails() {
    Verdict v =
        running(
            base()
                .cmd(
                    "systemctl show auditd",
                    0,
                    "Id=auditd.service\nLoadState=loaded\nActiveState=active\nSubState=running\n"
                        + "UnitFileState=disabled\n"));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("not enabled at boot"));
  }

  @Test
  void missingUnitFails() {
    Verdict v =
        running(
            base()
                .cmd(
                    "systemctl show auditd",
                    0,
                    "Id=auditd.service\nLoadState=not-found\nActiveState=inactive\nSubState=dead\n"
                        + "UnitFileState=\n"));
    assertEquals(Status.FAIL, v.status());
  }

  @Test
  void withoutSystemdTheProcessListAndUnitFilesDecide() {
    Verdict v =
        running(
            base()
                .cmd("systemctl show auditd", 1, NO_SYSTEMD)
                .cmd("systemctl is-enabled auditd", 0, "enabled\n")
                .cmd("processes", 0, "sshd\nauditd\nbash\n"));
    assertEquals(Status.PASS, v.status(), v.reason());
    v =
        running(
            base()
                .cmd("systemctl show auditd", 1, NO_SYSTEMD)
                .cmd("systemctl is-enabled auditd", 0, "enabled\n")
                .cmd("processes", 0, "sshd\nbash\n"));
    assertEquals(Status.FAIL, v.status());
  }

  @Test
  void runningWithUnknownBootStateIsUnknown() {
    Verdict v =
        running(
            base()
                .cmd("systemctl show auditd", 127, "sh: 1: systemctl: not found\n")
                .cmd("systemctl is-enabled auditd", 127, "")
                .cmd("boot links", 0, "")
                .cmd("processes", 0, "auditd\n"));
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
  }
}
