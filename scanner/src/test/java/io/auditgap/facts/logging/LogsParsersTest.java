package io.auditgap.facts.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.facts.retention.JournaldParser;
import io.auditgap.facts.system.FileStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Parsers of the logs family on real outputs from a Debian 12 host (see fixtures/logs/SOURCES.md).
 */
class LogsParsersTest {
  static final Path DIR = Path.of("src/test/resources/fixtures/logs");

  static String fixture(String name) throws IOException {
    return Files.readString(DIR.resolve(name));
  }

  @Test
  void statLinesOfADebian12Host() throws IOException {
    LogFileStats s = LogFileStats.parse(fixture("debian12-container-stats.txt"));
    assertEquals(1795678167L, s.hostNow().getAsLong());
    FileStat wtmp = s.file("/var/log/wtmp").get();
    assertEquals(0664, wtmp.mode());
    assertEquals("utmp", wtmp.group());
    assertTrue(wtmp.isRegular());
    assertEquals(0660, s.file("/var/log/btmp").get().mode());
    assertTrue(s.file("/var/log/journal").get().isDirectory());
    assertTrue(s.absent().contains("/var/log/auth.log"));
    assertTrue(s.absent().contains("/var/lib/wtmpdb/wtmp.db"));
    assertTrue(s.unparsed().isEmpty());
  }

  @Test
  void statErrorsAndGarbageAreKeptWithLineNumbers() {
    LogFileStats s =
        LogFileStats.parse(
            "17\nstat: cannot statx '/var/log/secure': Permission denied\nx|y|z|w|v|u|t\n");
    assertEquals(2, s.unparsed().size());
    assertTrue(s.unparsed().get(0).startsWith("2: "));
    assertFalse(s.covers("/var/log/secure"));
  }

  @Test
  void modeWithinCountsEveryExtraBit() {
    FileStat f = new FileStat("/var/log/auth.log", 0, 0644, "syslog", "adm", "regular file", 1);
    assertFalse(f.modeWithin(0640));
    assertTrue(new FileStat("x", 0, 0600, "root", "root", "regular file", 1).modeWithin(0640));
    assertFalse(new FileStat("x", 0, 04640, "root", "root", "regular file", 1).modeWithin(0640));
  }

  @Test
  void journalProbeOutcomes() throws IOException {
    assertEquals(
        JournalProbe.Outcome.NO_JOURNAL,
        JournalProbe.parse(fixture("journalctl-no-journal.txt")).outcome());
    // systemd 252 journalctl as a user outside adm/systemd-journal
    JournalProbe limited =
        JournalProbe.parse(
            "Hint: You are currently not seeing messages from other users and the system.\n"
                + "      Users in groups 'adm', 'systemd-journal' can see all messages.\n"
                + "      Pass -q to turn off this notice.\n-- No entries --\n");
    assertEquals(JournalProbe.Outcome.NO_PERMISSION, limited.outcome());
    JournalProbe entry =
        JournalProbe.parse(
            "1795677904.511523 deb12 sshd[812]: Accepted publickey for admin from 192.0.2.10 port"
                + " 50122 ssh2: ED25519 SHA256:Jx4Qm5cZ\n");
    assertEquals(JournalProbe.Outcome.ENTRY, entry.outcome());
    assertEquals(1795677904L, entry.timestamp().getAsLong());
    assertEquals(
        JournalProbe.Outcome.NO_ENTRIES, JournalProbe.parse("-- No entries --\n").outcome());
  }

  @Test
  void journaldStorageLastAssignmentWins() throws IOException {
    JournaldStorage d =
        JournaldStorage.of(
            JournaldParser.parse(
                "/etc/systemd/journald.conf",
                fixture("journald-cat-config-debian12.txt"),
                List.of()));
    assertEquals("auto", d.value());
    assertEquals("", d.line());
    assertTrue(d.persistent(true));
    assertFalse(d.persistent(false));
    JournaldStorage v =
        JournaldStorage.of(
            JournaldParser.parse(
                "/etc/systemd/journald.conf",
                "[Journal]\nStorage=persistent\n",
                List.of(
                    new JournaldParser.DropIn(
                        "/etc/systemd/journald.conf.d",
                        "99-volatile.conf",
                        Optional.of("[Journal]\nStorage=volatile\n")))));
    assertEquals("volatile", v.value());
    assertEquals("/etc/systemd/journald.conf.d/99-volatile.conf", v.source());
    assertEquals(2, v.lineNumber());
    assertFalse(v.persistent(true));
  }

  @Test
  void debianRsyslogRoutesAuthToAuthLog() throws IOException {
    SyslogRoutes r =
        new SyslogRoutes(SyslogRoutes.parse("/etc/rsyslog.conf", fixture("rsyslog.conf-debian12")));
    SyslogRoute auth = r.storing("authpriv").get();
    assertEquals("/var/log/auth.log", auth.action());
    assertEquals(60, auth.at().line());
    // *.*;auth,authpriv.none excludes auth from syslog, but keeps local7
    assertEquals("-/var/log/syslog", r.storing("local7").get().action());
    assertTrue(
        r.routes().stream()
            .noneMatch(x -> x.action().startsWith("/var/log/auth.log") && x.selects("mail")));
  }

  @Test
  void exclusionAndDiscardAreNotStorage() {
    SyslogRoutes r =
        new SyslogRoutes(
            SyslogRoutes.parse(
                "/etc/rsyslog.d/10.conf", "*.*;local7.none\t/var/log/all.log\nlocal7.*\tstop\n"));
    assertTrue(r.storing("local7").isEmpty());
    assertTrue(r.storing("auth").isPresent());
  }
}
