package io.auditgap.facts.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line one kind of boot gets from persistent configuration: the parts in the order they
 * are concatenated (a later occurrence of a parameter wins).
 *
 * @param label e.g. {@code normal boot entries} or the BLS entry file name
 * @param uncertainties why the real command line may differ from {@link #effective()} (an
 *     unresolved variable, a statement that was not evaluated); empty when it is exact
 * @param decisive false for configuration shown for context only (on a BLS host /etc/default/grub
 *     does not change the entries of installed kernels)
 */
public record BootCmdline(
    String label, List<CmdlinePart> parts, List<String> uncertainties, boolean decisive) {
  public BootCmdline {
    parts = List.copyOf(parts);
    uncertainties = List.copyOf(uncertainties);
  }

  public KernelCmdline effective() {
    List<KernelCmdline.Param> all = new ArrayList<>();
    for (CmdlinePart p : parts) {
      all.addAll(p.cmdline().params());
    }
    return new KernelCmdline(all);
  }

  /** The part holding the occurrence of {@code name} that is in force. */
  public Optional<CmdlinePart> decidingPart(String name) {
    for (int i = parts.size() - 1; i >= 0; i--) {
      if (parts.get(i).cmdline().last(name).isPresent()) {
        return Optional.of(parts.get(i));
      }
    }
    return Optional.empty();
  }
}
