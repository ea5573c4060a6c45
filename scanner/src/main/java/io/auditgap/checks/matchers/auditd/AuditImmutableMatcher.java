package io.auditgap.checks.matchers.auditd;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.Fold;
import io.auditgap.checks.matchers.GatedMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.audit.AuditFacts;
import io.auditgap.facts.audit.AuditStatus;
import io.auditgap.facts.audit.ControlDirective;
import io.auditgap.facts.audit.PersistentRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code audit.immutable}: the audit configuration is immutable. The last {@code -e} the boot load
 * processes is {@code -e 2} (augenrules keeps only the last one and puts it at the end, so an
 * earlier load error means it never runs) and the kernel reports {@code enabled 2}.
 */
public final class AuditImmutableMatcher extends GatedMatcher {
  public static final String NAME = "audit-immutable";

  public AuditImmutableMatcher() {
    super(
        NAME,
        needsOf(List.of(AuditFacts.STATUS, AuditFacts.PERSISTENT_RULES)),
        Gate.auditd(
            "audit configuration belongs to the host kernel",
            "there is no audit configuration to lock"));
  }

  @Override
  protected Verdict judge(CheckParams params, Facts facts) {
    Observed<PersistentRules> persistent = facts.get(AuditFacts.PERSISTENT_RULES);
    Observed<AuditStatus> status = facts.get(AuditFacts.STATUS);
    List<Evidence> evidence = new ArrayList<>();
    Fold fold = new Fold(evidence);
    if (persistent.isSeen()) {
      PersistentRules p = persistent.value();
      Optional<ControlDirective> e = p.rules().lastEnabled();
      boolean locked = e.isPresent() && e.get().argument().equals("2");
      if (e.isPresent()) {
        ControlDirective d = e.get();
        fold.seen(
            "persistent rules (" + p.loader() + ") end with " + d.source().text().strip(), locked);
        evidence.add(
            Evidence.of(
                d.source().file(),
                d.source().line(),
                d.source().text().strip(),
                "the last -e processed by the boot load"));
      } else {
        fold.seen("persistent rules (" + p.loader() + ") set no -e that is processed", locked);
      }
      p.rules()
          .abortedAt()
          .ifPresent(
              err ->
                  evidence.add(
                      Evidence.of(
                          err.source().file(),
                          err.source().line(),
                          err.source().text().strip(),
                          "the load stops at this line ("
                              + err.message()
                              + "), before any later -e")));
    } else {
      fold.unseen("persistent rules not seen (" + persistent.reason() + ")");
    }
    if (status.isSeen()) {
      OptionalLong enabled = status.value().enabled();
      String shown = enabled.isPresent() ? String.valueOf(enabled.getAsLong()) : "missing";
      fold.seen("kernel reports enabled " + shown, enabled.isPresent() && enabled.getAsLong() == 2);
      evidence.add(Evidence.of("auditctl -s", 0, "enabled " + shown, "the running state"));
    } else {
      fold.unseen("kernel status not seen (" + status.reason() + ")");
    }
    return fold.verdict();
  }
}
