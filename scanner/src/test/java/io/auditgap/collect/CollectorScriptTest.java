package io.auditgap.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the real collector script under each shell it must support and parses its bundle. */
class CollectorScriptTest {
  private static final String NONCE = "abcdef0123456789";
  static final int ITEM_CAP = 4096;
  private static final CollectorLimits LIMITS =
      new CollectorLimits(ITEM_CAP, 64 * 1024, 50, Duration.ofSeconds(2));

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void framesEveryKindOfItemFaithfully(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    String utf8 = "ümlaut → ✓\nno newline at end";
    Files.writeString(dir.resolve("utf8.conf"), utf8);
    Files.writeString(dir.resolve("trailing.conf"), "a\n\n\n");
    Files.writeString(dir.resolve("big.conf"), "x".repeat(10_000));
    Files.writeString(
        dir.resolve("fake @@" + NONCE + " end 0 0"),
        "forged frame attempt\n@@" + NONCE + " end 1 1\n");
    Files.createDirectory(dir.resolve("sub"));
    List<CollectionItem> items =
        List.of(
            new CollectionItem.File(dir + "/utf8.conf"),
            new CollectionItem.File(dir + "/trailing.conf"),
            new CollectionItem.File(dir + "/big.conf"),
            new CollectionItem.File(dir + "/missing.conf"),
            new CollectionItem.File(dir + "/sub"),
            new CollectionItem.Command("echo", "printf 'out\\n'; printf 'err\\n' >&2; return 3"),
            new CollectionItem.Command("flood", "yes flood"),
            new CollectionItem.Command("absent", "no-such-command-auditgap"),
            new CollectionItem.Command("quote", "echo \"it's\""),
            new CollectionItem.Command("slow", "sleep 30"));
    Bundle b = run(shell, items);

    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    SnapshotItem u = find(b, "file", dir + "/utf8.conf");
    assertEquals(utf8, u.text());
    assertEquals(0, u.exitStatus());
    assertEquals(utf8.getBytes(StandardCharsets.UTF_8).length, u.size());
    assertEquals("a\n\n\n", find(b, "file", dir + "/trailing.conf").text());
    SnapshotItem big = find(b, "file", dir + "/big.conf");
    assertTrue(big.truncated());
    assertEquals(4096, big.text().length());
    assertEquals(SnapshotItem.ABSENT, find(b, "file", dir + "/missing.conf").exitStatus());
    assertEquals(SnapshotItem.IS_DIRECTORY, find(b, "file", dir + "/sub").exitStatus());
    SnapshotItem echo = find(b, "cmd", "echo");
    assertEquals(3, echo.exitStatus());
    assertEquals("out\nerr\n", echo.text());
    SnapshotItem flood = find(b, "cmd", "flood");
    assertTrue(flood.truncated());
    assertEquals(4096, flood.size());
    assertEquals(SnapshotItem.NOT_FOUND, find(b, "cmd", "absent").exitStatus());
    assertEquals("it's\n", find(b, "cmd", "quote").text());
    assertEquals(SnapshotItem.TIMED_OUT, find(b, "cmd", "slow").exitStatus());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void quickCommandsKeepStatusStreamsAndCaps(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    List<CollectionItem> items =
        List.of(
            CollectionItem.Command.quick("exit", "printf 'out\\n'; printf 'err\\n' >&2; return 3"),
            CollectionItem.Command.quick("last status", "false"),
            CollectionItem.Command.quick("trailing newlines", "printf 'a\\n\\n\\n'"),
            CollectionItem.Command.quick("dots", "printf '1.2.3'"),
            CollectionItem.Command.quick("big", "yes big | head -c 10000"),
            CollectionItem.Command.quick("absent", "no-such-command-auditgap"),
            CollectionItem.Command.quick("stdin", "cat"));
    Bundle b = run(shell, items);
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    SnapshotItem exit = find(b, "cmd", "exit");
    assertEquals(3, exit.exitStatus());
    assertEquals("out\nerr\n", exit.text());
    assertEquals(1, find(b, "cmd", "last status").exitStatus());
    assertEquals("a\n\n\n", find(b, "cmd", "trailing newlines").text());
    assertEquals("1.2.3", find(b, "cmd", "dots").text());
    SnapshotItem big = find(b, "cmd", "big");
    assertTrue(big.truncated());
    assertEquals(4096, big.size());
    assertEquals(SnapshotItem.NOT_FOUND, find(b, "cmd", "absent").exitStatus());
    // stdin is /dev/null: a command reading it cannot swallow the rest of the script
    assertEquals("", find(b, "cmd", "stdin").text());
    assertEquals(0, find(b, "cmd", "stdin").exitStatus());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void boundedCommandsTimeOutAndKeepStatusWithoutTheStreamingCap(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    List<CollectionItem> items =
        List.of(
            CollectionItem.Command.bounded(
                "exit", "printf 'out\\n'; printf 'err\\n' >&2; return 3"),
            CollectionItem.Command.bounded("dots", "printf '1.2.3\\n\\n'"),
            CollectionItem.Command.bounded("big", "yes big | head -c 10000"),
            CollectionItem.Command.bounded("absent", "no-such-command-auditgap"),
            CollectionItem.Command.bounded("stdin", "cat"),
            CollectionItem.Command.bounded("slow", "sleep 30"),
            CollectionItem.Command.bounded("after", "echo after; echo \"args=$#\""));
    String script = CollectorScript.render(items, NONCE, LIMITS);
    // one group under one timeout; the item after the one that timed out runs in a new group
    assertTrue(script.contains("  ag_grp \\\n    'exit' 0 "), script);
    assertTrue(script.contains("\n    'slow' 0 'sleep 30' \\\n"), script);
    Bundle b = run(shell, items);
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    SnapshotItem exit = find(b, "cmd", "exit");
    assertEquals(3, exit.exitStatus());
    assertEquals("out\nerr\n", exit.text());
    assertEquals("1.2.3\n\n", find(b, "cmd", "dots").text());
    SnapshotItem big = find(b, "cmd", "big");
    assertTrue(big.truncated()); // the item cap still holds for what was printed
    assertEquals(4096, big.size());
    assertEquals(SnapshotItem.NOT_FOUND, find(b, "cmd", "absent").exitStatus());
    assertEquals("", find(b, "cmd", "stdin").text());
    assertEquals(SnapshotItem.TIMED_OUT, find(b, "cmd", "slow").exitStatus());
    assertEquals("after\nargs=0\n", find(b, "cmd", "after").text());
    assertEquals(0, find(b, "cmd", "after").exitStatus());
  }

  /**
   * The shared timeout ends the group while it writes a frame into a full pipe (the reader waits
   * 4.5 s, past the 2 s timeout; the frame's 600 KB are ready within milliseconds): the frame still
   * arrives whole, and the item after it runs in a new group.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void aTimeoutDuringAGroupsWriteNeverCutsAFrame(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    CollectorLimits limits = new CollectorLimits(1 << 20, 8 << 20, 50, Duration.ofSeconds(2));
    List<CollectionItem> items =
        List.of(
            new CollectionItem.Command("first", "echo first"),
            new CollectionItem.Command("big", "yes big | head -c 600000"),
            CollectionItem.Command.bounded("after", "echo after"),
            CollectionItem.Command.bounded("slow", "sleep 30"),
            new CollectionItem.Command("last", "echo last"));
    String rendered = CollectorScript.render(items, NONCE, limits);
    assertTrue(rendered.contains("  ag_grp \\\n    'first' 1 "), rendered);
    // the group shell is the host's `sh`; here the shell under test, whose writes differ (dash
    // resumes an interrupted write, bash and busybox sh frame in a subshell that ignores SIGTERM)
    String groupShell = shell.endsWith("busybox") ? shell + " sh" : shell;
    String script =
        rendered.replace("$ag_to sh -c \"$ag_gsh\"", "$ag_to " + groupShell + " -c \"$ag_gsh\"");
    assertFalse(script.equals(rendered));
    Bundle b = BundleReader.read(exec(List.of(), shell, script, 4500), NONCE, limits);
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    assertEquals("first\n", find(b, "cmd", "first").text());
    SnapshotItem big = find(b, "cmd", "big");
    assertEquals(0, big.exitStatus());
    assertEquals(600000, big.size());
    assertFalse(big.truncated());
    assertEquals("after\n", find(b, "cmd", "after").text());
    assertEquals(0, find(b, "cmd", "after").exitStatus());
    assertEquals(SnapshotItem.TIMED_OUT, find(b, "cmd", "slow").exitStatus());
    assertEquals("last\n", find(b, "cmd", "last").text());
    assertEquals(5, b.items().size());
  }

  /**
   * A systemctl that shows every unit's properties in systemd's order, blank lines between, put
   * first on the collector's PATH (the shared run is a command of the group, run by another shell);
   * each run's arguments appended to {@code asked}.
   */
  private String fakeSystemctl(String body, Path asked) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path f = bin.resolve("systemctl");
    Files.writeString(
        f,
        "#!/bin/sh\necho \"$*\" >> "
            + asked
            + "\n"
            + (body != null
                ? body
                : "[ \"$1 $2\" = 'show -p' ] || exit 9; p=,$3,; shift 3; f=1;"
                    + " for u; do [ $f = 1 ] || echo; f=0; for k in MainPID Id LoadState ActiveState"
                    + " UnitFileState; do case $p in *,$k,*) case $k in MainPID) v=7;; Id) v=$u;;"
                    + " LoadState) v=loaded;; ActiveState) v=active;; *) v=enabled;; esac;"
                    + " echo \"$k=$v\";; esac; done; done\n"));
    f.toFile().setExecutable(true);
    return "  ag_setup\n  PATH=" + bin + ":$PATH; export PATH; ag_to=\n";
  }

  private static Bundle splitRead(byte[] out, List<CollectionItem> items) {
    return SystemctlShows.split(BundleReader.read(out, NONCE, LIMITS), items);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void systemctlShowItemsShareOneRunCutPerItem(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    List<CollectionItem> items =
        List.of(
            CollectionItem.Command.bounded(
                "one", "systemctl show -p Id,ActiveState,MainPID a.service"),
            CollectionItem.Command.bounded(
                "two", "systemctl show -p Id,LoadState b.service c.socket"),
            CollectionItem.Command.bounded("three", "systemctl show -p Id a.service c.socket"),
            // its order differs from the union's: it runs on its own
            CollectionItem.Command.bounded("four", "systemctl show -p Id c.socket a.service"));
    String rendered = CollectorScript.render(items, NONCE, LIMITS);
    assertTrue(rendered.contains("# shared: Id,ActiveState,MainPID,LoadState $u"), rendered);
    assertTrue(rendered.contains("u='\\''a.service b.service c.socket'\\''"), rendered);
    assertTrue(rendered.contains("'four' 0 'systemctl show -p Id c.socket a.service'"), rendered);
    Path asked = dir.resolve("asked");
    String script =
        rendered
            .replace("b=" + SystemctlShows.BOOTED + ";", "b=/nonexistent;")
            .replace("  ag_setup\n", fakeSystemctl(null, asked));
    Bundle b = splitRead(exec(shell, script), items);
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    assertEquals(
        "show -p Id,ActiveState,MainPID,LoadState a.service b.service c.socket\n"
            + "show -p Id c.socket a.service\n",
        Files.readString(asked),
        "one run for the three that keep the union's order, one for the fourth");
    assertEquals("MainPID=7\nId=a.service\nActiveState=active\n", find(b, "cmd", "one").text());
    assertEquals(
        "Id=b.service\nLoadState=loaded\n\nId=c.socket\nLoadState=loaded\n",
        find(b, "cmd", "two").text());
    assertEquals("Id=a.service\n\nId=c.socket\n", find(b, "cmd", "three").text());
    assertEquals(0, find(b, "cmd", "two").exitStatus());
    assertFalse(
        b.items().stream().anyMatch(i -> i.name().equals(SystemctlShows.SHARED)),
        "the shared answer is not an item of the snapshot");
    // not one block per unit (systemd not running, an error): each item gets the whole answer
    Files.delete(asked);
    String failing =
        rendered
            .replace("b=" + SystemctlShows.BOOTED + ";", "b=/nonexistent;")
            .replace(
                "  ag_setup\n",
                fakeSystemctl("echo 'System has not been booted'; exit 1\n", asked));
    Bundle f = splitRead(exec(shell, failing), items);
    for (String n : List.of("one", "two", "three")) {
      assertEquals("System has not been booted\n", find(f, "cmd", n).text());
      assertEquals(1, find(f, "cmd", n).exitStatus());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void asksSystemdOnlyAboutUnitsWithAFileInItsUnitPaths(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    Path etc = Files.createDirectories(dir.resolve("etc/systemd/system"));
    Path lib = Files.createDirectories(dir.resolve("lib/systemd/system"));
    Path run = Files.createDirectories(dir.resolve("run/systemd/system"));
    Files.writeString(lib.resolve("a.service"), "[Service]\n");
    Files.createSymbolicLink(etc.resolve("b.service"), lib.resolve("a.service")); // an alias
    Files.createDirectories(run.resolve("c.socket.d")); // drop-ins only
    Files.writeString(lib.resolve("t@.service"), "[Service]\n"); // a template
    Files.createSymbolicLink(etc.resolve("m.service"), Path.of("/dev/null")); // masked
    List<CollectionItem> items =
        List.of(
            CollectionItem.Command.bounded(
                "one", "systemctl show -p Id,LoadState,ActiveState a.service d.service b.service"),
            CollectionItem.Command.bounded(
                "two", "systemctl show -p Id,LoadState c.socket t@x.service m.service e.service"));
    Path asked = dir.resolve("asked");
    String paths = etc + " " + dir.resolve("nonexistent") + " " + run + " " + lib;
    String script =
        CollectorScript.render(items, NONCE, LIMITS)
            .replace("b=" + SystemctlShows.BOOTED + ";", "b=" + run + ";")
            .replace(SystemctlShows.UNIT_PATHS, paths)
            .replace("  ag_setup\n", fakeSystemctl(null, asked));
    Bundle b = splitRead(exec(shell, script), items);
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    assertEquals(
        "show -p Id,LoadState,ActiveState a.service b.service c.socket t@x.service m.service\n",
        Files.readString(asked),
        "one systemctl, for the units with a file only");
    String notAsked = "# not asked: no unit file\n";
    assertEquals(
        "Id=a.service\nLoadState=loaded\nActiveState=active\n\n"
            + notAsked
            + "Id=d.service\nLoadState=not-found\nActiveState=inactive\n\n"
            + "Id=b.service\nLoadState=loaded\nActiveState=active\n",
        find(b, "cmd", "one").text());
    assertEquals(
        "Id=c.socket\nLoadState=loaded\n\nId=t@x.service\nLoadState=loaded\n\n"
            + "Id=m.service\nLoadState=loaded\n\n"
            + notAsked
            + "Id=e.service\nLoadState=not-found\n",
        find(b, "cmd", "two").text());
    assertEquals(0, find(b, "cmd", "two").exitStatus());
    // no unit has a file: systemctl is not run, every unit is not-found
    Files.delete(asked);
    String none = script.replace("p='\\''" + paths + "'\\''", "p='\\''" + run + "'\\''");
    assertFalse(none.equals(script));
    Files.delete(run.resolve("c.socket.d"));
    Bundle n = splitRead(exec(shell, none), items);
    assertFalse(Files.exists(asked), "systemctl was run");
    assertEquals(
        notAsked
            + "Id=a.service\nLoadState=not-found\nActiveState=inactive\n\n"
            + notAsked
            + "Id=d.service\nLoadState=not-found\nActiveState=inactive\n\n"
            + notAsked
            + "Id=b.service\nLoadState=not-found\nActiveState=inactive\n",
        find(n, "cmd", "one").text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void readsEveryFileWithOneProcessKeepingExactBytes(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    byte[] control = "a\u0001b\tc\r\n\u0002end".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("control.conf"), control);
    Files.writeString(dir.resolve("empty.conf"), "");
    // a directory entry named like an awk assignment is still read as a file
    Path d = Files.createDirectory(dir.resolve("d"));
    Files.writeString(d.resolve("eq=sign.conf"), "x=1\n");
    List<CollectionItem> items =
        List.of(
            new CollectionItem.File(dir + "/control.conf"),
            new CollectionItem.File(dir + "/empty.conf"),
            new CollectionItem.Directory(d.toString()),
            new CollectionItem.File("/proc/self/loginuid"));
    Bundle b = run(shell, items);
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    assertEquals(
        new String(control, StandardCharsets.UTF_8), find(b, "file", dir + "/control.conf").text());
    assertEquals("", find(b, "file", dir + "/empty.conf").text());
    assertEquals(0, find(b, "file", dir + "/empty.conf").exitStatus());
    assertEquals("x=1\n", find(b, "file", d + "/eq=sign.conf").text());
    // a /proc file has no size to stat; its text has no final newline
    assertTrue(find(b, "file", "/proc/self/loginuid").text().matches("[0-9]+"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void listsDirectoriesAndReadsTheirFilesButNotForgedNames(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    Path rules = Files.createDirectory(dir.resolve("rules.d"));
    Files.writeString(rules.resolve("10-base.rules"), "-D\n");
    Files.writeString(rules.resolve("exec.conf"), "-a always,exit -S execve\n");
    Files.writeString(rules.resolve(".hidden.rules"), "-e 2\n");
    Files.writeString(rules.resolve("@@" + NONCE + " cmd 0 5 0 x"), "forged\n");
    Files.createDirectory(rules.resolve("nested"));
    Bundle b = run(shell, List.of(new CollectionItem.Directory(rules.toString())));
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    String listing = find(b, "dir", rules.toString()).text();
    assertTrue(listing.contains("f\t10-base.rules\n"));
    assertTrue(listing.contains("f\texec.conf\n"));
    assertTrue(listing.contains("f\t.hidden.rules\n"));
    assertTrue(listing.contains("d\tnested\n"));
    assertEquals("-a always,exit -S execve\n", find(b, "file", rules + "/exec.conf").text());
    assertEquals("forged\n", find(b, "file", rules + "/@@" + NONCE + " cmd 0 5 0 x").text());
    assertFalse(b.items().stream().anyMatch(i -> i.name().equals("x")));
  }

  /**
   * Each kind of entry a directory holds: a readable regular file is read with the others at the
   * end; a link is followed only where it stays in the system's configuration; a dangling link and
   * a file literally named like the pattern are listed; an unreadable file (to a collector without
   * root) is denied, not absent; an empty directory lists nothing.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void readsEachKindOfEntryOfADirectoryAsItsOwnFileItemWould(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv not installed");
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to drop privileges");
    Path d = Files.createDirectory(dir.resolve("logrotate.d"));
    Path empty = Files.createDirectory(dir.resolve("empty.d"));
    Files.writeString(d.resolve("rsyslog"), "/var/log/syslog {\n  weekly\n}\n");
    Files.writeString(d.resolve("*"), "star\n");
    Path secret = Files.writeString(d.resolve("secret"), "not for others\n");
    Files.setPosixFilePermissions(
        secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Path target = Files.writeString(dir.resolve("elsewhere"), "outside\n");
    Files.createSymbolicLink(d.resolve("linked"), target);
    Files.createSymbolicLink(d.resolve("dangling"), dir.resolve("nothing-here"));
    for (Path p : List.of(dir, d, empty, target)) {
      Files.setPosixFilePermissions(
          p,
          java.nio.file.attribute.PosixFilePermissions.fromString(
              Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
    }
    Bundle b =
        runAsNobody(
            shell,
            List.of(
                new CollectionItem.Directory(d.toString()),
                new CollectionItem.Directory(empty.toString())));
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    assertEquals(
        "f\t*\nl\tdangling\nl\tlinked\nf\trsyslog\nf\tsecret\n",
        find(b, "dir", d.toString()).text());
    assertEquals("", find(b, "dir", empty.toString()).text());
    assertEquals("/var/log/syslog {\n  weekly\n}\n", find(b, "file", d + "/rsyslog").text());
    assertEquals("star\n", find(b, "file", d + "/*").text());
    assertEquals(SnapshotItem.DENIED, find(b, "file", d + "/secret").exitStatus());
    assertEquals(SnapshotItem.OUTSIDE_TREE, find(b, "file", d + "/linked").exitStatus());
    assertFalse(find(b, "file", d + "/linked").text().contains("outside\n"));
    assertFalse(b.items().stream().anyMatch(i -> i.name().equals(d + "/dangling")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void stopsAddingContentAtTheTotalCap(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    CollectorLimits small = new CollectorLimits(4096, 6000, 50, Duration.ofSeconds(2));
    List<CollectionItem> items =
        List.of(
            new CollectionItem.Command("a", "yes a | head -c 4000"),
            new CollectionItem.Command("b", "yes b | head -c 4000"),
            new CollectionItem.Command("c", "echo c"));
    Bundle b =
        BundleReader.read(exec(shell, CollectorScript.render(items, NONCE, small)), NONCE, small);
    assertTrue(b.complete());
    assertEquals(4000, find(b, "cmd", "a").size());
    assertEquals(SnapshotItem.SKIPPED, find(b, "cmd", "b").exitStatus());
    assertEquals("c\n", find(b, "cmd", "c").text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void pathsBehindAnUnsearchableDirectoryAreDeniedNotAbsent(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv not installed");
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to drop privileges");
    // Like /etc/audit (0750 root:root) seen by a non-root collector.
    Path audit = Files.createDirectory(dir.resolve("audit"));
    Files.createDirectory(audit.resolve("rules.d"));
    Files.writeString(audit.resolve("audit.rules"), "-e 2\n");
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        audit, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
    List<CollectionItem> items =
        List.of(
            new CollectionItem.File(audit + "/audit.rules"),
            new CollectionItem.Directory(audit + "/rules.d"),
            new CollectionItem.File(dir + "/really-missing"));
    Bundle b = runAsNobody(shell, items);
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    assertEquals(SnapshotItem.DENIED, find(b, "file", audit + "/audit.rules").exitStatus());
    assertEquals(SnapshotItem.DENIED, find(b, "dir", audit + "/rules.d").exitStatus());
    assertEquals(SnapshotItem.ABSENT, find(b, "file", dir + "/really-missing").exitStatus());
  }

  /** The collector for {@code items} run as nobody (uid 65534), as a collector without root. */
  static Bundle runAsNobody(String shell, List<CollectionItem> items) throws Exception {
    byte[] out =
        exec(
            List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
            shell,
            CollectorScript.render(items, NONCE, LIMITS));
    return BundleReader.read(out, NONCE, LIMITS);
  }

  static Bundle run(String shell, List<CollectionItem> items) throws Exception {
    return BundleReader.read(
        exec(shell, CollectorScript.render(items, NONCE, LIMITS)), NONCE, LIMITS);
  }

  static byte[] exec(String shell, String script) throws IOException, InterruptedException {
    return exec(List.of(), shell, script);
  }

  private static byte[] exec(List<String> prefix, String shell, String script)
      throws IOException, InterruptedException {
    return exec(prefix, shell, script, 0);
  }

  /** Runs the script; the first byte of its output is read only after {@code readAfterMillis}. */
  private static byte[] exec(List<String> prefix, String shell, String script, long readAfterMillis)
      throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(prefix);
    cmd.addAll(shell.endsWith("busybox") ? List.of(shell, "sh", "-s") : List.of(shell, "-s"));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(script.getBytes(StandardCharsets.UTF_8));
    }
    Thread.sleep(readAfterMillis);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream s = p.getInputStream()) {
      s.transferTo(out);
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return out.toByteArray();
  }

  /**
   * The script outlives its end line until stdin ends: a relay between the shell and sshd (sudo
   * with log_output) drops what it has not yet written when the shell exits, so the scanner closes
   * stdin only once it has read the end line.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void waitsForTheEndOfStdinAfterItsEndLine(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    List<String> cmd =
        shell.endsWith("busybox") ? List.of(shell, "sh", "-s") : List.of(shell, "-s");
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      OutputStream in = p.getOutputStream();
      in.write(
          CollectorScript.render(List.of(new CollectionItem.File("/etc/hostname")), NONCE, LIMITS)
              .getBytes(StandardCharsets.UTF_8));
      in.flush();
      String endLine = "@@" + NONCE + " end ";
      StringBuilder out = new StringBuilder();
      InputStream o = p.getInputStream();
      while (!out.toString().contains(endLine) || !out.toString().endsWith("\n")) {
        int c = o.read();
        assertTrue(c >= 0, () -> "output ended before the end line: " + out);
        out.append((char) c);
      }
      assertFalse(p.waitFor(300, TimeUnit.MILLISECONDS), "exited while stdin was still open");
      in.close();
      assertTrue(p.waitFor(10, TimeUnit.SECONDS), "still running after stdin closed");
      assertEquals(0, p.exitValue());
      assertEquals(-1, o.read(), "nothing after the end line");
    } finally {
      p.destroyForcibly();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void nulBytesAndInvalidUtf8NeverBreakTheFraming(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    byte[] hostile = {'a', 0, 'b', (byte) 0xff, (byte) 0xfe, ' ', (byte) 0xc3, '\n'};
    Files.write(dir.resolve("hostile.conf"), hostile);
    Files.writeString(dir.resolve("after.conf"), "still framed\n");
    List<CollectionItem> items =
        List.of(
            new CollectionItem.File(dir + "/hostile.conf"),
            new CollectionItem.Command("nul", "printf 'x\\000y\\377\\n'"),
            new CollectionItem.File(dir + "/after.conf"));
    Bundle b = run(shell, items);
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    String text = find(b, "file", dir + "/hostile.conf").text();
    // NUL bytes may be kept or dropped by the reader on the host; the frame's size says which
    assertTrue(text.startsWith("a"), text);
    assertTrue(find(b, "cmd", "nul").text().startsWith("x"));
    assertEquals("still framed\n", find(b, "file", dir + "/after.conf").text());
  }

  /**
   * Snippets run in the collector's own shell and in its group's, without a subshell: what one
   * changes (word splitting, globbing, its arguments) does not reach the next, and no command sees
   * the nonce, in its environment or in the shell's arguments.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void aSnippetLeavesTheShellAsItFoundItAndNeverSeesTheNonce(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    Files.writeString(dir.resolve("a.conf"), "a\n");
    String probe =
        "v='a b'; set -- $v; echo \"words=$#\"; set -- "
            + dir
            + "/*.conf; [ -e \"$1\" ] && echo glob=on; return 0";
    String sees =
        "tr '\\000' '\\n' </proc/$$/environ; tr '\\000' ' ' </proc/$$/cmdline; env; return 0";
    List<CollectionItem> items =
        List.of(
            CollectionItem.Command.quick("change", "IFS=:; set -f; set -- x y; return 4"),
            CollectionItem.Command.quick("after", "echo \"args=$#\"; " + probe),
            CollectionItem.Command.quick("sees", sees),
            CollectionItem.Command.bounded("group change", "IFS=:; set -f; return 5"),
            CollectionItem.Command.bounded("group after", "echo \"args=$#\"; " + probe),
            CollectionItem.Command.bounded("group sees", sees),
            new CollectionItem.File(dir + "/a.conf"));
    Bundle b = run(shell, items);
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    assertEquals(4, find(b, "cmd", "change").exitStatus());
    assertEquals(5, find(b, "cmd", "group change").exitStatus());
    for (String after : List.of("after", "group after")) {
      assertEquals("args=0\nwords=2\nglob=on\n", find(b, "cmd", after).text(), after);
    }
    for (String seer : List.of("sees", "group sees")) {
      SnapshotItem it = find(b, "cmd", seer);
      assertEquals(0, it.exitStatus(), it.text());
      assertTrue(it.text().contains("PATH="), it.text());
      assertFalse(it.text().contains(NONCE), seer + " saw the nonce: " + it.text());
    }
    assertEquals("a\n", find(b, "file", dir + "/a.conf").text());
  }

  /**
   * A direct scan sends the functions without their comment lines; the printed collector keeps them
   * for a person to read. Every other line is the same, in the same order, also inside quoted text
   * that spans lines.
   */
  @org.junit.jupiter.api.Test
  void aDirectScanSendsTheSameCodeWithoutItsComments() {
    List<CollectionItem> items = List.of(CollectionItem.Command.quick("uname -m", "uname -m"));
    String wire = CollectorScript.render(items, NONCE, LIMITS);
    String printed = CollectorScript.renderStandalone(items, NONCE, LIMITS, List.of("t"));
    String functions = printed.substring(printed.indexOf("\n\n# auditgap collector") + 2);
    functions = functions.substring(0, functions.indexOf("\nag_main() {"));
    List<String> code = functions.lines().filter(l -> !l.strip().startsWith("#")).toList();
    assertEquals(code, wire.substring(0, wire.indexOf("\nag_main() {")).lines().toList());
    assertTrue(wire.lines().noneMatch(l -> l.strip().startsWith("# ")), wire);
    assertTrue(wire.length() < printed.length() * 0.6, wire.length() + " of " + printed.length());
    assertEquals(
        "a\n'\n# kept\n'\nb # c 'd\ne",
        CollectorScript.withoutCommentLines("a\n# gone\n'\n# kept\n'\nb # c 'd\n  # gone\ne"));
  }

  /**
   * A scan renders its script once and each host's run only puts its own nonce in: two runs differ
   * in their nonce alone, which no item's text is mistaken for, and a nonce that could break the
   * frame markers is refused as before.
   */
  @org.junit.jupiter.api.Test
  void aPreparedScriptDiffersBetweenRunsOnlyInItsNonce() throws Exception {
    List<CollectionItem> items =
        List.of(
            new CollectionItem.File("/etc/ssh/sshd_config"),
            CollectionItem.Command.quick("echo", "echo __NONCE__ abcdef0123456789"));
    CollectorScript.Prepared prepared = CollectorScript.prepare(items, LIMITS);
    String one = prepared.withNonce(NONCE);
    String other = prepared.withNonce("0123456789fedcba");
    // each run's script, run, frames its bundle with that run's nonce alone
    Bundle b = BundleReader.read(exec("sh", other), "0123456789fedcba", LIMITS);
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    assertEquals("__NONCE__ abcdef0123456789\n", find(b, "cmd", "echo").text());
    int cut = one.indexOf("\nag_main() {");
    assertTrue(one.substring(0, cut).contains(NONCE), "the functions carry the nonce");
    assertEquals(
        one.substring(0, cut).replace(NONCE, "0123456789fedcba"),
        other.substring(0, other.indexOf("\nag_main() {")));
    assertEquals(one.substring(cut), other.substring(other.indexOf("\nag_main() {")));
    // an item's own text is not a frame marker: it stays as the catalog wrote it
    assertTrue(one.contains("'echo __NONCE__ abcdef0123456789'"), one);
    assertTrue(other.contains("'echo __NONCE__ abcdef0123456789'"), other);
    assertTrue(prepared.isFor(items));
    assertFalse(
        prepared.isFor(new java.util.ArrayList<>(items)), "the same collection, not an equal one");
    assertThrows(IllegalArgumentException.class, () -> prepared.withNonce("@@ end"));
  }

  static SnapshotItem find(Bundle b, String kind, String name) {
    return b.items().stream()
        .filter(i -> i.kind().equals(kind) && i.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " item " + name + " in " + b.items()));
  }
}
