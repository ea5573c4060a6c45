package io.auditgap.facts;

import java.util.List;
import java.util.Map;

/**
 * The hypervisor a host runs under, named as {@code systemd-detect-virt -v} names it, from what the
 * identity item read instead of running it: the firmware's DMI names and the kernel's hypervisor
 * files. systemd's own order and vendor table (src/basic/virt.c, {@code detect_vm_dmi_vendor}): the
 * first of product_name, sys_vendor, board_vendor, bios_vendor and product_version that starts with
 * a known vendor names it. systemd asks the CPU (CPUID) before DMI; a shell cannot, so a VM whose
 * firmware has no DMI names (Firecracker, some minimal KVM guests) stays unnamed, and no match is
 * never reported as bare metal: a DMI name proves a VM, its absence proves nothing.
 */
public final class Virtualization {
  private static final List<String> DMI_ORDER =
      List.of("product_name", "sys_vendor", "board_vendor", "bios_vendor", "product_version");

  private static final List<Map.Entry<String, String>> VENDORS =
      List.of(
          Map.entry("KVM", "kvm"),
          Map.entry("OpenStack", "kvm"),
          Map.entry("KubeVirt", "kvm"),
          Map.entry("Amazon EC2", "amazon"),
          Map.entry("QEMU", "qemu"),
          Map.entry("VMware", "vmware"),
          Map.entry("VMW", "vmware"),
          Map.entry("innotek GmbH", "oracle"),
          Map.entry("VirtualBox", "oracle"),
          Map.entry("Oracle Corporation", "oracle"),
          Map.entry("Xen", "xen"),
          Map.entry("Bochs", "bochs"),
          Map.entry("Parallels", "parallels"),
          Map.entry("BHYVE", "bhyve"),
          Map.entry("Hyper-V", "microsoft"),
          Map.entry("Apple Virtualization", "apple"),
          Map.entry("Google Compute Engine", "google"));

  private Virtualization() {}

  /**
   * The name from the identity item's {@code key=value} lines: {@code virt=} where an earlier
   * collector ran systemd-detect-virt, else the DMI names ({@code dmi-product_name=} ...), then
   * {@code hypervisor=} (/sys/hypervisor/type) and {@code proc-xen=1}; empty when none names one.
   */
  public static String of(String identity) {
    String told = HostIdentity.value(identity, "virt");
    if (!told.isEmpty()) {
      return told;
    }
    for (String key : DMI_ORDER) {
      String v = HostIdentity.value(identity, "dmi-" + key);
      if (v.isEmpty()) {
        continue;
      }
      for (Map.Entry<String, String> e : VENDORS) {
        if (v.startsWith(e.getKey())) {
          // EC2's bare-metal instances carry the same vendor; their product names end in .metal
          boolean metal =
              e.getValue().equals("amazon")
                  && isMetal(HostIdentity.value(identity, "dmi-product_name"));
          return metal ? "" : e.getValue();
        }
      }
    }
    String hv = HostIdentity.value(identity, "hypervisor");
    if (!hv.isEmpty()) {
      return hv.equals("xen") ? "xen" : "vm-other";
    }
    return HostIdentity.value(identity, "proc-xen").equals("1") ? "xen" : "";
  }

  private static boolean isMetal(String product) {
    int i = product.indexOf(".metal");
    if (i < 0) {
      return false;
    }
    int end = i + ".metal".length();
    return end == product.length() || product.charAt(end) == '-';
  }
}
