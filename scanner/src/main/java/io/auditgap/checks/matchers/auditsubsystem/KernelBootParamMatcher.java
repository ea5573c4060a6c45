package io.auditgap.checks.matchers.auditsubsystem;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.ParamType;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.GatedMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.kernel.BootCmdline;
import io.auditgap.facts.kernel.CmdlinePart;
import io.auditgap.facts.kernel.KernelCmdline;
import io.auditgap.facts.kernel.KernelFacts;
import io.auditgap.facts.kernel.PersistentBoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code kernel.audit-boot} and {@code kernel.audit-backlog}: a kernel parameter is set as required
 * both in the running kernel ({@code /proc/cmdline}) and in every command line the bootloader will
 * use (GRUB defaults with grub.d overrides, or every BLS entry plus {@code /etc/kernel/cmdline}).
 * Parameters: {@code parameter}, {@code accept} (values that pass, case-insensitive) or {@code min}
 * (a number at least this), {@code forbid} (values that fail wherever they appear, even if
 * overridden later).
 */
public final class KernelBootParamMatcher extends GatedMatcher {
  public static final String NAME = "kernel-boot-param";

  public KernelBootParamMatcher() {
    super(
        NAME,
        List.of(
            ParamSpec.of("parameter", ParamType.TEXT).orElse("audit"),
            ParamSpec.of("accept", ParamType.TEXT_LIST),
            ParamSpec.of("forbid", ParamType.TEXT_LIST),
            ParamSpec.of("min", ParamType.INTEGER).byProfile()),
        needsOf(List.of(KernelFacts.BOOTED, KernelFacts.PERSISTENT)),
        Gate.container("the kernel command line belongs to the container host"));
  }

  private enum Judgement {
    OK,
    BAD,
    MISSING
  }

  @Override
  protected Verdict judge(CheckParams params, Facts facts) {
    String param = params.string("parameter", "audit");
    List<String> accept =
        params.strings("accept").stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    List<String> forbid =
        params.strings("forbid").stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    Optional<Long> min = params.number("min");
    Observed<KernelCmdline> booted = facts.get(KernelFacts.BOOTED);
    Observed<PersistentBoot> persistent = facts.get(KernelFacts.PERSISTENT);
    List<Evidence> ev = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    boolean fail = false;
    boolean unseen = false;
    Judgement bootedJ = null;
    if (booted.isSeen()) {
      KernelCmdline c = booted.value();
      for (KernelCmdline.Param p : c.all(param)) {
        if (forbid.contains(value(p))) {
          fail = true;
          ev.add(
              Evidence.of(
                  KernelFacts.PROC_CMDLINE, 1, p.word(), "forbidden value in the running kernel"));
        }
      }
      Optional<KernelCmdline.Param> last = c.last(param);
      bootedJ = judge(last, accept, forbid, min);
      fail |= bootedJ != Judgement.OK;
      parts.add("running kernel: " + describe(param, last, bootedJ));
      ev.add(
          Evidence.of(
              KernelFacts.PROC_CMDLINE,
              1,
              last.map(KernelCmdline.Param::word).orElse("(" + param + " not set)"),
              "booted command line: " + bootedJ.name().toLowerCase(Locale.ROOT)));
    } else {
      unseen = true;
      parts.add("running kernel not seen (" + booted.reason() + ")");
    }
    Judgement persistentJ = null;
    if (persistent.isSeen()) {
      PersistentBoot pb = persistent.value();
      List<String> bad = new ArrayList<>();
      boolean uncertain = false;
      int ok = 0;
      for (BootCmdline b : pb.entries()) {
        for (CmdlinePart part : b.parts()) {
          for (KernelCmdline.Param p : part.cmdline().all(param)) {
            if (forbid.contains(value(p)) && b.decisive()) {
              fail = true;
              ev.add(Evidence.of(part.at(), "forbidden value " + p.word()));
            }
          }
        }
        Optional<KernelCmdline.Param> last = b.effective().last(param);
        Judgement j = judge(last, accept, forbid, min);
        Optional<CmdlinePart> decider = b.decidingPart(param);
        String note = b.label() + ": " + describe(param, last, j);
        if (j == Judgement.MISSING && !b.uncertainties().isEmpty()) {
          note += " (" + String.join("; ", b.uncertainties()) + ")";
        }
        if (decider.isPresent()) {
          CmdlinePart d = decider.get();
          ev.add(Evidence.of(d.at(), note));
          d.overrode()
              .ifPresent(
                  o ->
                      ev.add(
                          Evidence.of(
                              o.at(), "overridden by " + d.at().location() + " (sourced later)")));
        } else {
          if (b.parts().isEmpty()) {
            ev.add(Evidence.note(note));
          }
          for (CmdlinePart part : b.parts()) {
            ev.add(Evidence.of(part.at(), note));
            part.overrode()
                .ifPresent(
                    o ->
                        ev.add(
                            Evidence.of(
                                o.at(),
                                "overridden by " + part.at().location() + " (sourced later)")));
          }
        }
        if (!b.decisive()) {
          continue;
        }
        if (j == Judgement.OK) {
          ok++;
        } else if (j == Judgement.MISSING && !b.uncertainties().isEmpty()) {
          unseen = true;
          uncertain = true;
          bad.add(b.label() + " uncertain: " + String.join("; ", b.uncertainties()));
        } else {
          fail = true;
          bad.add(b.label());
        }
      }
      for (String n : pb.notes()) {
        ev.add(Evidence.note(n));
      }
      int total = pb.decisive().size();
      persistentJ = bad.isEmpty() ? Judgement.OK : uncertain && !fail ? null : Judgement.MISSING;
      parts.add(
          "bootloader ("
              + pb.loader()
              + "): "
              + ok
              + " of "
              + total
              + " command lines set "
              + param
              + " as required"
              + (bad.isEmpty() ? "" : "; not: " + String.join(", ", bad)));
    } else {
      unseen = true;
      parts.add("bootloader configuration not seen (" + persistent.reason() + ")");
    }
    if (bootedJ != null
        && persistentJ != null
        && (bootedJ == Judgement.OK) != (persistentJ == Judgement.OK)) {
      parts.add(
          bootedJ == Judgement.OK
              ? "the next boot loses it (bootloader configuration differs from the running kernel)"
              : "reboot pending: the bootloader sets it but the running kernel was booted without");
    }
    String reason = String.join("; ", parts);
    if (fail) {
      return Verdict.fail(reason, ev);
    }
    if (unseen) {
      return Verdict.unknown(reason, ev);
    }
    return Verdict.pass(reason, ev);
  }

  private static String value(KernelCmdline.Param p) {
    return p.value() == null ? "" : p.value().toLowerCase(Locale.ROOT);
  }

  private static Judgement judge(
      Optional<KernelCmdline.Param> last,
      List<String> accept,
      List<String> forbid,
      Optional<Long> min) {
    if (last.isEmpty()) {
      return Judgement.MISSING;
    }
    String v = value(last.get());
    if (forbid.contains(v)) {
      return Judgement.BAD;
    }
    if (min.isPresent()) {
      try {
        return Long.parseLong(v) >= min.get() ? Judgement.OK : Judgement.BAD;
      } catch (NumberFormatException e) {
        return Judgement.BAD;
      }
    }
    return accept.contains(v) ? Judgement.OK : Judgement.BAD;
  }

  private static String describe(String param, Optional<KernelCmdline.Param> last, Judgement j) {
    switch (j) {
      case OK:
        return last.get().word();
      case BAD:
        return last.get().word() + " (not as required)";
      default:
        return param + " not set";
    }
  }
}
