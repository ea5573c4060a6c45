package io.auditgap.checks.matchers.retention;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.CommonParams;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.retention.JournaldConfig;
import io.auditgap.facts.retention.RetentionFacts;
import java.util.HashSet;

/**
 * The journal survives reboots (Storage=persistent, or auto with /var/log/journal) and its limits
 * (MaxRetentionSec, SystemMaxUse against the observed rate) keep the target number of days.
 */
public final class JournalRetentionMatcher extends DeclaredMatcher {
  public JournalRetentionMatcher() {
    super("journal-retention", CommonParams.RETENTION, new HashSet<>(JournalEstimate.needs()));
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    RetentionTarget target = RetentionTarget.of(params);
    Observed<JournaldConfig> conf = facts.get(RetentionFacts.JOURNALD);
    if (!conf.isSeen()) {
      return Verdict.unknown(conf.reason());
    }
    long now = facts.get(RetentionFacts.NOW).value();
    JournalEstimate j =
        JournalEstimate.of(
            conf.value(),
            facts.get(RetentionFacts.JOURNAL),
            facts.get(RetentionFacts.FILESYSTEMS),
            now);
    if (j.persistent() == null) {
      return Verdict.unknown("journal persistence unknown: " + j.why(), j.evidence());
    }
    if (!j.persistent()) {
      return Verdict.fail(j.why(), j.evidence());
    }
    if (j.days().isPresent()) {
      return target.judge("persistent journal", j.days().getAsDouble(), j.why(), j.evidence());
    }
    return target.unknownDays("persistent journal", j.why(), j.evidence());
  }
}
