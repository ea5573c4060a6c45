package io.auditgap.facts.kernel;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import io.auditgap.facts.OsFacts;
import io.auditgap.facts.SnapshotFacts;
import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The kernel command line the host booted with and the one its bootloader will use next. */
public final class KernelFacts {
  public static final String PROC_CMDLINE = "/proc/cmdline";
  public static final String GRUB_D = "/etc/default/grub.d";
  public static final String KERNEL_CMDLINE = "/etc/kernel/cmdline";
  public static final String GRUBENV = "/boot/grub2/grubenv";

  public static final CollectionItem DEFAULT_GRUB =
      new CollectionItem.File(PersistentBoot.GRUB_DEFAULTS);
  public static final CollectionItem DEFAULT_GRUB_D = new CollectionItem.Directory(GRUB_D);
  public static final CollectionItem BLS_ENTRIES = new CollectionItem.Directory(PersistentBoot.BLS);
  public static final CollectionItem ETC_KERNEL_CMDLINE = new CollectionItem.File(KERNEL_CMDLINE);
  public static final CollectionItem GRUB_ENV = new CollectionItem.File(GRUBENV);

  /** {@code /proc/cmdline}: what the running kernel was booted with. */
  public static final FactKey<Observed<KernelCmdline>> BOOTED =
      new FactKey<>("kernel-cmdline-booted", Set.of(OsFacts.CMDLINE), KernelFacts::booted);

  /** The bootloader configuration's command lines. */
  public static final FactKey<Observed<PersistentBoot>> PERSISTENT =
      new FactKey<>(
          "kernel-cmdline-persistent",
          Set.of(DEFAULT_GRUB, DEFAULT_GRUB_D, BLS_ENTRIES, ETC_KERNEL_CMDLINE, GRUB_ENV),
          KernelFacts::persistent);

  private KernelFacts() {}

  static Observed<KernelCmdline> booted(HostSnapshot s) {
    Observed<Optional<SnapshotItem>> f = SnapshotFacts.file(s, PROC_CMDLINE);
    if (!f.isSeen()) {
      return Observed.unseen(f.reason());
    }
    if (f.value().isEmpty()) {
      return Observed.unseen(PROC_CMDLINE + " does not exist (no procfs?)");
    }
    return Observed.seen(KernelCmdline.parse(f.value().get().text()));
  }

  static Observed<PersistentBoot> persistent(HostSnapshot s) {
    Optional<SnapshotItem> bls = s.directory(PersistentBoot.BLS);
    if (bls.isEmpty()) {
      return Observed.unseen(s.missingReason(PersistentBoot.BLS));
    }
    if (bls.get().exitStatus() != SnapshotItem.ABSENT) {
      if (bls.get().problem() != null) {
        return Observed.unseen(bls.get().problem());
      }
      if (!entryNames(bls.get()).isEmpty()) {
        return blsHost(s, bls.get());
      }
    }
    return grubDefaultsHost(s);
  }

  private static List<String> entryNames(SnapshotItem dir) {
    List<String> names = new ArrayList<>();
    for (String line : dir.text().split("\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        String type = line.substring(0, tab);
        String name = line.substring(tab + 1);
        if ((type.equals("f") || type.equals("l")) && name.endsWith(".conf")) {
          names.add(name);
        }
      }
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  private static Observed<PersistentBoot> blsHost(HostSnapshot s, SnapshotItem dir) {
    Map<String, String> env;
    List<String> notes = new ArrayList<>();
    Observed<Optional<SnapshotItem>> grubenv = SnapshotFacts.file(s, GRUBENV);
    if (!grubenv.isSeen()) {
      env = null;
      notes.add(
          GRUBENV + " not read (" + grubenv.reason() + "): $variables in entries are not resolved");
    } else {
      env = grubenv.value().map(i -> GrubEnv.parse(i.text())).orElse(Map.of());
    }
    List<BootCmdline> entries = new ArrayList<>();
    for (String name : entryNames(dir)) {
      String path = PersistentBoot.BLS + "/" + name;
      Optional<SnapshotItem> f = s.file(path);
      if (f.isEmpty()) {
        return Observed.unseen(s.missingReason(path));
      }
      if (f.get().problem() != null) {
        return Observed.unseen(f.get().problem());
      }
      BlsEntry e = BlsEntry.parse(path, f.get().text(), env);
      List<String> unc = new ArrayList<>();
      for (String v : e.unresolved()) {
        unc.add("$" + v + " not resolved (" + GRUBENV + " not read)");
      }
      CmdlinePart part =
          new CmdlinePart(
              "options",
              new SourceLine(path, e.optionsLine(), e.optionsText()),
              e.cmdline(),
              Optional.empty());
      entries.add(new BootCmdline(name, List.of(part), unc, true));
    }
    Observed<Optional<SnapshotItem>> kc = SnapshotFacts.file(s, KERNEL_CMDLINE);
    if (!kc.isSeen()) {
      entries.add(
          new BootCmdline(
              KERNEL_CMDLINE + " (kernels installed later)",
              List.of(),
              List.of(KERNEL_CMDLINE + ": " + kc.reason()),
              true));
    } else if (kc.value().isPresent()) {
      String text = kc.value().get().text();
      String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
      entries.add(
          new BootCmdline(
              KERNEL_CMDLINE + " (kernels installed later)",
              List.of(
                  new CmdlinePart(
                      KERNEL_CMDLINE,
                      new SourceLine(KERNEL_CMDLINE, 1, first),
                      KernelCmdline.parse(text),
                      Optional.empty())),
              List.of(),
              true));
    } else {
      notes.add(
          KERNEL_CMDLINE
              + " absent: kernel-install gives kernels installed later the running /proc/cmdline");
    }
    Observed<PersistentBoot> grub = grubDefaultsHost(s);
    if (grub.isSeen()) {
      for (BootCmdline b : grub.value().entries()) {
        entries.add(
            new BootCmdline(
                b.label() + " in " + PersistentBoot.GRUB_DEFAULTS + " (not used by BLS entries)",
                b.parts(),
                b.uncertainties(),
                false));
      }
    }
    return Observed.seen(new PersistentBoot(PersistentBoot.BLS, entries, notes));
  }

  private static Observed<PersistentBoot> grubDefaultsHost(HostSnapshot s) {
    Observed<Optional<SnapshotItem>> grub = SnapshotFacts.file(s, PersistentBoot.GRUB_DEFAULTS);
    if (!grub.isSeen()) {
      return Observed.unseen(grub.reason());
    }
    List<ShellVariables.Source> sources = new ArrayList<>();
    grub.value().ifPresent(i -> sources.add(new ShellVariables.Source(i.name(), i.text())));
    Optional<SnapshotItem> dir = s.directory(GRUB_D);
    if (dir.isEmpty()) {
      return Observed.unseen(s.missingReason(GRUB_D));
    }
    if (dir.get().exitStatus() != SnapshotItem.ABSENT) {
      if (dir.get().problem() != null) {
        return Observed.unseen(dir.get().problem());
      }
      List<String> cfgs = new ArrayList<>();
      for (String line : dir.get().text().split("\n")) {
        int tab = line.indexOf('\t');
        if (tab > 0 && line.substring(tab + 1).endsWith(".cfg")) {
          cfgs.add(line.substring(tab + 1));
        }
      }
      // grub-mkconfig: for x in /etc/default/grub.d/*.cfg (glob order)
      cfgs.sort(Comparator.naturalOrder());
      for (String n : cfgs) {
        String path = GRUB_D + "/" + n;
        Optional<SnapshotItem> f = s.file(path);
        if (f.isEmpty()) {
          return Observed.unseen(s.missingReason(path));
        }
        if (f.get().exitStatus() == SnapshotItem.IS_DIRECTORY) {
          continue;
        }
        if (f.get().problem() != null) {
          return Observed.unseen(f.get().problem());
        }
        sources.add(new ShellVariables.Source(path, f.get().text()));
      }
    }
    if (sources.isEmpty()) {
      return Observed.unseen(
          "no bootloader configuration found: "
              + PersistentBoot.GRUB_DEFAULTS
              + " and "
              + PersistentBoot.BLS
              + " are absent");
    }
    ShellVariables vars = ShellVariables.evaluate(sources);
    List<CmdlinePart> parts = new ArrayList<>();
    List<String> unc = new ArrayList<>();
    for (String name : List.of("GRUB_CMDLINE_LINUX", "GRUB_CMDLINE_LINUX_DEFAULT")) {
      vars.get(name).ifPresent(a -> parts.add(part(a)));
      vars.uncertainty(name)
          .ifPresent(
              p -> unc.add(name + " uncertain at " + p.at().location() + ": " + p.message()));
    }
    List<String> notes = new ArrayList<>();
    for (ShellProblem p : vars.problems()) {
      notes.add(p.at().location() + ": " + p.message() + ": " + p.at().text());
    }
    BootCmdline normal =
        new BootCmdline(
            "GRUB_CMDLINE_LINUX + GRUB_CMDLINE_LINUX_DEFAULT (normal boot entries)",
            parts,
            unc,
            true);
    return Observed.seen(new PersistentBoot(PersistentBoot.GRUB_DEFAULTS, List.of(normal), notes));
  }

  private static CmdlinePart part(ShellAssignment a) {
    return new CmdlinePart(
        a.name(), a.at(), KernelCmdline.parse(a.value()), a.overrode().map(KernelFacts::part));
  }
}
