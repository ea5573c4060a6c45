package io.auditgap.checks.matchers.auditsubsystem;

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
import io.auditgap.facts.audit.PersistentRules;
import io.auditgap.facts.audit.RuleSet;
import io.auditgap.facts.audit.Suppression;
import io.auditgap.facts.pam.PamFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code audit.no-suppression}: no rule silently suppresses session auditing (see {@link
 * Suppression}), in the kernel and in the rules loaded at boot, each judged on its own. Narrow
 * never rules are listed as evidence without failing.
 */
public final class AuditSuppressionMatcher extends GatedMatcher {
  public static final String NAME = "audit-no-suppression";

  public AuditSuppressionMatcher() {
    super(
        NAME,
        List.of(CommonParams.UID_MIN),
        needsOf(List.of(AuditFacts.LOADED_RULES, AuditFacts.PERSISTENT_RULES, PamFacts.UID_MIN)),
        Gate.audit("nothing is audited"));
  }

  @Override
  protected Verdict judge(CheckParams params, Facts facts) {
    long uidMin = UidMin.of(params, facts).value();
    Observed<RuleSet> loaded = facts.get(AuditFacts.LOADED_RULES);
    Observed<PersistentRules> persistent = facts.get(AuditFacts.PERSISTENT_RULES);
    List<Evidence> ev = new ArrayList<>();
    Fold fold = new Fold(ev);
    if (loaded.isSeen()) {
      judge("loaded rules", Suppression.analyse(loaded.value(), uidMin), ev, fold);
    } else {
      fold.unseen("loaded rules not seen (" + loaded.reason() + ")");
    }
    if (persistent.isSeen()) {
      PersistentRules p = persistent.value();
      judge(
          "persistent rules (" + p.loader() + ")",
          Suppression.analyse(p.rules(), uidMin),
          ev,
          fold);
    } else {
      fold.unseen("persistent rules not seen (" + persistent.reason() + ")");
    }
    return fold.verdict();
  }

  private static void judge(String which, Suppression s, List<Evidence> ev, Fold fold) {
    for (Suppression.Finding f : s.findings()) {
      ev.add(Evidence.of(f.source(), which + ": " + f.why()));
    }
    int bad = s.suppressing().size();
    int narrow = s.narrow().size();
    fold.seen(
        which
            + ": "
            + (bad == 0 ? "nothing suppresses session auditing" : bad + " suppressing rules")
            + (narrow == 0 ? "" : ", " + narrow + " narrow never/exclude rules noted"),
        bad == 0);
  }
}
