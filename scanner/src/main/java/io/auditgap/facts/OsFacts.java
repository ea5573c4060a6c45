package io.auditgap.facts;

import io.auditgap.collect.CollectionItem;
import java.util.Set;

/** Operating system identity, architecture, privilege and containment. */
public final class OsFacts {
  public static final CollectionItem OS_RELEASE = new CollectionItem.File("/etc/os-release");
  public static final CollectionItem UNAME_M = CollectionItem.Command.quick("uname -m", "uname -m");
  public static final CollectionItem ID_U = CollectionItem.Command.quick("id -u", "id -u");
  public static final CollectionItem CMDLINE = new CollectionItem.File("/proc/cmdline");
  public static final CollectionItem CONTAINER =
      CollectionItem.Command.quick(
          "container",
          "if command -v systemd-detect-virt >/dev/null 2>&1; then systemd-detect-virt -c; fi;"
              + " [ -e /.dockerenv ] && echo docker-env; [ -e /run/.containerenv ] && echo"
              + " podman-env; exit 0");

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
          CollectionItem.Command.quick("hostname", "uname -n"),
          new CollectionItem.File("/etc/audit/auditd.conf"));

  /** {@code uname -m}, e.g. {@code x86_64}. */
  public static final FactKey<Observed<String>> ARCH =
      new FactKey<>(
          "arch",
          Set.of(UNAME_M),
          s -> SnapshotFacts.command(s, "uname -m").map(i -> i.text().strip()));

  /** True when the collector ran as uid 0. */
  public static final FactKey<Observed<Boolean>> ROOT =
      new FactKey<>(
          "root",
          Set.of(ID_U),
          s -> SnapshotFacts.command(s, "id -u").map(i -> i.text().strip().equals("0")));

  /** True when the host is a container (kernel checks are then not applicable). */
  public static final FactKey<Observed<Boolean>> IN_CONTAINER =
      new FactKey<>(
          "container",
          Set.of(CONTAINER),
          s ->
              SnapshotFacts.command(s, "container")
                  .map(
                      i -> {
                        String t = i.text().strip();
                        return !t.isEmpty() && !t.equals("none");
                      }));

  private OsFacts() {}

  /** Whether the architecture has a 32-bit compat ABI whose syscalls need their own rules. */
  public static boolean hasCompatAbi(String arch) {
    return switch (arch) {
      case "x86_64", "aarch64", "ppc64", "ppc64le", "s390x", "sparc64", "mips64" -> true;
      default -> false;
    };
  }
}
