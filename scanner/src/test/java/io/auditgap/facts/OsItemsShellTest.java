package io.auditgap.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.auditgap.testing.ProcessOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Items of OsFacts that the shell answers without the tool they used to start. */
class OsItemsShellTest {
  @TempDir Path tmp;

  /**
   * The "id -u" item prints what {@code id -u} prints, without starting it where /proc is there.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void answersAsIdDoes(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    List<String> sh =
        shell.endsWith("busybox")
            ? List.of(shell, "sh", "-c", ProcessOutput.AS_FUNCTION, "ag")
            : List.of(shell, "-c", ProcessOutput.AS_FUNCTION, "ag");
    assertEquals(run(List.of(), sh, "id -u"), run(List.of(), sh, OsFacts.ID_U.shell()));
    // another user, as sudo -u or a non-root scan would run it (needs root to switch)
    boolean root = run(List.of(), sh, "id -u").equals("0\n");
    if (root && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      List<String> as =
          List.of("/usr/bin/setpriv", "--reuid=1990", "--regid=1990", "--clear-groups");
      assertEquals("1990\n", run(as, sh, OsFacts.ID_U.shell()));
    }
    // without a readable /proc/self/status it falls back to id -u
    String noProc = OsFacts.ID_U.shell().replace("/proc/self/status", "/nonexistent/status");
    assertEquals(run(List.of(), sh, "id -u"), run(List.of(), sh, noProc));
  }

  /**
   * PID 1's {@code container=} as {@code sed -n '/^container=/{s///;p;q;}'} picked it (the first
   * one, whole, blanks and backslashes kept), also from an environment without a final NUL.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void containerItemReadsPid1sEnvironmentAsSedDid(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    String item = containerItem();
    String[] environs = {
      "HOME=/\0TERM=x\\y\0 container=no\0container=  lxc \\n back\0container=second\0",
      "A=1\0B=2\0",
      "container=podman",
      "container=systemd-nspawn\0"
    };
    for (String env : environs) {
      Path f = Files.writeString(tmp.resolve("environ"), env);
      String sed =
          "c=$(tr '\\000' '\\n' 2>/dev/null <"
              + f
              + " | sed -n '/^container=/{s///;p;q;}'); [ -n \"$c\" ] && echo \"pid1-container: $c\"; exit 0";
      String now = "ag_vc=; " + item.replace("/proc/1/environ", f.toString());
      String expected = ProcessOutput.ofShell(shell, sed, 10);
      assertEquals(
          expected,
          ProcessOutput.ofShell(shell, now, 10)
              .replaceAll(
                  "(?m)^(detect-virt-c|dockerenv|containerenv|run-systemd-container|kubernetes):"
                      + " .*\n",
                  ""),
          env);
    }
  }

  /**
   * With systemd-detect-virt's answer (which reads PID 1's environment itself) the environment is
   * not read again; without it, it is.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void pid1sEnvironmentIsReadOnlyWithoutDetectVirtsAnswer(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    String item = containerItem();
    Path f = Files.writeString(tmp.resolve("environ"), "A=1\0container=lxc\0");
    String withItsOwn = item.replace("/proc/1/environ", f.toString());
    assertFalse(
        ProcessOutput.ofShell(shell, "ag_vc=none; " + withItsOwn, 10).contains("pid1-container"));
    assertTrue(
        ProcessOutput.ofShell(shell, "ag_vc=; " + withItsOwn, 10)
            .lines()
            .anyMatch(l -> l.equals("pid1-container: lxc")));
  }

  /** systemd's container file: its first line, cut at 64 characters, as {@code head -c 64} did. */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void systemdsContainerFileGivesItsFirstLineCutAt64Characters(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    String item = containerItem();
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("docker\n", "docker");
    cases.put("lxc", "lxc");
    cases.put("", "");
    cases.put("x".repeat(100) + "\nsecond line\n", "x".repeat(64));
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path f = Files.writeString(tmp.resolve("container"), c.getKey());
      String out =
          ProcessOutput.ofShell(
              shell, "ag_vc=; " + item.replace("/run/systemd/container", f.toString()), 10);
      assertTrue(
          out.lines().anyMatch(l -> l.equals("run-systemd-container: " + c.getValue())),
          () -> shell + " with " + c.getKey() + ": " + out);
    }
  }

  private static String containerItem() {
    return ((io.auditgap.collect.CollectionItem.Command) OsFacts.CONTAINER).shell();
  }

  private static String run(List<String> prefix, List<String> sh, String script) throws Exception {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(sh);
    cmd.add(script);
    return ProcessOutput.of(cmd, Map.of(), 10);
  }
}
