package io.auditgap.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the test fleet works with the real OpenSSH client and that each host shows what its
 * fixture models (see docs/test-fleet.md).
 */
class FleetSmokeIT {

  /**
   * Per-host expectations: hostname, whether the scan user has sudo, whether auditd is installed,
   * the {@code enabled} value of {@code auditctl -s}, and the fixture whose captured {@code
   * auditctl -l} the host prints.
   */
  record Expect(String host, boolean sudo, boolean auditd, String enabled, String capturedFrom) {}

  static final List<Expect> EXPECTED =
      List.of(
          new Expect("debian-stock", true, false, null, null),
          new Expect("debian-auditd", true, true, "1", "debian-auditd"),
          new Expect("hardened", true, true, "2", "hardened"),
          new Expect("tricky", true, true, "1", "tricky"),
          new Expect("drift", true, true, "1", "drift"),
          new Expect("nosudo", false, true, "2", "hardened"),
          new Expect("complete", true, true, "2", "complete"),
          new Expect("ubuntu2204", true, false, null, null),
          new Expect("rhel9", true, true, "1", "rhel9"),
          new Expect("pam-tty-typo", true, true, "2", "complete"),
          new Expect("rsyslog-after-stop", true, true, "2", "complete"),
          new Expect("sshd-loglevel-shadowed", true, true, "2", "complete"),
          new Expect("auditd-conf-nospaces", true, true, "2", "complete"),
          new Expect("logrotate-short", true, true, "2", "complete"),
          new Expect("task-never", true, true, "2", "task-never"),
          new Expect("sudo-dotted-dropin", true, true, "2", "complete"),
          new Expect("journal-volatile", true, true, "2", "complete"),
          new Expect("audit-syslog-user", true, true, "2", "complete"),
          new Expect("audit-reboot-pending", true, true, "2", "complete"),
          new Expect("grub-audit-only", true, true, "2", "complete"),
          new Expect("audit-dir-world-readable", true, true, "2", "complete"),
          new Expect("btmp-world-readable", true, true, "2", "complete"),
          new Expect("chrony-unsynchronised", true, true, "2", "complete"),
          new Expect("auth-log-world-readable", true, true, "2", "complete"),
          new Expect("password-internal-only", true, true, "2", "complete"),
          new Expect("dockerenv-vm", true, true, "2", "complete"),
          new Expect("rsyslog-suspended", true, true, "2", "complete"),
          new Expect("syslog-ng-no-authfile", true, false, null, null),
          new Expect("opensuse-tw", true, false, null, null));

  /** The fleet's network prefix ({@code AUDITGAP_FLEET_NET}, default 127.77.0). */
  static final String NET =
      System.getenv().getOrDefault("AUDITGAP_FLEET_NET", "127.77.0").isBlank()
          ? "127.77.0"
          : System.getenv().getOrDefault("AUDITGAP_FLEET_NET", "127.77.0");

  static TestFleet fleet;

  @BeforeAll
  static void startFleet() {
    fleet = TestFleet.get();
  }

  static Stream<Arguments> hosts() {
    return EXPECTED.stream().map(Arguments::of);
  }

  @Test
  void inventoryListsEveryHostWithLoopbackAddressesAndSudoFlags() throws IOException {
    assertEquals(EXPECTED.stream().map(Expect::host).toList(), List.copyOf(fleet.hosts().keySet()));
    for (Expect e : EXPECTED) {
      TestFleet.Host h = fleet.host(e.host());
      assertTrue(h.address().startsWith(NET + "."), h.toString());
      assertEquals(22, h.port());
      assertEquals(e.sudo(), h.sudo(), h.toString());
    }
    String yaml = Files.readString(fleet.inventory());
    assertTrue(yaml.startsWith("defaults:\n  user: auditor\n"), yaml);
    assertTrue(yaml.contains("  nosudo: {address: " + NET + ".6, port: 22, sudo: false}"), yaml);
    assertTrue(Files.isRegularFile(fleet.identityFile()));
    assertTrue(Files.readString(fleet.knownHosts()).contains(NET + ".1 ssh-ed25519 "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void auditorSeesWhatTheFixtureModels(Expect e) throws IOException {
    TestFleet.Result r =
        fleet.ssh(
            e.host(),
            fleet.user(),
            "cat /etc/hostname; sudo -n true 2>/dev/null; echo sudo=$?;"
                + " /sbin/auditctl -l >/dev/null 2>/tmp/err; echo auditctl=$?; cat /tmp/err;"
                + " ls /etc/audit >/dev/null 2>&1; echo lsaudit=$?;"
                + " dpkg-query -W -f='${Status}\\n' auditd 2>/dev/null || echo not-installed");
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> out = r.lines();
    assertAll(
        () -> assertEquals(e.host(), out.get(0)),
        () -> assertEquals("sudo=" + (e.sudo() ? 0 : 1), out.get(1)),
        () -> {
          if (e.auditd()) { // the stand-in behaves like the real auditctl for a non-root caller
            assertEquals("auditctl=4", out.get(2));
            assertEquals("You must be root to run this program.", out.get(3));
            assertEquals("lsaudit=2", out.get(4), "/etc/audit must be 0750 root:root");
            assertEquals("install ok installed", out.get(5));
          } else {
            assertEquals("auditctl=127", out.get(2));
            assertTrue(out.get(3).contains("No such file or directory"), out.get(3));
            assertEquals("lsaudit=2", out.get(4));
            assertEquals("not-installed", out.get(5));
          }
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void privilegedViewMatchesTheCapturedKernelState(Expect e) throws IOException {
    String cmd =
        "/sbin/auditctl -l; echo '--'; /sbin/auditctl -s; echo '--';"
            + " systemctl show -p MainPID,ActiveState,SubState,UnitFileState auditd; echo '--';"
            + " pgrep -x auditd || echo none";
    if (e.sudo()) { // the collector's path on sudo hosts: sudo -n sh -s
      TestFleet.Result viaSudo =
          fleet.ssh(e.host(), fleet.user(), "sudo -n sh -c '" + cmd.replace("'", "'\\''") + "'");
      assertEquals(fleet.ssh(e.host(), "root", cmd).stdout(), viaSudo.stdout());
    }
    TestFleet.Result r = fleet.ssh(e.host(), "root", cmd);
    String[] parts = r.stdout().split("--\n", -1);
    if (!e.auditd()) {
      assertAll(
          () -> assertEquals("", parts[0]),
          () -> assertTrue(r.stderr().contains("/sbin/auditctl: No such file or directory")),
          () ->
              assertEquals(
                  "MainPID=0\nActiveState=inactive\nSubState=dead\nUnitFileState=\n", parts[2]),
          () -> assertEquals("none\n", parts[3]));
      return;
    }
    Path captured = fleet.fixture(e.capturedFrom()).resolve("captured/auditctl-l.txt");
    String pid = parts[3].trim();
    assertAll(
        () -> assertEquals(Files.readString(captured), parts[0]),
        () -> assertTrue(parts[1].startsWith("enabled " + e.enabled() + "\n"), parts[1]),
        () -> assertTrue(parts[1].contains("\npid " + pid + "\n"), parts[1] + " vs " + pid),
        () ->
            assertEquals(
                "MainPID="
                    + pid
                    + "\nActiveState=active\nSubState=running\nUnitFileState=enabled\n",
                parts[2]));
  }

  @Test
  void rootOnlyEvidenceIsUnreadableWithoutSudo() {
    TestFleet.Result r =
        fleet.ssh(
            "nosudo",
            fleet.user(),
            "stat -c '%a %U:%G' /etc/audit; cat /etc/audit/audit.rules; sudo -n /sbin/auditctl -l");
    assertEquals("750 root:root\n", r.stdout());
    assertTrue(r.stderr().contains("Permission denied"), r.stderr());
    assertTrue(r.stderr().contains("sudo: a password is required"), r.stderr());
  }
}
