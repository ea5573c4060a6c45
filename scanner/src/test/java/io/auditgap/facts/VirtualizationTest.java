package io.auditgap.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hypervisor's name from the firmware's DMI names, as systemd-detect-virt gives it for the same
 * values (its vendor table in src/basic/virt.c). The values are what these platforms' guests show
 * in /sys/class/dmi/id (the clouds' and hypervisors' documentation, and dmidecode outputs published
 * with bug reports).
 */
class VirtualizationTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // libvirt/QEMU with KVM: systemd says kvm from CPUID first; from DMI alone, qemu
        "qemu i440fx | dmi-sys_vendor=QEMU\\ndmi-product_name=Standard PC (i440FX + PIIX, 1996) | qemu",
        "OpenStack Nova | dmi-sys_vendor=OpenStack Foundation\\ndmi-product_name=OpenStack Nova | kvm",
        "EC2 Nitro | dmi-sys_vendor=Amazon EC2\\ndmi-product_name=t3.micro | amazon",
        "EC2 bare metal | dmi-sys_vendor=Amazon EC2\\ndmi-product_name=m5.metal | ''",
        "EC2 Xen (older types) | dmi-sys_vendor=Xen\\ndmi-product_name=HVM domU | xen",
        "GCE | dmi-sys_vendor=Google\\ndmi-product_name=Google Compute Engine | google",
        "VMware | dmi-sys_vendor=VMware, Inc.\\ndmi-product_name=VMware7,1 | vmware",
        "VirtualBox | dmi-sys_vendor=innotek GmbH\\ndmi-product_name=VirtualBox | oracle",
        "Hyper-V | dmi-sys_vendor=Microsoft Corporation\\ndmi-product_name=Virtual Machine\\ndmi-product_version=Hyper-V UEFI Release v4.1 | microsoft",
        "bare metal | dmi-sys_vendor=Dell Inc.\\ndmi-product_name=PowerEdge R640 | ''",
        "Xen PV without DMI | hypervisor=xen | xen",
        "no DMI (Firecracker) | kernel=6.1.0 | ''",
        "an earlier collector's answer | virt=kvm\\ndmi-sys_vendor=QEMU | kvm",
      })
  void namesTheHypervisorAsSystemdDoes(String label, String lines, String expected) {
    assertEquals(expected, Virtualization.of(lines.replace("\\n", "\n")), label);
  }
}
