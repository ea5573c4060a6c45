package io.auditgap.facts.logging;

import static io.auditgap.facts.logging.LoggingFacts.DAEMON_MESSAGES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.collect.CollectionItem;
import io.auditgap.testing.ProcessOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collector item's own shell under each shell the collector supports, with its two syslog file
 * paths pointed at a copy of real rsyslog output (the test cannot write /var/log): it picks the
 * daemon's lines and nothing else, bounds them, and reports each source's state.
 */
class DaemonMessagesItemTest {
  @TempDir Path dir;

  private String run(String shell, String script) throws Exception {
    return ProcessOutput.ofShell(shell, script, 60);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void readsTheDaemonsLinesAndSaysWhatItCouldNotRead(String shell) throws Exception {
    Path syslog = dir.resolve("syslog");
    StringBuilder noise = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      noise.append("2026-12-06T05:52:50.1+00:00 vm sshd[9]: rsyslogd: not a daemon line\n");
    }
    Files.writeString(syslog, noise + Fixtures.read("daemon-messages/rsyslog-suspended.log"));
    Path denied = dir.resolve("messages");
    String shellText = ((CollectionItem.Command) LoggingFacts.DAEMON_MESSAGES).shell();
    assertTrue(shellText.contains("/var/log/syslog /var/log/messages"), shellText);
    String out =
        run(
            shell,
            shellText.replace(
                "/var/log/syslog /var/log/messages", syslog + " " + denied.resolve("absent")));
    DaemonLog l = DaemonLogParser.parse(out);
    assertEquals(3, l.sources().size(), out);
    assertTrue(l.sources().get(1).read(), out);
    assertTrue(l.collectedAt() > 1_700_000_000L, out);
    assertTrue(out.contains("cannot resolve hostname 'logs.invalid'"), out);
    assertTrue(!out.contains("not a daemon line"), "only the daemons' own tags");
    assertTrue(!out.contains("Accepted publickey"), out);
    assertTrue(out.lines().count() < 260, "bounded: " + out.lines().count());
    assertTrue(out.contains("== " + denied.resolve("absent") + "\n-- absent\n"), out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void takesTheCollectorsClockAndCutsAtTheItemCapOnlyWhatALogMakesLong(String shell)
      throws Exception {
    Path syslog = dir.resolve("syslog");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      lines
          .append("2026-12-06T05:52:50.1+00:00 vm rsyslogd: action 'fwd' suspended ")
          .append("x".repeat(200))
          .append('\n');
    }
    Files.writeString(syslog, lines.toString());
    String shellText = DAEMON_MESSAGES.shell();
    // without journalctl (this machine's journal is not the test's), with what else it runs
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : new String[] {"tail", "grep", "head", "date"}) {
      Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
    }
    String noJournal = "PATH=" + bin + "; ";
    String readsTheLog =
        noJournal
            + shellText.replace(
                "/var/log/syslog /var/log/messages", syslog + " " + dir.resolve("absent"));
    Map<String, String> env = Map.of("ag_now", "1796550000", "ag_tz", "+0100", "ag_c", "4096");
    String cut = ProcessOutput.ofShell(shell, readsTheLog, env, 60);
    assertTrue(cut.startsWith("now 1796550000 +0100\n== journal\n-- no-journalctl\n"), cut);
    // one more byte than the cap: the collector marks the item cut, as for a capped command
    assertEquals(4097, cut.length(), cut);
    String whole = ProcessOutput.ofShell(shell, readsTheLog, Map.of("ag_c", "1048576"), 60);
    assertTrue(whole.matches("(?s)now \\d{10} [+-]\\d{4}\n.*"), "its own date: " + whole);
    assertEquals(50, whole.lines().filter(l -> l.contains("suspended")).count(), whole);
    // nothing read: the few lines of states, without a cut
    String noLogs =
        noJournal
            + shellText.replace(
                "/var/log/syslog /var/log/messages",
                dir.resolve("absent") + " " + dir.resolve("absent2"));
    assertEquals(
        "now 1796550000 +0100\n== journal\n-- no-journalctl\n== "
            + dir.resolve("absent")
            + "\n-- absent\n== "
            + dir.resolve("absent2")
            + "\n-- absent\n",
        ProcessOutput.ofShell(shell, noLogs, Map.of("ag_now", "1796550000", "ag_tz", "+0100"), 60));
  }
}
