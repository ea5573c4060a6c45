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
   * one, its first line, blanks and backslashes kept), also from an environment without a final
   * NUL, once the reader has made its marker of what grep printed.
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
      "container=systemd-nspawn\0",
      "A=1\0container=lxc\nsecond line\0B=2\0"
    };
    for (String env : environs) {
      Path f = Files.writeString(tmp.resolve("environ"), env);
      String sed =
          "c=$(tr '\\000' '\\n' 2>/dev/null <"
              + f
              + " | sed -n '/^container=/{s///;p;q;}'); [ -n \"$c\" ] && printf 'pid1-container: %s\\n' \"$c\"; exit 0";
      String now = notSystemd(item).replace("/proc/1/environ", f.toString());
      String expected = run(shell, sed);
      assertEquals(
          expected,
          Containment.withPid1Marker(run(shell, now))
              .replaceAll(
                  "(?m)^(dockerenv|containerenv|run-systemd-container|host-container-manager"
                      + "|openvz|wsl|kubernetes): .*\n",
                  ""),
          env);
    }
  }

  /**
   * PID 1's environment is read only where no file under /run names a container manager and PID 1
   * is not systemd (which writes /run/systemd/container itself when it has a container=): systemd's
   * own order, without reading a process environment on every systemd host.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void pid1sEnvironmentIsReadOnlyWhereNeitherSystemdNorItsFileAnswers(String shell)
      throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    Path env = Files.writeString(tmp.resolve("environ"), "A=1\0container=lxc\0");
    Path comm = tmp.resolve("comm");
    Path none = tmp.resolve("none");
    Path file = Files.writeString(tmp.resolve("container"), "lxc\n");
    String item =
        containerItem()
            .replace("/proc/1/environ", env.toString())
            .replace("/proc/1/comm", comm.toString())
            .replace("/run/host/container-manager", none.toString());
    Files.writeString(comm, "systemd\n");
    assertFalse(
        run(shell, item.replace("/run/systemd/container", none.toString())).contains("pid1"));
    Files.writeString(comm, "sh\n");
    assertTrue(
        Containment.withPid1Marker(
                run(shell, item.replace("/run/systemd/container", none.toString())))
            .lines()
            .anyMatch(l -> l.equals("pid1-container: lxc")));
    String withFile = run(shell, item.replace("/run/systemd/container", file.toString()));
    assertFalse(withFile.contains("pid1"), withFile);
    assertTrue(withFile.lines().anyMatch(l -> l.equals("run-systemd-container: lxc")), withFile);
  }

  /**
   * The other files container managers leave: /run/host/container-manager (systemd's container
   * interface), OpenVZ's /proc/vz without /proc/bc, a WSL kernel release; none of them on a host
   * that has none.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void namesEveryContainerManagersFile(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    Path none = tmp.resolve("none");
    Path manager = Files.writeString(tmp.resolve("container-manager"), "podman\n");
    Path vz = Files.createDirectories(tmp.resolve("vz"));
    Path comm = Files.writeString(tmp.resolve("comm"), "systemd\n");
    String item =
        containerItem()
            .replace("/proc/1/comm", comm.toString())
            .replace("/run/systemd/container", none.toString())
            .replace("/.dockerenv", none.toString())
            .replace("/run/.containerenv", none.toString())
            .replace("/var/run/secrets/kubernetes.io", none.toString());
    String all =
        run(
            shell,
            "ag_rel=5.15.167.4-microsoft-standard-WSL2; "
                + item.replace("/run/host/container-manager", manager.toString())
                    .replace("/proc/vz", vz.toString())
                    .replace("/proc/bc", none.toString()));
    assertEquals(
        "host-container-manager: podman\nopenvz: "
            + vz
            + "\nwsl: 5.15.167.4-microsoft-standard-WSL2\n",
        all);
    // the host of OpenVZ containers has both; a Debian kernel is no WSL
    String host =
        run(
            shell,
            "ag_rel=6.1.0-28-amd64; "
                + item.replace("/run/host/container-manager", none.toString())
                    .replace("/proc/vz", vz.toString())
                    .replace("/proc/bc", vz.toString()));
    assertEquals("", host);
  }

  /**
   * The identity item reads the firmware's DMI names as systemd-detect-virt reads them (each line
   * whole, at most 64 characters; a missing file is left out) and the kernel's hypervisor type.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/dash", "/bin/bash", "/bin/busybox"})
  void identityReadsTheFirmwaresNames(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " not installed");
    Path dmi = Files.createDirectories(tmp.resolve("dmi"));
    // a QEMU/KVM guest's /sys/class/dmi/id (libvirt's default i440fx machine)
    Files.writeString(dmi.resolve("sys_vendor"), "QEMU\n");
    Files.writeString(dmi.resolve("product_name"), "Standard PC (i440FX + PIIX, 1996)\n");
    Files.writeString(dmi.resolve("bios_vendor"), "x".repeat(80) + "\n");
    Path hv = Files.writeString(tmp.resolve("type"), "xen\n");
    String item =
        ((io.auditgap.collect.CollectionItem.Command) OsFacts.IDENTITY_LINES)
            .shell()
            .replace("/sys/class/dmi/id", dmi.toString())
            .replace("/sys/hypervisor/type", hv.toString())
            .replace("/proc/xen", tmp.resolve("none").toString())
            .replace(
                "/proc/1/comm", Files.writeString(tmp.resolve("comm"), "systemd\n").toString());
    String out = run(shell, "ag_rel=6.1.0; ag_utc=2026-12-07T00:00:00Z; " + item);
    assertEquals(
        "kernel=6.1.0\ndmi-product_name=Standard PC (i440FX + PIIX, 1996)\ndmi-sys_vendor=QEMU\n"
            + "dmi-bios_vendor="
            + "x".repeat(64)
            + "\nhypervisor=xen\ninit=systemd\ntime=2026-12-07T00:00:00Z\n",
        out);
    assertEquals("qemu", Virtualization.of(out));
  }

  private static String notSystemd(String item) {
    return item.replace("/proc/1/comm", "/nonexistent/comm")
        .replace("/run/host/container-manager", "/nonexistent/container-manager")
        .replace("/run/systemd/container", "/nonexistent/container");
  }

  private static String run(String shell, String script) throws Exception {
    return ProcessOutput.ofShell(shell, script, 10);
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
      String out = run(shell, item.replace("/run/systemd/container", f.toString()));
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
