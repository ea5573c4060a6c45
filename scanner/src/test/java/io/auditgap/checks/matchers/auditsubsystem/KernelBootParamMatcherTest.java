package io.auditgap.checks.matchers.auditsubsystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.SnapshotItem;
import org.junit.jupiter.api.Test;

/**
 * kernel.audit-boot and kernel.audit-backlog over real grub/BLS files and their broken variants.
 */
class KernelBootParamMatcherTest {
  private static final String BLS =
      "8215ac7e45d34823b4dce2e258c3cc47-5.14.0-362.18.1.el9_3.x86_64.conf";
  private static final String DEBIAN_GRUB = Host.res("/fixtures/kernel/debian12/grub");
  private static final String CLOUD =
      Host.res("/fixtures/kernel/ubuntu-cloud/50-cloudimg-settings.cfg");
  private static final String ENTRY = Host.res("/fixtures/kernel/rhel9/" + BLS);
  private static final String RHEL_GRUB = Host.res("/fixtures/kernel/rhel9/grub");
  private static final String BOOTED =
      "BOOT_IMAGE=/boot/vmlinuz-6.1.0-18-amd64 root=UUID=1 ro quiet";

  private static Host debian(String grub, String booted) {
    Host h = new Host();
    h.b
        .file("/proc/cmdline", booted + "\n")
        .dirStatus("/boot/loader/entries", SnapshotItem.ABSENT)
        .file("/etc/default/grub", grub);
    return h;
  }

  private static Host withGrubD(Host h, String name, String text) {
    h.b.dir("/etc/default/grub.d", "f\t" + name + "\n").file("/etc/default/grub.d/" + name, text);
    return h;
  }

  private static Host rhel(String entry, String booted, int grubenvStatus) {
    Host h = new Host();
    h.b
        .file("/proc/cmdline", booted + "\n")
        .dir("/boot/loader/entries", "f\t" + BLS + "\n")
        .file("/boot/loader/entries/" + BLS, entry)
        .fileStatus("/etc/kernel/cmdline", SnapshotItem.ABSENT)
        .file("/etc/default/grub", RHEL_GRUB.replace("quiet\"", "quiet audit=1\""))
        .dirStatus("/etc/default/grub.d", SnapshotItem.ABSENT);
    if (grubenvStatus == 0) {
      h.b.file("/boot/grub2/grubenv", "# GRUB Environment Block\ntuned_params=\n####\n");
    } else {
      h.b.fileStatus("/boot/grub2/grubenv", grubenvStatus);
    }
    return h;
  }

  private static Verdict boot(Host h) {
    return Host.check("kernel.audit-boot", h.facts());
  }

  private static boolean evidence(Verdict v, String location, String noteOrText) {
    for (Evidence e : v.evidence()) {
      if (e.location().equals(location)
          && (e.note().contains(noteOrText) || e.text().contains(noteOrText))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void stockDebianFailsOnBothSides() {
    Host h = debian(DEBIAN_GRUB, BOOTED);
    h.b.dirStatus("/etc/default/grub.d", SnapshotItem.ABSENT);
    Verdict v = boot(h);
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("audit not set"), v.reason());
  }

  @Test
  void auditInGrubCmdlineLinuxAndBootedPasses() {
    String grub =
        DEBIAN_GRUB.replace(
            "GRUB_CMDLINE_LINUX=\"\"", "GRUB_CMDLINE_LINUX=\"audit=1 audit_backlog_limit=8192\"");
    Host h =
        withGrubD(
            debian(grub, BOOTED + " audit=1 audit_backlog_limit=8192"),
            "50-cloudimg-settings.cfg",
            CLOUD);
    Verdict v = boot(h);
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(evidence(v, "/etc/default/grub:10", "audit=1"), v.evidence().toString());
    assertEquals(Status.PASS, Host.check("kernel.audit-backlog", h.facts()).status());
  }

  @Test
  void grubDOverridingGrubCmdlineLinuxDropsAudit() {
    String grub = DEBIAN_GRUB.replace("GRUB_CMDLINE_LINUX=\"\"", "GRUB_CMDLINE_LINUX=\"audit=1\"");
    Host h =
        withGrubD(
            debian(grub, BOOTED + " audit=1"),
            "99-serial.cfg",
            "GRUB_CMDLINE_LINUX=\"console=ttyS0,115200\"\n");
    Verdict v = boot(h);
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("the next boot loses it"), v.reason());
    assertTrue(
        evidence(v, "/etc/default/grub:10", "overridden by /etc/default/grub.d/99-serial.cfg:1"),
        v.evidence().toString());
  }

  @Test
  void selfReferencingGrubDAppendPasses() {
    Host h =
        withGrubD(
            debian(DEBIAN_GRUB, BOOTED + " audit=1"),
            "60-audit.cfg",
            "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX audit=1\"\n");
    assertEquals(Status.PASS, boot(h).status(), boot(h).reason());
  }

  @Test
  void auditZeroAnywhereIsAHardFail() {
    Host h =
        debian(
            DEBIAN_GRUB.replace(
                "GRUB_CMDLINE_LINUX=\"\"", "GRUB_CMDLINE_LINUX=\"audit=0 audit=1\""),
            BOOTED + " audit=1");
    h.b.dirStatus("/etc/default/grub.d", SnapshotItem.ABSENT);
    Verdict v = boot(h);
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(
        evidence(v, "/etc/default/grub:10", "forbidden value audit=0"), v.evidence().toString());
  }

  @Test
  void rhelWithAuditOnlyInDefaultGrubFails() {
    Verdict v = boot(rhel(ENTRY, BOOTED + " audit=1", 0));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("0 of 1"), v.reason());
    assertTrue(
        evidence(v, "/etc/default/grub:6", "not used by BLS entries"), v.evidence().toString());
  }

  @Test
  void rhelWithGrubbyArgsPassesAndPendingRebootIsReported() {
    String fixed = ENTRY.replace("$tuned_params", "$tuned_params audit=1");
    Verdict ok = boot(rhel(fixed, BOOTED + " audit=1", 0));
    assertEquals(Status.PASS, ok.status(), ok.reason());
    Verdict pending = boot(rhel(fixed, BOOTED, 0));
    assertEquals(Status.FAIL, pending.status());
    assertTrue(pending.reason().contains("reboot pending"), pending.reason());
  }

  @Test
  void unresolvedGrubenvVariableWithoutTheParameterIsUnknown() {
    Verdict v = boot(rhel(ENTRY, BOOTED + " audit=1", SnapshotItem.DENIED));
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(v.reason().contains("$tuned_params not resolved"), v.reason());
  }

  @Test
  void backlogBelowMinimumFails() {
    Host h =
        debian(
            DEBIAN_GRUB.replace(
                "GRUB_CMDLINE_LINUX=\"\"", "GRUB_CMDLINE_LINUX=\"audit_backlog_limit=4096\""),
            BOOTED + " audit_backlog_limit=4096");
    h.b.dirStatus("/etc/default/grub.d", SnapshotItem.ABSENT);
    Verdict v = Host.check("kernel.audit-backlog", h.facts());
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("not as required"), v.reason());
  }

  @Test
  void containerIsNotApplicable() {
    Host h = debian(DEBIAN_GRUB, BOOTED);
    h.b.cmd("container", 0, "docker\n");
    assertEquals(Status.NOT_APPLICABLE, boot(h).status());
  }
}
