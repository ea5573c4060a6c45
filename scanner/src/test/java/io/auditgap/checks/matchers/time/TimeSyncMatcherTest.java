package io.auditgap.checks.matchers.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.facts.Facts;
import io.auditgap.testing.SnapshotBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** time.sync on chrony 4.3 and timedatectl outputs (fixtures/time/SOURCES.md). */
class TimeSyncMatcherTest {
  static final Path DIR = Path.of("src/test/resources/fixtures/time");

  static String fixture(String name) {
    try {
      return Files.readString(DIR.resolve(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String unit(String id, String active) {
    return "Id="
        + id
        + "\nLoadState=loaded\nActiveState="
        + active
        + "\nSubState="
        + (active.equals("active") ? "running" : "dead")
        + "\nUnitFileState="
        + (active.equals("active") ? "enabled" : "disabled")
        + "\n\n";
  }

  static SnapshotBuilder host(String systemctl) {
    return SnapshotBuilder.host("h")
        .cmd("container", 0, "none\n")
        .cmd("systemctl show time daemons", 0, systemctl)
        .cmd("processes", 0, "systemd\nsshd\n");
  }

  static Verdict run(SnapshotBuilder b) {
    return new TimeSyncMatcher().evaluate(CheckParams.empty(), new Facts(b.build()));
  }

  @Test
  void rhelChronyInSyncPasses() {
    Verdict v =
        run(
            host(unit("chronyd.service", "active") + unit("systemd-timesyncd.service", "inactive"))
                .cmd("chronyc -n tracking", 0, fixture("chronyc-tracking-upstream-doc.txt")));
    assertEquals(Status.PASS, v.status(), v.reason());
  }

  @Test
  void chronysOwnViewDecidesWhereTimedatectlWasNotRun() {
    SnapshotBuilder chrony =
        host(unit("chrony.service", "active"))
            .cmd("chronyc -n tracking", 0, fixture("chronyc-tracking-upstream-doc.txt"))
            .cmd("timedatectl show", 0, "# not run: chronyd answers chronyc -n tracking\n");
    assertEquals(Status.PASS, run(chrony).status());
    // chronyd answers, but systemd runs timesyncd as the one daemon: its view was not taken
    Verdict v =
        run(
            host(unit("systemd-timesyncd.service", "active"))
                .cmd("chronyc -n tracking", 0, fixture("chronyc-tracking-upstream-doc.txt"))
                .cmd("timedatectl show", 0, "# not run: chronyd answers chronyc -n tracking\n"));
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(v.reason().contains("timedatectl: # not run: chronyd answers"), v.reason());
  }

  @Test
  void chronyNotSynchronisedFails() {
    Verdict v =
        run(
            host(unit("chrony.service", "active"))
                .cmd(
                    "chronyc -n tracking",
                    0,
                    fixture("chronyc-tracking-not-synchronised-4.3.txt")));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("Not synchronised"), v.reason());
  }

  @Test
  void twoDaemonsFail() {
    Verdict v =
        run(
            host(unit("chrony.service", "active") + unit("systemd-timesyncd.service", "active"))
                .cmd("chronyc -n tracking", 0, fixture("chronyc-tracking-upstream-doc.txt")));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("2 time daemons"), v.reason());
  }

  @Test
  void noDaemonFails() {
    assertEquals(Status.FAIL, run(host(unit("systemd-timesyncd.service", "inactive"))).status());
  }

  @Test
  void timesyncdUsesTimedatectl() {
    SnapshotBuilder b = host(unit("systemd-timesyncd.service", "active"));
    assertEquals(
        Status.PASS,
        run(b.cmd("timedatectl show", 0, fixture("timedatectl-show-synchronised.txt"))).status());
    assertEquals(
        Status.FAIL,
        run(b.cmd("timedatectl show", 0, fixture("timedatectl-show-not-synchronised.txt")))
            .status());
  }

  @Test
  void withoutSystemdTheProcessListDecides() {
    SnapshotBuilder b =
        SnapshotBuilder.host("h")
            .cmd("container", 0, "none\n")
            .cmd("systemctl show time daemons", 1, fixture("systemctl-no-systemd.txt"))
            .cmd("processes", 0, "init\nchronyd\nsshd\n")
            .cmd("timedatectl show", 1, fixture("timedatectl-no-systemd.txt"));
    assertEquals(
        Status.PASS,
        run(b.cmd("chronyc -n tracking", 0, fixture("chronyc-tracking-upstream-doc.txt")))
            .status());
    Verdict v = run(b.cmd("chronyc -n tracking", 1, fixture("chronyc-tracking-no-daemon-4.3.txt")));
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
  }

  @Test
  void containerIsNotApplicable() {
    Verdict v =
        run(
            SnapshotBuilder.host("c")
                .cmd("container", 0, "docker\n")
                .cmd("systemctl show time daemons", 1, fixture("systemctl-no-systemd.txt"))
                .cmd("processes", 0, "sshd\n"));
    assertEquals(Status.NOT_APPLICABLE, v.status());
  }
}
