package io.auditgap.checks.matchers.auditd;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.GatedMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.audit.AuditFacts;
import io.auditgap.facts.audit.AuditRule;
import io.auditgap.facts.audit.AuditStatus;
import io.auditgap.facts.audit.PersistentRules;
import io.auditgap.facts.audit.RuleDrift;
import io.auditgap.facts.audit.RuleError;
import io.auditgap.facts.audit.RuleSet;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code audit.rules-drift}: the rules in the kernel are the rules the loader would load (control
 * lines not compared; keys compared; never/always order compared). See {@link RuleDrift}.
 */
public final class AuditRulesDriftMatcher extends GatedMatcher {
  public static final String NAME = "audit-rules-drift";
  private static final int MAX_RULE_EVIDENCE = 40;

  public AuditRulesDriftMatcher() {
    super(
        NAME,
        needsOf(List.of(AuditFacts.LOADED_RULES, AuditFacts.PERSISTENT_RULES, AuditFacts.STATUS)),
        Gate.auditRules("no rules are loaded"));
  }

  @Override
  protected Verdict judge(CheckParams params, Facts facts) {
    Observed<RuleSet> loaded = facts.get(AuditFacts.LOADED_RULES);
    Observed<PersistentRules> persistent = facts.get(AuditFacts.PERSISTENT_RULES);
    if (!loaded.isSeen() || !persistent.isSeen()) {
      List<String> missing = new ArrayList<>();
      if (!loaded.isSeen()) {
        missing.add("loaded rules not seen (" + loaded.reason() + ")");
      }
      if (!persistent.isSeen()) {
        missing.add("persistent rules not seen (" + persistent.reason() + ")");
      }
      return Verdict.unknown("cannot compare: " + String.join("; ", missing));
    }
    PersistentRules p = persistent.value();
    RuleDrift drift = RuleDrift.compare(loaded.value(), p.rules());
    List<Evidence> evidence = new ArrayList<>();
    int n = 0;
    for (AuditRule r : drift.onlyLoaded()) {
      if (n++ < MAX_RULE_EVIDENCE) {
        evidence.add(
            Evidence.of(r.source(), "loaded in the kernel, not produced by " + p.loader()));
      }
    }
    for (AuditRule r : drift.onlyPersistent()) {
      if (n++ < MAX_RULE_EVIDENCE) {
        evidence.add(
            Evidence.of(r.source(), "would be loaded by " + p.loader() + ", not in the kernel"));
      }
    }
    for (List<AuditRule> pair : drift.reordered()) {
      if (n++ < MAX_RULE_EVIDENCE) {
        evidence.add(
            Evidence.of(
                pair.get(0).source(),
                "comes before '"
                    + pair.get(1).source().text().strip()
                    + "' on disk but after it in the kernel (first match wins)"));
      }
    }
    if (n > MAX_RULE_EVIDENCE) {
      evidence.add(Evidence.note((n - MAX_RULE_EVIDENCE) + " more differences not listed"));
    }
    for (RuleError e : p.rules().errors()) {
      evidence.add(Evidence.of(e.source(), "fails to load: " + e.message()));
    }
    p.rules()
        .abortedAt()
        .ifPresent(
            e ->
                evidence.add(
                    Evidence.note(
                        "the load stops at "
                            + e.source().location()
                            + "; "
                            + p.rules().skipped().size()
                            + " later lines are never loaded")));
    for (String f : p.ignoredFiles()) {
      evidence.add(Evidence.note("rules.d entry ignored by augenrules (not *.rules): " + f));
    }
    if (drift.none()) {
      return Verdict.pass(
          "the "
              + loaded.value().rules().size()
              + " loaded rules match what "
              + p.loader()
              + " would load",
          evidence);
    }
    Observed<AuditStatus> status = facts.get(AuditFacts.STATUS);
    String pending =
        status.isSeen()
                && status.value().enabled().isPresent()
                && status.value().enabled().getAsLong() == 2
            ? "; the rules are locked (enabled 2), so only a reboot applies the persistent rules"
            : "";
    return Verdict.fail(
        drift.onlyLoaded().size()
            + " rules only in the kernel, "
            + drift.onlyPersistent().size()
            + " only in the persistent rules ("
            + p.loader()
            + "), "
            + drift.reordered().size()
            + " never/always order differences"
            + pending,
        evidence);
  }
}
