package io.auditgap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner's own disk fills up while it writes reports (a 16 KiB tmpfs as {@code -o}): one line
 * with the operating system's reason, an exit code that is not success, and no temporary file left
 * behind. Needs root (mount), like the fleet tests.
 */
class DiskFullIT {
  @TempDir Path tmp;

  @Test
  void aFullOutputDiskIsReportedInOneLineAndLeavesNoTemporaryFile() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
    Path mnt = Files.createDirectories(tmp.resolve("full"));
    run("mount", "-t", "tmpfs", "-o", "size=16k", "auditgap-diskfull", mnt.toString());
    try {
      // a host that refuses at once: the scan is quick, the reports are what fills the disk
      Path inv = tmp.resolve("inv.yaml");
      Files.writeString(inv, "hosts:\n  gone: {address: 127.0.0.1, port: 2}\n");
      StringWriter o = new StringWriter();
      StringWriter e = new StringWriter();
      int code =
          Main.run(
              new String[] {
                "scan",
                "-i",
                inv.toString(),
                "--no-probe",
                "--format",
                "json,html",
                "-o",
                mnt.toString()
              },
              new PrintWriter(o, true),
              new PrintWriter(e, true));
      String err = e.toString();
      assertTrue(code != 0, "exit code " + code);
      assertTrue(err.toLowerCase(java.util.Locale.ROOT).contains("no space left on device"), err);
      assertFalse(err.contains("\tat "), "no stack trace: " + err);
      try (Stream<Path> files = Files.list(mnt)) {
        List<String> names = files.map(p -> p.getFileName().toString()).toList();
        assertTrue(names.stream().noneMatch(n -> n.endsWith(".tmp")), names.toString());
      }
    } finally {
      run("umount", mnt.toString());
    }
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd));
    assertEquals(
        0,
        p.exitValue(),
        String.join(" ", cmd) + ": " + new String(p.getInputStream().readAllBytes()));
  }
}
