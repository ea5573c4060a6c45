package io.auditgap.checks.matchers.auditrules;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.CommonParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.ParamType;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.Fold;
import io.auditgap.checks.matchers.GatedMatcher;
import io.auditgap.checks.matchers.UidMin;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.audit.AuditFacts;
import io.auditgap.facts.audit.AuditRule;
import io.auditgap.facts.audit.Machine;
import io.auditgap.facts.audit.PersistentRules;
import io.auditgap.facts.audit.RuleCoverage;
import io.auditgap.facts.audit.RuleRequirement;
import io.auditgap.facts.audit.RuleSet;
import io.auditgap.facts.audit.Suppression;
import io.auditgap.facts.pam.PamFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Data-driven rule coverage (the {@code audit.rules-*} checks of {@code checks/audit-rules.yaml}):
 * the check's {@code requirements:} say what must be recorded, {@link RuleCoverage} decides
 * semantically which rule covers each part, for the loaded rules and the persistent rules
 * separately. Pass needs both seen and covering; a gap in either seen source fails; otherwise
 * unknown naming the unseen one. A narrower rule (e.g. {@code -p w} for a {@code wa} watch) fails
 * with that rule as evidence.
 */
public final class AuditRuleCoverageMatcher extends GatedMatcher {
  public static final String NAME = "audit-rule-coverage";

  public AuditRuleCoverageMatcher() {
    super(
        NAME,
        List.of(
            ParamSpec.of("requirements", ParamType.MAPPING_LIST)
                .checkedBy(v -> Optional.ofNullable(Requirements.parse(v, 1000).error())),
            CommonParams.UID_MIN),
        needsOf(List.of(AuditFacts.LOADED_RULES, AuditFacts.PERSISTENT_RULES, PamFacts.UID_MIN)),
        Gate.audit("these events are not audited"));
  }

  @Override
  protected Verdict judge(CheckParams params, Facts facts) {
    long uidMin = UidMin.of(params, facts).value();
    Requirements.Result req = Requirements.parse(params.values().get("requirements"), uidMin);
    if (req.error() != null) {
      return Verdict.unknown("check misconfigured: " + req.error());
    }
    Observed<Machine> machine = facts.get(AuditFacts.MACHINE);
    if (!machine.isSeen()) {
      return Verdict.unknown(machine.reason());
    }
    Observed<RuleSet> loaded = facts.get(AuditFacts.LOADED_RULES);
    Observed<PersistentRules> persistent = facts.get(AuditFacts.PERSISTENT_RULES);
    List<Evidence> ev = new ArrayList<>();
    Fold fold = new Fold(ev);
    if (loaded.isSeen()) {
      judge("loaded", loaded.value(), machine.value(), req.requirements(), uidMin, ev, fold);
    } else {
      fold.unseen("loaded rules: not seen (" + loaded.reason() + ")");
    }
    if (persistent.isSeen()) {
      PersistentRules p = persistent.value();
      boolean gap =
          judge(
              "persistent (" + p.loader() + ")",
              p.rules(),
              machine.value(),
              req.requirements(),
              uidMin,
              ev,
              fold);
      if (gap) {
        p.rules()
            .abortedAt()
            .ifPresent(
                e ->
                    ev.add(
                        Evidence.of(
                            e.source(),
                            "the load stops here ("
                                + e.message()
                                + "): "
                                + p.rules().skipped().size()
                                + " later lines are never loaded")));
        for (String f : p.ignoredFiles()) {
          ev.add(Evidence.note("rules.d entry ignored by augenrules (not *.rules): " + f));
        }
      }
    } else {
      fold.unseen("persistent rules: not seen (" + persistent.reason() + ")");
    }
    return fold.verdict();
  }

  /** Evaluates every requirement on one rule set; true when something is not covered. */
  private static boolean judge(
      String which,
      RuleSet rules,
      Machine machine,
      List<RuleRequirement> requirements,
      long uidMin,
      List<Evidence> ev,
      Fold fold) {
    Suppression suppression = Suppression.analyse(rules, uidMin);
    int covered = 0;
    List<String> gaps = new ArrayList<>();
    for (RuleRequirement q : requirements) {
      for (RuleCoverage.Atom a : RuleCoverage.evaluate(rules, machine, q, suppression)) {
        String label = which + " " + a.label();
        switch (a.outcome()) {
          case COVERED:
            covered++;
            for (AuditRule r : a.covering()) {
              ev.add(Evidence.of(r.source(), label + ": covered"));
            }
            break;
          case NOT_APPLICABLE:
            ev.add(Evidence.note(label + ": " + a.neutraliserWhy()));
            break;
          case PARTIAL:
            gaps.add(a.label() + " only partly (" + a.partialWhy() + ")");
            ev.add(
                Evidence.of(a.partial().get().source(), label + ": narrower, " + a.partialWhy()));
            break;
          case NEUTRALISED:
            gaps.add(a.label() + " neutralised");
            ev.add(Evidence.of(a.neutraliser().get().source(), label + ": " + a.neutraliserWhy()));
            for (AuditRule r : a.covering()) {
              ev.add(Evidence.of(r.source(), label + ": neutralised rule"));
            }
            break;
          default:
            gaps.add(a.label() + " missing");
            ev.add(Evidence.note(label + ": no rule covers it"));
        }
        for (AuditRule n : a.narrowNevers()) {
          ev.add(Evidence.of(n.source(), label + ": never rule exempts part of it"));
        }
      }
    }
    fold.seen(
        which
            + " rules: "
            + (gaps.isEmpty()
                ? "all " + covered + " covered"
                : covered + " covered, not: " + String.join(", ", gaps)),
        gaps.isEmpty());
    return !gaps.isEmpty();
  }
}
