package io.auditgap.facts.kernel;

import java.util.List;

/**
 * The kernel command lines the next boot will use, as far as the bootloader configuration shows.
 *
 * @param loader {@link #GRUB_DEFAULTS} (Debian/Ubuntu: update-grub writes every entry from them) or
 *     {@link #BLS} (RHEL 8+/Fedora: each installed kernel has its own entry)
 * @param notes context worth reporting (a missing /etc/kernel/cmdline, files not evaluated)
 */
public record PersistentBoot(String loader, List<BootCmdline> entries, List<String> notes) {
  public static final String GRUB_DEFAULTS = "/etc/default/grub";
  public static final String BLS = "/boot/loader/entries";

  public PersistentBoot {
    entries = List.copyOf(entries);
    notes = List.copyOf(notes);
  }

  public List<BootCmdline> decisive() {
    return entries.stream().filter(BootCmdline::decisive).toList();
  }
}
