package io.auditgap.facts.sudo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.auditgap.collect.CollectionItem;
import io.auditgap.testing.ProcessOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sudo item starts sudo -V only where the sudo on the collector's PATH may not be dpkg's: dpkg
 * lists a sudo (or sudo-ldap) package's files, /usr/bin/sudo is there, and no sudo comes before it
 * on the PATH.
 */
class SudoItemShellTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void startsSudoOnlyWhereItMayNotBeDpkgs(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    Path info = Files.createDirectories(tmp.resolve("info"));
    Path usr = Files.createDirectories(tmp.resolve("usr"));
    Path bin = Files.createDirectories(usr.resolve("bin"));
    Path local = Files.createDirectories(usr.resolve("local/bin"));
    Path sudo = Files.writeString(bin.resolve("sudo"), "#!/bin/sh\necho 'Sudo version 9.9.9'\n");
    sudo.toFile().setExecutable(true);
    String item =
        ((CollectionItem.Command) SudoFacts.SUDO_V)
            .shell()
            .replace("/var/lib/dpkg/info", info.toString())
            .replace("/usr/", usr + "/");
    // the sudo -V it falls back to: the one on this PATH
    String run = "PATH=" + bin + ":$PATH; " + item;
    String notRun = SudoFacts.FROM_DPKG.replace("/usr/", usr + "/") + "\n";
    assertEquals("Sudo version 9.9.9\n", out(shell, run), "no sudo package: sudo -V runs");
    Files.writeString(info.resolve("sudo-ldap.list"), "/usr/bin/sudo\n");
    assertEquals(notRun, out(shell, run), "dpkg's sudo-ldap");
    Files.delete(info.resolve("sudo-ldap.list"));
    Files.writeString(info.resolve("sudo.list"), "/usr/bin/sudo\n");
    assertEquals(notRun, out(shell, run), "dpkg's sudo");
    Path mine = Files.writeString(local.resolve("sudo"), "#!/bin/sh\nexit 0\n");
    mine.toFile().setExecutable(true);
    assertEquals(
        "Sudo version 9.9.9\n", out(shell, run), "a sudo before /usr/bin on the PATH: sudo -V");
    Files.delete(mine);
    sudo.toFile().setExecutable(false);
    assertNotEquals(notRun, out(shell, run), "no /usr/bin/sudo: sudo -V answers for itself");
  }

  private static String out(String shell, String script) throws Exception {
    return ProcessOutput.ofShell(shell, script, 10);
  }
}
