package io.auditgap.facts.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Time parsers on chrony 4.3 and timedatectl outputs (see fixtures/time/SOURCES.md). */
class TimeParsersTest {
  static final Path DIR = Path.of("src/test/resources/fixtures/time");

  static String fixture(String name) throws IOException {
    return Files.readString(DIR.resolve(name));
  }

  @Test
  void chronyTrackingSynchronised() throws IOException {
    ChronyTracking t = ChronyTracking.parse(fixture("chronyc-tracking-upstream-doc.txt"));
    assertTrue(t.answered());
    assertEquals("Normal", t.leapStatus().get());
    assertEquals(0.000006523, t.systemTimeOffset().getAsDouble(), 1e-12);
  }

  @Test
  void chronyTrackingNotSynchronisedAndNoDaemon() throws IOException {
    ChronyTracking t = ChronyTracking.parse(fixture("chronyc-tracking-not-synchronised-4.3.txt"));
    assertEquals("Not synchronised", t.leapStatus().get());
    assertEquals("00000000 ()", t.fields().get("Reference ID"));
    ChronyTracking none = ChronyTracking.parse(fixture("chronyc-tracking-no-daemon-4.3.txt"));
    assertFalse(none.answered());
    assertEquals("506 Cannot talk to daemon", none.firstLine());
  }

  @Test
  void timedatectl() throws IOException {
    assertTrue(
        TimedatectlStatus.parse(fixture("timedatectl-show-synchronised.txt")).synchronised().get());
    assertFalse(
        TimedatectlStatus.parse(fixture("timedatectl-show-not-synchronised.txt"))
            .synchronised()
            .get());
    TimedatectlStatus none = TimedatectlStatus.parse(fixture("timedatectl-no-systemd.txt"));
    assertFalse(none.answered());
    assertTrue(none.firstLine().startsWith("System has not been booted with systemd"));
  }

  @Test
  void systemctlBlocksFoldAliasesAndSkipMissingUnits() {
    // systemctl show prints one block per unit; Debian's chronyd.service is an alias of chrony
    String out =
        "Id=chrony.service\nLoadState=loaded\nActiveState=active\nSubState=running\n"
            + "UnitFileState=enabled\n\n"
            + "Id=chrony.service\nLoadState=loaded\nActiveState=active\nSubState=running\n"
            + "UnitFileState=enabled\n\n"
            + "Id=systemd-timesyncd.service\nLoadState=loaded\nActiveState=inactive\n"
            + "SubState=dead\nUnitFileState=disabled\n\n"
            + "Id=ntp.service\nLoadState=not-found\nActiveState=inactive\nSubState=dead\n"
            + "UnitFileState=\n";
    TimeDaemons d = TimeDaemons.fromSystemctl(out);
    assertEquals(2, d.daemons().size());
    assertEquals(1, d.active().size());
    assertEquals("chrony.service", d.active().get(0).name());
  }

  @Test
  void processNamesAreCutAtFifteen() {
    TimeDaemons d = TimeDaemons.fromProcesses(Set.of("systemd-timesyn", "sshd"));
    assertEquals(1, d.active().size());
    assertTrue(TimeDaemons.fromProcesses(Set.of("systemd-timesyncd")).active().isEmpty());
  }
}
