package io.auditgap.checks.matchers.auditsubsystem;

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
import io.auditgap.facts.audit.ControlKind;
import io.auditgap.facts.audit.PersistentRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code audit.loginuid-immutable}: login uids cannot be changed once set, so a root shell cannot
 * re-attribute itself: {@code --loginuid-immutable} is processed by the boot load (auditctl -l does
 * not list control options, so the persistent rules are the only place to see it) and the kernel
 * reports {@code loginuid_immutable 1 locked}.
 */
public final class AuditLoginuidMatcher extends GatedMatcher {
  public static final String NAME = "audit-loginuid-immutable";

  public AuditLoginuidMatcher() {
    super(
        NAME,
        needsOf(List.of(AuditFacts.PERSISTENT_RULES, AuditFacts.STATUS)),
        Gate.audit("login uids are not protected"));
  }

  @Override
  protected Verdict judge(CheckParams params, Facts facts) {
    Observed<PersistentRules> persistent = facts.get(AuditFacts.PERSISTENT_RULES);
    Observed<AuditStatus> status = facts.get(AuditFacts.STATUS);
    List<Evidence> ev = new ArrayList<>();
    Fold fold = new Fold(ev);
    if (persistent.isSeen()) {
      PersistentRules p = persistent.value();
      Optional<ControlDirective> d =
          p.rules().controls().stream()
              .filter(c -> c.kind() == ControlKind.LOGINUID_IMMUTABLE)
              .findFirst();
      if (d.isPresent()) {
        fold.seen("persistent rules (" + p.loader() + ") set --loginuid-immutable", true);
        ev.add(Evidence.of(d.get().source(), "processed by the boot load"));
      } else {
        fold.seen("persistent rules (" + p.loader() + ") do not set --loginuid-immutable", false);
        p.rules()
            .abortedAt()
            .ifPresent(
                e -> ev.add(Evidence.of(e.source(), "the load stops here, before any later line")));
      }
    } else {
      fold.unseen("persistent rules not seen (" + persistent.reason() + ")");
    }
    if (status.isSeen()) {
      String v = status.value().values().get("loginuid_immutable");
      if (v == null) {
        fold.unseen("auditctl -s does not report loginuid_immutable (audit userspace too old)");
      } else {
        boolean locked = status.value().loginuidLocked();
        fold.seen("kernel reports loginuid_immutable " + v, locked);
        ev.add(
            Evidence.of(
                "auditctl -s",
                0,
                "loginuid_immutable " + v,
                locked ? "login uids are locked" : "login uids can still be changed"));
      }
    } else {
      fold.unseen("kernel status not seen (" + status.reason() + ")");
    }
    return fold.verdict();
  }
}
