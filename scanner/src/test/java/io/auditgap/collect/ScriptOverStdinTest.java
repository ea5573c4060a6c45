package io.auditgap.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collector as the scanner sends it ({@link ScriptOverStdin}) through a pipe to each shell, the
 * way the transport does: stdin stays open until the end line has been read.
 */
class ScriptOverStdinTest {
  private static final String NONCE = "0123456789abcdef";
  private static final CollectorLimits LIMITS =
      new CollectorLimits(4096, 64 * 1024, 50, Duration.ofSeconds(5));

  @TempDir Path dir;

  private List<CollectionItem> items() throws Exception {
    Files.writeString(dir.resolve("a.conf"), "ümlaut → ✓\nsecond line\n");
    Files.writeString(dir.resolve("b.conf"), "no newline at end");
    return List.of(
        new CollectionItem.File(dir + "/a.conf"),
        new CollectionItem.File(dir + "/b.conf"),
        new CollectionItem.File(dir + "/missing.conf"),
        new CollectionItem.Command("reads stdin", "cat; echo done"),
        new CollectionItem.Command("echo", "printf 'out\\n'; return 3"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void everyShellRunsTheSameCollectorAndWaitsForTheEndOfStdin(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    String script = CollectorScript.render(items(), NONCE, LIMITS);
    Run r = run(shell, ScriptOverStdin.of(script));
    Bundle b = BundleReader.read(r.out, NONCE, LIMITS);
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    assertEquals("ümlaut → ✓\nsecond line\n", find(b, "file", dir + "/a.conf").text());
    assertEquals("no newline at end", find(b, "file", dir + "/b.conf").text());
    assertEquals(SnapshotItem.ABSENT, find(b, "file", dir + "/missing.conf").exitStatus());
    // a command never sees the script or the rest of stdin
    assertEquals("done\n", find(b, "cmd", "reads stdin").text());
    assertEquals(3, find(b, "cmd", "echo").exitStatus());
    assertEquals(0, r.exit);
  }

  /**
   * The point of the first line: bash reads a script from a pipe one byte per read(2) (over 40,000
   * calls for the real collector); with the line it reads the script in a few blocks.
   */
  @Test
  void bashReadsTheScriptInBlocksNotByteByByte() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash not installed");
    assumeTrue(Files.isReadable(Path.of("/proc/self/io")), "no /proc/PID/io");
    String script = CollectorScript.render(items(), NONCE, LIMITS);
    int size = script.getBytes(StandardCharsets.UTF_8).length;
    long plain = run("/bin/bash", script.getBytes(StandardCharsets.UTF_8)).shellReads;
    long wrapped = run("/bin/bash", ScriptOverStdin.of(script)).shellReads;
    assertTrue(plain > size / 2, () -> "bash read the plain script in " + plain + " calls");
    assertTrue(wrapped < size / 20, () -> "bash read the wrapped script in " + wrapped + " calls");
  }

  private record Run(byte[] out, int exit, long shellReads) {}

  /** Writes stdin, reads until the end line, counts the shell's read calls, then closes stdin. */
  private static Run run(String shell, byte[] stdin) throws Exception {
    List<String> cmd =
        shell.endsWith("busybox") ? List.of(shell, "sh", "-s") : List.of(shell, "-s");
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      OutputStream in = p.getOutputStream();
      in.write(stdin);
      in.flush();
      byte[] endLine = ("@@" + NONCE + " end ").getBytes(StandardCharsets.US_ASCII);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      InputStream o = p.getInputStream();
      while (!endsWithEndLine(out.toByteArray(), endLine)) {
        int c = o.read();
        assertTrue(c >= 0, () -> "output ended before the end line: " + out);
        out.write(c);
      }
      assertFalse(p.waitFor(200, TimeUnit.MILLISECONDS), "exited while stdin was still open");
      long reads = syscr(p.pid());
      in.close();
      o.transferTo(out);
      assertTrue(p.waitFor(10, TimeUnit.SECONDS), "still running after stdin closed");
      return new Run(out.toByteArray(), p.exitValue(), reads);
    } finally {
      p.destroyForcibly();
    }
  }

  private static boolean endsWithEndLine(byte[] out, byte[] endLine) {
    String s = new String(out, StandardCharsets.ISO_8859_1);
    int i = s.lastIndexOf(new String(endLine, StandardCharsets.ISO_8859_1));
    return i >= 0 && s.endsWith("\n") && s.indexOf('\n', i) == s.length() - 1;
  }

  private static long syscr(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
      if (line.startsWith("syscr:")) {
        return Long.parseLong(line.substring(6).trim());
      }
    }
    throw new AssertionError("no syscr in /proc/" + pid + "/io");
  }

  private static SnapshotItem find(Bundle b, String kind, String name) {
    return b.items().stream()
        .filter(i -> i.kind().equals(kind) && i.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " item " + name + " in " + b.items()));
  }
}
