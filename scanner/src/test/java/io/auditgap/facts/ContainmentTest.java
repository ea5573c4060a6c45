package io.auditgap.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.testing.SnapshotBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The container decision rests on the kernel audit interface, not on one marker. The {@code
 * auditctl -s} answer with {@code enabled 0} is a real capture (audit listings fixtures); the
 * nspawn refusal is what auditctl prints there (nspawn's seccomp filter blocks audit netlink).
 */
class ContainmentTest {
  static final String NSPAWN_REFUSAL = "Error sending status request (Operation not permitted)\n";

  static String capturedStatus() throws IOException {
    return Files.readString(
        Path.of("src/test/resources/audit/listings/status-disabled.auditctl-s.txt"));
  }

  @Test
  void aVmWithAStrayDockerenvWhoseKernelAuditAnswersIsAHost() throws IOException {
    Containment c =
        Containment.of(
            SnapshotBuilder.host("vm")
                .cmd("container", 0, "detect-virt-c: docker\ndockerenv: /.dockerenv\n")
                .cmd("auditctl -s", 0, capturedStatus())
                .build());
    assertFalse(c.container());
    assertFalse(c.certain());
    assertEquals("docker", c.type());
    assertTrue(c.summary().contains("kernel audit interface answers"), c.summary());
    assertTrue(c.kernelAudit().contains("enabled 0"), c.kernelAudit());
  }

  @Test
  void nspawnWhoseKernelAuditRefusesIsACertainContainer() {
    Containment c =
        Containment.of(
            SnapshotBuilder.host("ct")
                .cmd(
                    "container",
                    0,
                    "detect-virt-c: systemd-nspawn\nrun-systemd-container: systemd-nspawn\n"
                        + "pid1-container: systemd-nspawn\n")
                .cmd("auditctl -s", 1, NSPAWN_REFUSAL)
                .build());
    assertTrue(c.container());
    assertTrue(c.certain());
    assertEquals("systemd-nspawn", c.type());
    assertTrue(c.kernelAudit().contains("Operation not permitted"), c.kernelAudit());
  }

  /** The markers read from the files container managers leave, each naming its kind. */
  @Test
  void eachContainerManagersFileNamesItsKind() {
    String[][] cases = {
      {"host-container-manager: podman\n", "podman"},
      {"openvz: /proc/vz\n", "openvz"},
      {"wsl: 5.15.167.4-microsoft-standard-WSL2\n", "wsl"},
      {"pid1-container: lxc\n", "lxc"},
    };
    for (String[] c : cases) {
      Containment ct =
          Containment.of(
              SnapshotBuilder.host("ct")
                  .cmd("container", 0, c[0])
                  .cmd("auditctl -s", 1, NSPAWN_REFUSAL)
                  .build());
      assertTrue(ct.container(), c[0]);
      assertEquals(c[1], ct.type(), c[0]);
    }
  }

  @Test
  void markersWithoutAuditctlDecideButSayItIsUncertain() {
    Containment c =
        Containment.of(
            SnapshotBuilder.host("ct")
                .cmd("container", 0, "containerenv: /run/.containerenv\n")
                .cmd("auditctl -s", 127, "sh: 1: auditctl: not found\n")
                .build());
    assertTrue(c.container());
    assertFalse(c.certain());
    assertEquals("podman", c.type());
    assertTrue(c.summary().contains("uncertain"), c.summary());
    assertTrue(c.summary().contains("auditctl is not installed"), c.summary());
  }

  @Test
  void noMarkerIsNotAContainerAndOldSnapshotsStillRead() {
    assertFalse(
        Containment.of(
                SnapshotBuilder.host("h")
                    .cmd("container", 0, "detect-virt-c: none\n")
                    .cmd("auditctl -s", 1, NSPAWN_REFUSAL)
                    .build())
            .container());
    Containment old =
        Containment.of(SnapshotBuilder.host("h").cmd("container", 0, "docker\n").build());
    assertTrue(old.container());
    assertEquals("docker", old.type());
    Containment k8s =
        Containment.of(
            SnapshotBuilder.host("pod")
                .cmd("container", 0, "kubernetes: /var/run/secrets/kubernetes.io\n")
                .cmd("auditctl -s", 4, "You must be root to run this program.\n")
                .build());
    assertTrue(k8s.container());
    assertEquals("kubernetes", k8s.type());
    assertTrue(k8s.kernelAudit().contains("needs root"), k8s.kernelAudit());
  }

  @Test
  void identityNamesTheSystem() {
    HostIdentity id =
        HostIdentity.of(
            SnapshotBuilder.host("h")
                .file(
                    "/etc/os-release",
                    "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n")
                .cmd("uname -m", 0, "x86_64\n")
                .cmd(
                    "identity",
                    0,
                    "kernel=6.1.0-28-amd64\nvirt=kvm\ninit=systemd\ntime=2026-03-01T09:00:00Z\n")
                .cmd("container", 0, "detect-virt-c: none\n")
                .build());
    assertEquals(
        "Debian GNU/Linux 12 (bookworm), kernel 6.1.0-28-amd64, x86_64, virtualization kvm, init"
            + " systemd",
        id.describe());
    assertEquals("2026-03-01T09:00:00Z", id.hostTime());
  }
}
