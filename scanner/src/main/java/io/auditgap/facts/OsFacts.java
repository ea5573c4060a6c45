package io.auditgap.facts;

import io.auditgap.collect.CollectionItem;
import java.util.Set;

/** Operating system identity, architecture, privilege and containment. */
public final class OsFacts {
  /**
   * Shell that cuts {@code $v} to its first 64 characters with built-ins (no {@code head} process),
   * as {@code systemd-detect-virt} reads a marker or DMI file.
   */
  private static final String CUT_V_AT_64 =
      "[ ${#v} -le 64 ] || v=${v%\"${v#" + "?".repeat(64) + "}\"}";

  public static final CollectionItem OS_RELEASE = new CollectionItem.File("/etc/os-release");

  /**
   * The host's clock in seconds, as {@code date +%s} prints it, from the collector's one {@code
   * date} run ({@code ag_host}); 127 without date.
   */
  public static final String HOST_CLOCK_EPOCH =
      "[ -n \"$ag_now\" ] || return 127; echo \"$ag_now\"";

  /** {@code uname -m}, from the collector's one {@code uname} run ({@code ag_host}). */
  public static final CollectionItem.Command UNAME_M =
      CollectionItem.Command.quick(
          "uname -m", "[ -n \"$ag_mach\" ] || return 127; echo \"$ag_mach\"");

  /**
   * {@code id -u}'s answer, the effective uid, read by the shell from the second field of the
   * {@code Uid:} line of /proc/self/status (real, effective, saved, filesystem); {@code id -u} only
   * where that cannot be read.
   */
  public static final CollectionItem.Command ID_U =
      CollectionItem.Command.quick(
          "id -u",
          "u=; if [ -r /proc/self/status ]; then while read -r k r e x; do [ \"$k\" = Uid: ] &&"
              + " u=$e && break; done </proc/self/status; fi; case $u in ''|*[!0-9]*) id -u ;; *)"
              + " echo \"$u\" ;; esac");

  public static final CollectionItem CMDLINE = new CollectionItem.File("/proc/cmdline");

  /**
   * Container markers, one per line as {@code marker: value}, read from the files container
   * managers leave (as {@code systemd-detect-virt -c} reads them, without starting it: about 3 ms
   * of the host's CPU per run): {@code /.dockerenv}, {@code /run/.containerenv}, {@code
   * /run/host/container-manager}, {@code /run/systemd/container} (the first line of each, at most
   * 64 characters), OpenVZ's {@code /proc/vz} without {@code /proc/bc}, a WSL kernel, a Kubernetes
   * service account, and PID 1's {@code container=} (as {@code grep -z} prints it: {@code
   * container=lxc}, a NUL and a newline). PID 1's environment is read only where neither file under
   * /run answers and PID 1 is not systemd (which writes {@code /run/systemd/container} itself when
   * it has one), and only that one variable leaves the host. The decision also needs the kernel
   * audit interface's answer ({@link #AUDIT_STATUS}), see {@link Containment}.
   */
  public static final CollectionItem CONTAINER =
      CollectionItem.Command.quick(
          "container",
          "[ -e /.dockerenv ] && echo 'dockerenv: /.dockerenv';"
              + " [ -e /run/.containerenv ] && echo 'containerenv: /run/.containerenv';"
              // the first line of each, at most 64 characters, with built-ins (no head process)
              + " m=; for f in /run/host/container-manager /run/systemd/container; do [ -r $f ] ||"
              + " continue; v=; IFS= read -r v <$f 2>/dev/null; "
              + CUT_V_AT_64
              + "; k=run-systemd-container; [ $f = /run/systemd/container ] ||"
              + " k=host-container-manager; echo \"$k: $v\"; m=1; done;"
              // /proc/vz is there in an OpenVZ container and on its host, /proc/bc only on the host
              + " [ -d /proc/vz ] && [ ! -d /proc/bc ] && echo 'openvz: /proc/vz';"
              + " case $ag_rel in *Microsoft* | *WSL*) echo \"wsl: $ag_rel\" ;; esac;"
              + " i=; IFS= read -r i 2>/dev/null </proc/1/comm;"
              // the variable as grep prints it, NUL-terminated: one process, no subshell
              + " [ -n \"$m\" ] || [ \"$i\" = systemd ] || { grep -a -z -m 1 '^container='"
              + " /proc/1/environ 2>/dev/null && echo; };"
              + " [ -d /var/run/secrets/kubernetes.io ] && echo 'kubernetes:"
              + " /var/run/secrets/kubernetes.io'; return 0");

  /** The kernel audit interface's answer: a status when reachable, an error when not. */
  public static final CollectionItem AUDIT_STATUS =
      CollectionItem.Command.quick("auditctl -s", "auditctl -s");

  /**
   * Kernel release, the firmware's and hypervisor's names (for the virtualization, see {@link
   * HostIdentity}), PID 1 and the host's clock, as {@code key=value} lines. The DMI names are the
   * ones {@code systemd-detect-virt} compares, read with built-ins (each at most 64 characters):
   * the CPUID signature it asks first is not readable from a shell, so a VM without DMI names stays
   * unnamed rather than guessed.
   */
  public static final CollectionItem IDENTITY_LINES =
      CollectionItem.Command.quick(
          "identity",
          "echo \"kernel=$ag_rel\"; for f in product_name sys_vendor board_vendor bios_vendor"
              + " product_version; do v=; IFS= read -r v 2>/dev/null </sys/class/dmi/id/$f || [ -n"
              + " \"$v\" ] || continue; "
              + CUT_V_AT_64
              + "; echo \"dmi-$f=$v\"; done; v=; IFS= read -r v 2>/dev/null"
              + " </sys/hypervisor/type && echo \"hypervisor=$v\"; [ -d /proc/xen ] && echo"
              + " 'proc-xen=1'; i=; IFS= read -r i 2>/dev/null </proc/1/comm; echo \"init=$i\";"
              + " echo \"time=$ag_utc\"; return 0");

  /**
   * Collected on every host whatever the checks: who the host is and what it booted with, so every
   * report and saved snapshot identifies the machine it describes.
   */
  public static final Set<CollectionItem> IDENTITY =
      Set.of(
          OS_RELEASE,
          UNAME_M,
          ID_U,
          CMDLINE,
          CONTAINER,
          AUDIT_STATUS,
          IDENTITY_LINES,
          CollectionItem.Command.quick(
              "hostname", "[ -n \"$ag_node\" ] || return 127; echo \"$ag_node\""),
          new CollectionItem.File("/etc/audit/auditd.conf"));

  /** {@code uname -m}, e.g. {@code x86_64}. */
  public static final FactKey<Observed<String>> ARCH =
      FactKey.ofCommand("arch", UNAME_M, i -> i.text().strip());

  /** True when the collector ran as uid 0. */
  public static final FactKey<Observed<Boolean>> ROOT =
      FactKey.ofCommand("root", ID_U, i -> i.text().strip().equals("0"));

  /** The container decision with its evidence (markers and the kernel audit interface). */
  public static final FactKey<Observed<Containment>> CONTAINMENT =
      new FactKey<>(
          "containment",
          Set.of(CONTAINER, AUDIT_STATUS),
          s ->
              s.command("container").isPresent()
                  ? Observed.seen(Containment.of(s))
                  : Observed.unseen(s.missingReason("command 'container'")));

  /**
   * True when kernel checks are not applicable because the host is a container: markers say so and
   * the kernel audit interface does not answer (see {@link Containment}).
   */
  public static final FactKey<Observed<Boolean>> IN_CONTAINER =
      new FactKey<>(
          "container",
          Set.of(CONTAINER, AUDIT_STATUS),
          s -> CONTAINMENT.derive().apply(s).map(Containment::container));

  private OsFacts() {}

  /** Whether the architecture has a 32-bit compat ABI whose syscalls need their own rules. */
  public static boolean hasCompatAbi(String arch) {
    return switch (arch) {
      case "x86_64", "aarch64", "ppc64", "ppc64le", "s390x", "sparc64", "mips64" -> true;
      default -> false;
    };
  }
}
