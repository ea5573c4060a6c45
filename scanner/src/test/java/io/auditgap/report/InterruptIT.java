package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT to the real {@code auditgap} JVM) while it renders a PDF: the exit code is 130
 * (interrupted, never success), the report is either absent or complete, and no temporary file is
 * left in the output directory or the JVM's temporary directory. Runs the packaged jar, so it is an
 * integration test.
 */
class InterruptIT {
  @TempDir Path tmp;

  @Test
  void ctrlCDuringPdfRenderingLeavesNoTemporaryFileAndExits130() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    new JsonReportWriter().write(FleetFixtures.synthetic(1000, 40), in);
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path jvmTmp = Files.createDirectories(tmp.resolve("jvm-tmp"));
    Path target = Path.of("target");
    String cp = target.resolve("auditgap.jar") + File.pathSeparator + target.resolve("lib") + "/*";
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.io.tmpdir=" + jvmTmp,
            "-cp",
            cp,
            "io.auditgap.cli.Main",
            "report",
            in.resolve("report.json").toString(),
            "--format",
            "pdf",
            "-o",
            out.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Thread drain = new Thread(() -> drain(p));
    drain.setDaemon(true);
    drain.start();
    // wait until the PDF is being written, then interrupt
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (temporaryFiles(out).isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(p.isAlive(), "the render ended before it could be interrupted");
    assertTrue(!temporaryFiles(out).isEmpty(), "the PDF never started");
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
    assertEquals(0, kill.waitFor());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running 60 s after Ctrl-C");
    assertEquals(130, p.exitValue());
    assertEquals(List.of(), temporaryFiles(out));
    Path pdf = out.resolve("report.pdf");
    if (Files.exists(pdf)) {
      // finished just before the signal: then it is whole
      byte[] b = Files.readAllBytes(pdf);
      String tail =
          new String(
              b, Math.max(0, b.length - 64), Math.min(64, b.length), StandardCharsets.ISO_8859_1);
      assertTrue(tail.contains("%%EOF"), "report.pdf is cut short");
    }
    try (Stream<Path> left = Files.list(jvmTmp)) {
      assertEquals(List.of(), left.toList(), "files left in the JVM's temporary directory");
    }
  }

  @Test
  void ctrlCMidScanExits130AndWritesNoReport() throws Exception {
    // the host's port is black-holed (a listener whose accept queue is full drops further SYNs)
    try (java.net.ServerSocket full =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          java.net.Socket s = new java.net.Socket();
          try {
            s.connect(full.getLocalSocketAddress(), 300);
            fillers.add(s);
          } catch (java.net.SocketTimeoutException filled) {
            s.close();
            break;
          }
        }
        // a key to offer, so the scan goes on to connect (without one it stops before connecting)
        Path key = tmp.resolve("id_ed25519");
        assertEquals(
            0,
            new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true)
                .start()
                .waitFor());
        Path inv = tmp.resolve("inv.yaml");
        Files.writeString(
            inv,
            "hosts:\n  stuck: {address: 127.0.0.1, port: "
                + full.getLocalPort()
                + ", identity_file: "
                + key
                + "}\n");
        Path out = tmp.resolve("scan-out");
        Process p =
            start(
                "scan",
                "-i",
                inv.toString(),
                "--no-probe",
                "--connect-timeout",
                "120",
                "--format",
                "json,html,pdf",
                "-o",
                out.toString());
        Thread.sleep(3000);
        assertTrue(p.isAlive(), "the scan ended before it could be interrupted");
        assertEquals(
            0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "still running 30 s after Ctrl-C");
        assertEquals(130, p.exitValue());
        if (Files.isDirectory(out)) {
          try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(), left.toList(), "an interrupted scan writes no report");
          }
        }
      } finally {
        for (java.net.Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  private Process start(String... args) throws Exception {
    Path jvmTmp = Files.createDirectories(tmp.resolve("jvm-tmp-scan"));
    Path target = Path.of("target");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + jvmTmp,
                "-cp",
                target.resolve("auditgap.jar") + File.pathSeparator + target.resolve("lib") + "/*",
                "io.auditgap.cli.Main"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Thread drain = new Thread(() -> drain(p));
    drain.setDaemon(true);
    drain.start();
    return p;
  }

  private static List<Path> temporaryFiles(Path dir) throws Exception {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(f -> f.getFileName().toString().endsWith(".tmp")).forEach(found::add);
    }
    return found;
  }

  private static void drain(Process p) {
    try {
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    } catch (java.io.IOException ignored) {
      // process ended
    }
  }
}
