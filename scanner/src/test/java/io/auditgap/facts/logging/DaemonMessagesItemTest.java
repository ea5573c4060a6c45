package io.auditgap.facts.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.collect.CollectionItem;
import io.auditgap.testing.ProcessOutput;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
