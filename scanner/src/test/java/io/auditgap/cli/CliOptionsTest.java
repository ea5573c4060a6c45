package io.auditgap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.auditgap.collect.SnapshotStore;
import io.auditgap.testing.SnapshotBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Options and paths are checked before any host is contacted, with one-line errors. */
class CliOptionsTest {
  @TempDir Path tmp;

  private static CliTest.Run run(String... args) {
    return CliTest.run(args);
  }

  /** The error a user sees: exactly one line, no stack trace, exit 2. */
  private static String oneLineUsageError(CliTest.Run r) {
    assertEquals(2, r.code(), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    return r.err().lines().findFirst().orElse("");
  }

  private static <T> T parsed(Class<T> type, String... args) {
    CommandLine cl =
        Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    CommandLine.ParseResult p = cl.parseArgs(args);
    return type.cast(p.subcommand().commandSpec().userObject());
  }

  @Test
  void timeoutsTakeTheSameDurationSyntaxInEveryCommand() {
    assertEquals(
        Duration.ofSeconds(90), parsed(ScanCommand.class, "scan", "--timeout", "90").timeout);
    assertEquals(
        Duration.ofSeconds(90), parsed(ScanCommand.class, "scan", "--timeout", "90s").timeout);
    assertEquals(
        Duration.ofMinutes(2), parsed(ScanCommand.class, "scan", "--timeout", "2m").timeout);
    assertEquals(
        Duration.ofMillis(500),
        parsed(ScanCommand.class, "scan", "--connect-timeout", "500ms").connectTimeout);
    assertEquals(
        Duration.ofSeconds(90),
        parsed(ProbeCommand.class, "probe", "-i", "x", "--timeout", "90").timeout);
    assertEquals(
        Duration.ofMinutes(2),
        parsed(ProbeCommand.class, "probe", "-i", "x", "--timeout", "2m").timeout);
    ScanCommand defaults = parsed(ScanCommand.class, "scan");
    assertEquals(Duration.ofSeconds(120), defaults.timeout);
    assertEquals(Duration.ofSeconds(10), defaults.connectTimeout);
  }

  @Test
  void zeroAndNegativeTimeoutsAreRefused() {
    for (String[] args :
        List.of(
            new String[] {"scan", "--timeout", "-1"},
            new String[] {"scan", "--timeout", "0"},
            new String[] {"scan", "--connect-timeout", "0"},
            new String[] {"scan", "--connect-timeout", "-5s"},
            new String[] {"scan", "--probe-timeout", "0ms"},
            new String[] {"probe", "-i", "x", "--timeout", "-1"})) {
      String line = oneLineUsageError(run(args));
      assertTrue(line.contains("the duration must be more than zero"), line);
      assertTrue(line.contains(args[args.length - 2]), "names the option: " + line);
    }
    String line = oneLineUsageError(run("scan", "--timeout", "soon"));
    assertTrue(line.contains("'soon' is not a duration"), line);
  }

  @Test
  void emptyFormatIsRefused() {
    for (String f : List.of("", ",", " , ")) {
      String line = oneLineUsageError(run("scan", "--format", f));
      assertTrue(line.startsWith("--format: no format given; use one or more of"), line);
    }
  }

  /** A port that counts connections: proves that an error came before any host was contacted. */
  private static final class CountingPort implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger accepted = new AtomicInteger();
    final Thread thread;

    CountingPort() throws IOException {
      server.setSoTimeout(100);
      thread =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    server.accept().close();
                    accepted.incrementAndGet();
                  } catch (SocketTimeoutException e) {
                    // poll again
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      thread.start();
    }

    @Override
    public void close() throws Exception {
      server.close();
      thread.join(TimeUnit.SECONDS.toMillis(5));
    }
  }

  private Path inventoryFor(CountingPort port) throws IOException {
    Path inv = tmp.resolve("inventory.yaml");
    Files.writeString(
        inv,
        "hosts:\n  web-1:\n    address: 127.0.0.1\n    port: "
            + port.server.getLocalPort()
            + "\n    user: auditor\n");
    return inv;
  }

  @Test
  void outputThatIsAFileIsRefusedBeforeAnyHostIsContacted() throws Exception {
    Path file = Files.writeString(tmp.resolve("taken"), "x");
    try (CountingPort port = new CountingPort()) {
      Path inv = inventoryFor(port);
      String line =
          oneLineUsageError(run("scan", "-i", inv.toString(), "-o", file.toString(), "--no-probe"));
      assertEquals("-o: " + file + ": not a directory", line);
      line =
          oneLineUsageError(
              run("scan", "-i", inv.toString(), "-o", file.resolve("sub").toString()));
      assertEquals("-o: " + file.resolve("sub") + ": " + file + " is not a directory", line);
      // console only still writes probe.json when an inventory is probed
      line =
          oneLineUsageError(
              run("scan", "-i", inv.toString(), "--format", "console", "-o", file.toString()));
      assertEquals("-o: " + file + ": not a directory", line);
      line = oneLineUsageError(run("probe", "-i", inv.toString(), "-o", file.toString()));
      assertEquals("-o: " + file + ": not a directory", line);
      Thread.sleep(300);
      assertEquals(0, port.accepted.get(), "no host may be contacted");
    }
    assertFalse(Files.exists(file.resolveSibling("sub")));
  }

  @Test
  void aMissingTemplatesDirectoryIsRefusedBeforeAnyHostIsContacted() throws Exception {
    // the report writers are made only after the scan; their templates directory is checked first
    try (CountingPort port = new CountingPort()) {
      Path inv = inventoryFor(port);
      Path missing = tmp.resolve("no-templates");
      String line =
          oneLineUsageError(
              run(
                  "scan",
                  "-i",
                  inv.toString(),
                  "--templates",
                  missing.toString(),
                  "-o",
                  tmp.resolve("out").toString(),
                  "--no-probe"));
      assertEquals("--templates: templates directory does not exist: " + missing, line);
      Thread.sleep(300);
      assertEquals(0, port.accepted.get(), "no host may be contacted");
    }
  }

  @Test
  void unwritableOutputCarriesTheOperatingSystemsReason() throws Exception {
    assumeTrue(!"root".equals(System.getProperty("user.name")), "root writes anywhere");
    Path ro = Files.createDirectory(tmp.resolve("ro"));
    ro.toFile().setWritable(false, false);
    try {
      String line = oneLineUsageError(run("scan", "-o", ro.resolve("out").toString()));
      assertTrue(line.startsWith("-o: cannot write to "), line);
      assertTrue(line.contains("permission denied"), line);
    } finally {
      ro.toFile().setWritable(true, true);
    }
  }

  /** A real full disk: a 64 KiB tmpfs (root only; mount is undone in every case). */
  @Test
  void fullDiskWhileWritingSaysNoSpaceLeft() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "mounting needs root");
    Path report = savedReport();
    Path mnt = Files.createDirectory(tmp.resolve("tiny"));
    Process m =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt.toString())
            .inheritIO()
            .start();
    assumeTrue(m.waitFor() == 0, "tmpfs mount available");
    try {
      // fill it up, so that the report does not fit
      Files.write(mnt.resolve("filler"), new byte[60 * 1024]);
      CliTest.Run r = run("report", report.toString(), "--format", "html", "-o", mnt.toString());
      String line = oneLineUsageError(r);
      assertTrue(line.startsWith("cannot write the html report to " + mnt + ": "), line);
      assertTrue(line.contains("no space left on device"), line);
      try (var s = Files.list(mnt)) {
        assertEquals(List.of(mnt.resolve("filler")), s.toList(), "no temporary file is left");
      }
    } finally {
      new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor();
    }
  }

  private Path savedReport() throws IOException {
    SnapshotStore.save(
        SnapshotBuilder.host("stock").cmd("container", 0, "none\n").build(), tmp.resolve("snaps"));
    CliTest.Run r =
        run(
            "evaluate",
            tmp.resolve("snaps").toString(),
            "--format",
            "json",
            "-o",
            tmp.resolve("saved").toString());
    assertTrue(Files.isRegularFile(tmp.resolve("saved/report.json")), r.code() + " " + r.err());
    return tmp.resolve("saved/report.json");
  }

  @Test
  void reportOnADirectorySaysSo() throws Exception {
    Path report = savedReport();
    String line =
        oneLineUsageError(
            run("report", report.getParent().toString(), "-o", tmp.resolve("o").toString()));
    assertEquals(
        report.getParent() + " is a directory; give the report.json file, e.g. " + report, line);
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    line = oneLineUsageError(run("report", empty.toString(), "-o", tmp.resolve("o").toString()));
    assertEquals(
        empty + " is a directory; give the report.json file written by scan or evaluate", line);
  }

  @Test
  void inventoryCheckWarnsAboutAnIdentityFileThatIsADirectoryOrUnreadable() throws Exception {
    Path keys = Files.createDirectory(tmp.resolve("keys"));
    Path inv = tmp.resolve("inventory.yaml");
    Files.writeString(inv, "defaults:\n  identity_file: " + keys + "\nhosts:\n  web-1: {}\n");
    CliTest.Run r = run("inventory", "check", "-i", inv.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "warning: "
            + inv
            + ":2:18: identity_file "
            + keys
            + " is a directory, not a key file; point it at the private key, e.g. "
            + keys.resolve("id_ed25519"),
        r.err().strip());
    if (!"root".equals(System.getProperty("user.name"))) {
      Path key = Files.writeString(keys.resolve("id_ed25519"), "x");
      key.toFile().setReadable(false, false);
      Files.writeString(inv, "defaults:\n  identity_file: " + key + "\nhosts:\n  web-1: {}\n");
      r = run("inventory", "check", "-i", inv.toString());
      assertTrue(r.err().contains("is not readable by this user (permission denied)"), r.err());
    }
  }

  @Test
  void probeDoesNotOfferCheckParameters() {
    for (String opt : List.of("--uid-min", "--retention-days", "--tty-audit-users", "--param")) {
      CliTest.Run r = run("probe", "-i", "x", opt, "1");
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().startsWith("error: Unknown option"), r.err());
      assertTrue(r.err().lines().findFirst().orElse("").contains("'" + opt + "'"), r.err());
      assertFalse(run("probe", "--help").out().contains(opt));
      assertTrue(run("scan", "--help").out().contains(opt));
      assertTrue(run("evaluate", "--help").out().contains(opt));
    }
  }

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      Object[] none = new Object[0];
      return none.length / none.length; // an ArithmeticException: a bug, not bad input
    }
  }

  @Test
  void internalErrorIsNotAUsageErrorAndSavesTheTrace() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    cl.addSubcommand("boom", new Boom());
    cl.setErr(new PrintWriter(err, true)); // picocli hands writers only to existing subcommands
    int code = cl.execute("boom");
    assertEquals(ExitCodes.INTERNAL, code);
    List<String> lines = err.toString().lines().toList();
    assertEquals(1, lines.size(), err.toString());
    String line = lines.get(0);
    assertTrue(
        line.startsWith(
            "internal error: java.lang.ArithmeticException: / by zero; full trace saved to "),
        line);
    Path trace =
        Path.of(line.substring(line.indexOf("saved to ") + 9, line.indexOf(" (please report it)")));
    try {
      String saved = Files.readString(trace);
      assertTrue(saved.contains("at io.auditgap.cli.CliOptionsTest$Boom.call"), saved);
    } finally {
      Files.deleteIfExists(trace);
    }
  }
}
