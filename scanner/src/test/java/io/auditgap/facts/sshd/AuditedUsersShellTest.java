package io.auditgap.facts.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.auditgap.testing.ProcessOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The "sshd -T -C audited users" item's decision: sshd is asked once per user only when some file
 * the configuration reaches has a Match block; without one, root and the login user are answered by
 * {@code sshd -T} and neither sshd nor the password database is read. The configuration lives under
 * a temporary root (the item's /etc/ssh paths are rewritten); {@code sshd} on PATH is a recorder
 * that counts its runs, since what is tested is which runs the item makes.
 */
class AuditedUsersShellTest {
  @TempDir Path root;

  private Path etc() throws Exception {
    return Files.createDirectories(root.resolve("etc/ssh/sshd_config.d"));
  }

  private String run(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    Path bin = Files.createDirectories(root.resolve("bin"));
    Path sshd = bin.resolve("sshd");
    Files.writeString(
        sshd, "#!/bin/sh\necho \"$*\" >> " + root.resolve("runs") + "\necho 'loglevel INFO'\n");
    Files.setPosixFilePermissions(sshd, PosixFilePermissions.fromString("rwxr-xr-x"));
    String item =
        SshdFacts.SSHD_T_USERS
            .shell()
            .replace("/usr/etc/ssh", root + "/usr-etc-ssh")
            .replace("/etc/ssh", root + "/etc/ssh");
    return ProcessOutput.ofShell(
        shell,
        item,
        Map.of("PATH", bin + ":/usr/sbin:/usr/bin:/sbin:/bin", "SUDO_USER", "alice"),
        10);
  }

  private long sshdRuns() throws Exception {
    Path runs = root.resolve("runs");
    return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void debiansLayoutWithoutMatchAsksSshdNothing(String shell) throws Exception {
    Path d = etc();
    // Debian 12's sshd_config opens with this Include and has only a commented Match example
    Files.writeString(
        d.getParent().resolve("sshd_config"),
        "Include "
            + root
            + "/etc/ssh/sshd_config.d/*.conf\nKbdInteractiveAuthentication no\nUsePAM yes\n"
            + "#Match User anoncvs\n#\tX11Forwarding no\n");
    Files.writeString(d.resolve("50-hardening.conf"), "  LogLevel VERBOSE\n");
    Files.writeString(d.resolve("README"), "Match User ignored-not-a-conf-file\n");
    String out = run(shell);
    assertEquals(
        "# no Match block in the configuration: sshd -T answers for every user\n"
            + "== user=root as sshd -T\n== user=alice as sshd -T\n",
        out);
    assertEquals(0, sshdRuns());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void aMatchInAnIncludedDropInAsksSshdPerUser(String shell) throws Exception {
    Path d = etc();
    Files.writeString(
        d.getParent().resolve("sshd_config"), "Include sshd_config.d/*.conf\nUsePAM yes\n");
    Files.writeString(d.resolve("60-internal.conf"), "match=Address 10.0.0.0/8\n  LogLevel INFO\n");
    String out = run(shell);
    assertTrue(out.contains("== user=root exit=0\nloglevel INFO\n"), out);
    assertTrue(out.contains("== user=alice exit=0\n"), out);
    assertEquals(out.lines().filter(l -> l.startsWith("== user=")).count(), sshdRuns(), out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void aMatchTwoIncludesDeepIsFound(String shell) throws Exception {
    Path d = etc();
    Path extra = Files.createDirectories(root.resolve("etc/ssh/extra"));
    Files.writeString(
        d.getParent().resolve("sshd_config"),
        "Include " + root + "/etc/ssh/sshd_config.d/*.conf\n");
    Files.writeString(d.resolve("10-more.conf"), "\tinclude = " + root + "/etc/ssh/extra/*.conf\n");
    Files.writeString(
        extra.resolve("sftp.conf"), "Match Group sftp\n  ForceCommand internal-sftp\n");
    String out = run(shell);
    assertTrue(out.contains("== user=root exit=0\n"), out);
    assertTrue(sshdRuns() >= 2, out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void whatCannotBeFollowedAsksSshdPerUser(String shell) throws Exception {
    Path d = etc();
    Files.writeString(
        d.getParent().resolve("sshd_config"), "Include \"" + root + "/etc/ssh/odd dir/*.conf\"\n");
    Files.writeString(d.resolve("50-x.conf"), "LogLevel VERBOSE\n");
    String out = run(shell);
    assertTrue(out.contains("== user=root exit=0\n"), out);
    assertFalse(out.contains("as sshd -T"), out);
    assertFalse(out.contains("# no Match"), out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void anOldLayoutWithoutIncludeReadsTheMainFileAlone(String shell) throws Exception {
    Path d = etc();
    // a drop-in directory sshd never reads (no Include): its Match is not the configuration's,
    // but the first level reads it, so the item stays on the safe side and asks sshd per user
    Files.writeString(d.getParent().resolve("sshd_config"), "UsePAM yes\nLogLevel VERBOSE\n");
    Files.writeString(d.resolve("stray.conf"), "Match User x\n");
    assertTrue(run(shell).contains("== user=root exit=0\n"));
    Files.delete(d.resolve("stray.conf"));
    Files.writeString(d.resolve("plain.conf"), "LogLevel INFO\n");
    Files.delete(root.resolve("runs"));
    String out = run(shell);
    assertTrue(out.startsWith("# no Match block"), out);
    assertEquals(0, sshdRuns());
  }
}
