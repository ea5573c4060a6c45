package io.auditgap.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.auditgap.facts.OsFacts;
import io.auditgap.facts.logging.SyslogdProcesses;
import io.auditgap.facts.retention.RetentionFacts;
import io.auditgap.facts.system.SystemFacts;
import io.auditgap.testing.ProcessOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Items the collector answers with shell built-ins instead of a tool (no process on the host) give
 * what the tool gives: each is run in the collector under every supported shell and compared with
 * the tool's own answer on this machine. (Items that need no collector state: OsItemsShellTest.)
 */
class BuiltinSnippetsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void bootLinksNameWhatLsListsInEachDirectory(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    Path rc2 = Files.createDirectories(dir.resolve("etc/rc2.d"));
    Files.createSymbolicLink(rc2.resolve("S01auditd"), Path.of("../init.d/auditd")); // dangling
    Files.writeString(rc2.resolve("K01rsyslog"), "");
    Files.writeString(rc2.resolve(".hidden"), "");
    Files.createDirectory(rc2.resolve("README.d"));
    Files.writeString(rc2.resolve("S02 with space"), "");
    Files.createDirectories(dir.resolve("etc/rc3.d"));
    Files.createDirectories(dir.resolve("etc/runlevels/default"));
    Files.writeString(dir.resolve("etc/runlevels/default/auditd"), "");
    CollectionItem.Command links = (CollectionItem.Command) SystemFacts.SYSV_LINKS;
    String shellText = links.shell().replace(" /etc/", " " + dir + "/etc/");
    Bundle b =
        CollectorScriptTest.run(
            shell, List.of(CollectionItem.Command.quick(links.name(), shellText)));
    SnapshotItem item = CollectorScriptTest.find(b, "cmd", links.name());
    assertEquals(0, item.exitStatus());

    Map<String, List<String>> listed = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : item.text().split("\n")) {
      if (line.endsWith(":") && line.startsWith(dir.toString())) {
        current = new ArrayList<>();
        listed.put(line.substring(0, line.length() - 1), current);
      } else if (current != null) {
        current.add(line);
      }
    }
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (String d :
        List.of(
            "etc/rc2.d", "etc/rc3.d", "etc/rc5.d", "etc/runlevels/default", "etc/runlevels/boot")) {
      Path p = dir.resolve(d);
      if (Files.isDirectory(p)) {
        expected.put(p.toString(), lsOneColumn(p));
      }
    }
    assertEquals(expected, listed, item.text());
    assertTrue(listed.get(rc2.toString()).contains("S01auditd"), "a dangling link is a boot link");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void hostNameReleaseAndMachineAreUnames(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    CollectionItem hostname =
        OsFacts.IDENTITY.stream()
            .filter(i -> i.key().equals("cmd:hostname"))
            .findFirst()
            .orElseThrow();
    Bundle b =
        CollectorScriptTest.run(shell, List.of(hostname, OsFacts.UNAME_M, OsFacts.IDENTITY_LINES));
    assertEquals(tool("uname", "-n"), CollectorScriptTest.find(b, "cmd", "hostname").text());
    assertEquals(tool("uname", "-m"), CollectorScriptTest.find(b, "cmd", "uname -m").text());
    assertTrue(
        CollectorScriptTest.find(b, "cmd", "identity")
            .text()
            .startsWith("kernel=" + tool("uname", "-r")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void logDirectoryListingsAreLsOwnCutAtTheItemCapOnlyWhereLarge(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    Path small = Files.createDirectories(dir.resolve("small"));
    Files.writeString(small.resolve("audit.log"), "x");
    Files.writeString(small.resolve(".hidden"), "");
    Files.createSymbolicLink(small.resolve("README"), Path.of("../doc/README.logs"));
    Path large = Files.createDirectories(dir.resolve("large"));
    // more listing than a pipe holds beyond the cap: ls is still writing when the cut ends it
    for (int i = 0; i < 400; i++) {
      Files.writeString(large.resolve(String.format("%03d", i) + "x".repeat(200)), "");
    }
    CollectionItem.Command listing = (CollectionItem.Command) RetentionFacts.AUDIT_LOG_LISTING;
    List<CollectionItem> items = new ArrayList<>();
    for (Path d : List.of(small, large, dir.resolve("absent"))) {
      items.add(
          CollectionItem.Command.bounded(
              d.getFileName().toString(), listing.shell().replace("/var/log/audit/", d + "/")));
    }
    // in the group of bounded items, and alone (its own timeout, a shell of its own)
    for (List<CollectionItem> run : List.of(items, List.of(items.get(1)))) {
      Bundle b = CollectorScriptTest.run(shell, run);
      for (CollectionItem i : run) {
        String name = ((CollectionItem.Command) i).name();
        Path d = dir.resolve(name);
        SnapshotItem item = CollectorScriptTest.find(b, "cmd", name);
        ProcessBuilder pb =
            new ProcessBuilder("ls", "-l", "--time-style=+%s", d + "/").redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        String ls = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int lsStatus = p.waitFor();
        if (name.equals("large")) {
          // 4 KB item cap in these tests: cut while ls wrote (SIGPIPE), and marked
          assertTrue(ls.length() > 70_000, "the listing exceeds the cap and a pipe's buffer");
          assertEquals(128 + 13, item.exitStatus(), name);
          assertTrue(item.truncated(), name);
          assertEquals(ls.substring(0, CollectorScriptTest.ITEM_CAP), item.text());
        } else {
          assertEquals(lsStatus, item.exitStatus(), name + ": ls's exit status");
          assertFalse(item.truncated(), name);
          assertEquals(ls, item.text(), name);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void theClocksUtcTimeIsWhatDatePrints(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    // leap days, century years (2100 is not a leap year, 2000 is), the ends of days and years
    long[] epochs = {
      0,
      59,
      86399,
      86400,
      951782400,
      951868799,
      978307199,
      1709164800,
      1709251199,
      1735689599,
      1796550000,
      2147483647,
      4107542399L,
      4107542400L,
      4102444800L,
      253402300799L
    };
    StringBuilder loop = new StringBuilder("for e in");
    StringBuilder expected = new StringBuilder();
    for (long e : epochs) {
      loop.append(' ').append(e);
      expected
          .append(e)
          .append(" +0530 ")
          .append(tool("date", "-u", "-d", "@" + e, "+%Y-%m-%dT%H:%M:%SZ"));
    }
    // the collector's one date, answered for each instant; everything else as the collector runs it
    loop.append(
        "; do date() { echo \"$e +0530\"; }; ag_host; echo \"$ag_now $ag_tz $ag_utc\"; done\n");
    String script = CollectorScript.render(List.of(), "0123456789abcdef", CollectorLimits.DEFAULT);
    script = script.substring(0, script.lastIndexOf("ag_main\n")) + loop;
    assertEquals(expected.toString(), ProcessOutput.ofShell(shell, script, 30));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void processesAndSyslogdsComeFromOnePassOverProc(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    // a process named syslogd (a script's name is its process's name) that logs to -O FILE
    Path fake = dir.resolve("syslogd");
    Files.writeString(fake, "#!/bin/sh\nsleep 60\n");
    fake.toFile().setExecutable(true);
    Path store = dir.resolve("messages");
    Files.writeString(store, "x\n");
    Process syslogd = new ProcessBuilder(fake.toString(), "-O", store.toString()).start();
    try {
      String comm = "";
      for (int i = 0; i < 100 && !comm.equals("syslogd\n"); i++) {
        Thread.sleep(20);
        comm = Files.readString(Path.of("/proc/" + syslogd.pid() + "/comm"));
      }
      assertEquals("syslogd\n", comm);
      // the default item cap: this machine may run many processes
      String script =
          CollectorScript.render(
              List.of(SystemFacts.PROCESSES, SyslogdProcesses.ITEM, OsFacts.UNAME_M),
              "0123456789abcdef",
              CollectorLimits.DEFAULT);
      Bundle b =
          BundleReader.read(
              CollectorScriptTest.exec(shell, script), "0123456789abcdef", CollectorLimits.DEFAULT);
      SnapshotItem processes = CollectorScriptTest.find(b, "cmd", "processes");
      assertFalse(processes.truncated());
      List<String> names = List.of(processes.text().split("\n"));
      assertTrue(names.contains("syslogd"), names.size() + " names");
      assertTrue(names.contains("java"), "this test's own JVM among " + names.size() + " names");
      // the order of /proc, each name as its comm file has it
      assertEquals(Files.readString(Path.of("/proc/1/comm")).strip(), names.get(0));
      String found = CollectorScriptTest.find(b, "cmd", "syslogd processes").text();
      assertTrue(found.contains("\ncmd /bin/sh " + fake + " -O " + store + " \n"), found);
      assertTrue(
          found.contains("\nstore " + tool("stat", "-c", "%Y|%a|%U|%G|%F|%s|%n", store.toString())),
          found);
    } finally {
      syslogd.destroy();
    }
  }

  /**
   * The collector's shell reads each process's name itself where a host runs few processes, one awk
   * reads them all beyond 64: both list every process, here in PID and mount namespaces of the
   * test's own (PID 1 the collector's shell, then the sleeps), where mawk is a wrapper that leaves
   * a mark when it runs.
   */
  @ParameterizedTest
  @CsvSource({
    "/bin/dash, 3",
    "/bin/dash, 150",
    "/bin/bash, 3",
    "/bin/bash, 150",
    "/bin/busybox, 150"
  })
  void processesAreListedAlikeByTheShellAndByOneAwk(String shell, int sleeps) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    assumeTrue("root".equals(System.getProperty("user.name")), "namespaces need root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "unshare not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/mawk")), "mawk not installed");
    Path real = Files.createDirectories(dir.resolve("real")).resolve("mawk");
    Files.copy(Path.of("/usr/bin/mawk"), real);
    Path mark = dir.resolve("mawk-ran");
    Path wrapper = dir.resolve("mawk");
    Files.writeString(wrapper, "#!/bin/sh\n: >" + mark + "\nexec " + real + " \"$@\"\n");
    wrapper.toFile().setExecutable(true);
    String run = shell.endsWith("busybox") ? shell + " sh -s" : shell + " -s";
    // the sleeps have become sleep before the collector's shell takes PID 1 over
    String init =
        "mount --bind "
            + wrapper
            + " /usr/bin/mawk || exit 9; n="
            + sleeps
            + "; i=0; while [ $i -lt $n ]; do sleep 60 & i=$((i+1)); done;"
            + " while :; do c=0; for f in /proc/[0-9]*/comm; do read -r x <$f && [ \"$x\" = sleep ]"
            + " && c=$((c+1)); done; [ $c -lt $n ] || break; done; exec "
            + run;
    String script =
        CollectorScript.render(
            List.of(SystemFacts.PROCESSES), "0123456789abcdef", CollectorLimits.DEFAULT);
    Process p =
        new ProcessBuilder(
                "/usr/bin/unshare",
                "--pid",
                "--fork",
                "--mount",
                "--mount-proc",
                "/bin/sh",
                "-c",
                init)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (var in = p.getOutputStream()) {
      in.write(script.getBytes(StandardCharsets.UTF_8));
    }
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    Bundle b = BundleReader.read(out, "0123456789abcdef", CollectorLimits.DEFAULT);
    assertTrue(b.complete(), () -> "bundle incomplete: " + b.problem());
    List<String> names =
        List.of(CollectorScriptTest.find(b, "cmd", "processes").text().split("\n"));
    assertEquals(shell.substring(shell.lastIndexOf('/') + 1), names.get(0), names.toString());
    assertEquals(sleeps, names.stream().filter("sleep"::equals).count(), names.toString());
    assertEquals(sleeps + 1, names.size(), names.toString());
    assertEquals(sleeps > 100, Files.exists(mark), "whether one awk read the processes");
  }

  /** {@code ls -1 DIR}: the names ls lists, one per line. */
  private static List<String> lsOneColumn(Path d) throws Exception {
    String out = tool("ls", "-1", d.toString());
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  private static String tool(String... cmd) throws Exception {
    return ProcessOutput.of(List.of(cmd), Map.of(), 10);
  }
}
