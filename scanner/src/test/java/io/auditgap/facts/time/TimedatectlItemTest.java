package io.auditgap.facts.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.auditgap.testing.ProcessOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The timedatectl item's own shell under each shell the collector supports, with stand-ins for
 * chronyc and timedatectl first on PATH: timedatectl (which starts systemd-timedated on demand) is
 * run only where chronyd does not answer.
 */
class TimedatectlItemTest {
  @TempDir Path dir;

  private String run(String shell, String chronycStatus) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin-" + chronycStatus));
    write(bin.resolve("chronyc"), "echo 'Leap status     : Normal'; exit " + chronycStatus);
    write(bin.resolve("timedatectl"), "echo NTPSynchronized=yes");
    return ProcessOutput.ofShell(
        shell,
        TimeFacts.TIMEDATECTL.shell(),
        Map.of("PATH", bin + ":" + System.getenv("PATH")),
        30);
  }

  private static void write(Path file, String body) throws Exception {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    file.toFile().setExecutable(true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void runsTimedatectlOnlyWhereChronydDoesNotAnswer(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    assertEquals("# not run: chronyd answers chronyc -n tracking\n", run(shell, "0"));
    // chronyc without a daemon ("506 Cannot talk to daemon", exit 1): timedatectl answers
    assertEquals("NTPSynchronized=yes\n", run(shell, "1"));
  }

  /**
   * After the chronyc item in the same shell (the group runs both, in order), the answer chronyc
   * gave there decides: chronyc is not started a second time.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void takesChronycsAnswerFromTheChronycItemBeforeIt(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    for (String status : new String[] {"0", "1"}) {
      Path bin = Files.createDirectories(dir.resolve("both-" + status));
      Path runs = bin.resolve("runs");
      write(bin.resolve("chronyc"), "echo run >> '" + runs + "'; echo tracking; exit " + status);
      write(bin.resolve("timedatectl"), "echo NTPSynchronized=yes");
      String both =
          "ag_x='"
              + TimeFacts.CHRONYC.shell().replace("'", "'\\''")
              + "'; ag_f; echo \"chronyc=$?\"; ag_x='"
              + TimeFacts.TIMEDATECTL.shell().replace("'", "'\\''")
              + "'; ag_f";
      String out =
          ProcessOutput.ofShell(shell, both, Map.of("PATH", bin + ":" + System.getenv("PATH")), 30);
      assertEquals(
          "tracking\nchronyc="
              + status
              + "\n"
              + (status.equals("0")
                  ? "# not run: chronyd answers chronyc -n tracking\n"
                  : "NTPSynchronized=yes\n"),
          out);
      assertEquals("run\n", Files.readString(runs), "chronyc started once");
    }
  }
}
