package io.auditgap.checks.matchers.auditd;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.CommonParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.Fold;
import io.auditgap.checks.matchers.GatedMatcher;
import io.auditgap.checks.matchers.UidMin;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.audit.AuditFacts;
import io.auditgap.facts.audit.AuditRule;
import io.auditgap.facts.audit.ExecveCoverage;
import io.auditgap.facts.audit.Machine;
import io.auditgap.facts.audit.PersistentRules;
import io.auditgap.facts.audit.RuleSet;
import io.auditgap.facts.pam.PamFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code audit.execve}: every interactive user's command execution is audited, in the kernel
 * ({@code auditctl -l}) and in the rules loaded at boot, each judged on its own. Parameter {@code
 * uid_min} (default 1000) is UID_MIN from login.defs.
 *
 * <p>Pass needs both sources seen and covering; a gap in either seen source fails; otherwise the
 * verdict is unknown, naming the source that was not seen.
 *
 * <p>When auditctl is missing the verdict is fail naming its root cause, the check {@code
 * auditd.installed}, rather than unknown.
 */
public final class AuditExecveMatcher extends GatedMatcher {
  public static final String NAME = "audit-execve";

  public AuditExecveMatcher() {
    super(
        NAME,
        List.of(CommonParams.UID_MIN),
        needsOf(List.of(AuditFacts.LOADED_RULES, AuditFacts.PERSISTENT_RULES, PamFacts.UID_MIN)),
        Gate.auditRules("command execution is not audited"));
  }

  @Override
  protected Verdict judge(CheckParams params, Facts facts) {
    Observed<Machine> machine = facts.get(AuditFacts.MACHINE);
    if (!machine.isSeen()) {
      return Verdict.unknown(machine.reason());
    }
    long uidMin = UidMin.of(params, facts).value();
    Observed<RuleSet> loaded = facts.get(AuditFacts.LOADED_RULES);
    Observed<PersistentRules> persistent = facts.get(AuditFacts.PERSISTENT_RULES);
    List<Evidence> evidence = new ArrayList<>();
    Fold fold = new Fold(evidence);
    if (loaded.isSeen()) {
      ExecveCoverage.Result r = ExecveCoverage.evaluate(loaded.value(), machine.value(), uidMin);
      fold.seen("loaded rules: " + r.summary(), r.covered());
      addEvidence(evidence, r, "loaded");
    } else {
      fold.unseen("loaded rules: not seen (" + loaded.reason() + ")");
    }
    if (persistent.isSeen()) {
      PersistentRules p = persistent.value();
      ExecveCoverage.Result r = ExecveCoverage.evaluate(p.rules(), machine.value(), uidMin);
      fold.seen("persistent rules (" + p.loader() + "): " + r.summary(), r.covered());
      addEvidence(evidence, r, "persistent");
      if (!r.covered()) {
        explainPersistentGap(evidence, p, machine.value(), uidMin);
      }
    } else {
      fold.unseen("persistent rules: not seen (" + persistent.reason() + ")");
    }
    return fold.verdict();
  }

  private static void addEvidence(List<Evidence> out, ExecveCoverage.Result r, String which) {
    for (ExecveCoverage.ArchResult a : r.arches()) {
      String arch = a.arch().id();
      if (a.neutraliser().isPresent()) {
        out.add(
            Evidence.of(
                a.neutraliser().get().source(),
                which
                    + " "
                    + arch
                    + ": this never rule matches first and suppresses execve"
                    + " auditing"));
        a.covering()
            .ifPresent(
                c -> out.add(Evidence.of(c.source(), which + " " + arch + ": neutralised rule")));
      } else if (a.covering().isPresent()) {
        out.add(Evidence.of(a.covering().get().source(), which + " " + arch + ": covers execve"));
      } else {
        out.add(
            Evidence.note(
                which + " " + arch + ": no always,exit rule on execve for all interactive users"));
      }
      for (AuditRule n : a.narrowNevers()) {
        out.add(
            Evidence.of(n.source(), which + " " + arch + ": never rule exempts part of the scope"));
      }
    }
  }

  private static void explainPersistentGap(
      List<Evidence> out, PersistentRules p, Machine machine, long uidMin) {
    RuleSet rules = p.rules();
    rules
        .abortedAt()
        .ifPresent(
            e ->
                out.add(
                    Evidence.of(
                        e.source(),
                        "load stops here ("
                            + e.message()
                            + "): "
                            + rules.skipped().size()
                            + " later lines are never loaded")));
    if (!p.ignoredRules().isEmpty()) {
      RuleSet ignored = RuleSet.load(new ArrayList<>(p.ignoredRules()));
      ExecveCoverage.Result r = ExecveCoverage.evaluate(ignored, machine, uidMin);
      for (ExecveCoverage.ArchResult a : r.arches()) {
        a.covering()
            .ifPresent(
                c ->
                    out.add(
                        Evidence.of(
                            c.source(),
                            "ignored by augenrules (file name does not end in .rules):"
                                + " this rule is never loaded")));
      }
    }
    for (String f : p.ignoredFiles()) {
      out.add(Evidence.note("rules.d entry ignored by augenrules (not *.rules): " + f));
    }
  }
}
