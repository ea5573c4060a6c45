package io.auditgap.checks.matchers.session;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.CommonParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.checks.matchers.Preconditions;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.pam.PamFacts;
import io.auditgap.facts.pam.PamStack;
import io.auditgap.facts.pam.TargetUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code pam.tty-audit}: pam_tty_audit enables TTY auditing for the SSH sessions of every target
 * user, evaluated through the files sshd really reads, line reachability and the module's own
 * argument semantics.
 */
public final class PamTtyAuditMatcher extends DeclaredMatcher {

  public PamTtyAuditMatcher() {
    super(
        "pam-tty-audit",
        CommonParams.SESSION_USERS,
        needsOf(
            List.of(PamFacts.MODULE_FILES),
            SessionUsers.needs(),
            Preconditions.sessionStackNeeds()));
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    List<Evidence> ev = new ArrayList<>();
    Preconditions.SessionStart start = Preconditions.sshdSessionStack(facts, ev);
    if (start.stop() != null) {
      return start.stop();
    }
    PamStack stack = start.stack();
    Observed<TargetUsers> users = SessionUsers.of(params, facts);
    if (!users.isSeen()) {
      return Verdict.unknown("the target users could not be listed: " + users.reason(), ev);
    }
    if (users.value().names().isEmpty()) {
      return Verdict.notApplicable("no account can log in interactively", ev);
    }
    TtyAuditAssessment.Result r =
        TtyAuditAssessment.assess(
            stack, facts.get(PamFacts.MODULE_FILES), users.value().names(), facts.snapshot());
    ev.addAll(r.evidence());
    ev.add(SessionUsers.evidence(users.value()));
    List<TtyAuditAssessment.UserResult> gaps = r.notEnabled();
    if (gaps.isEmpty()) {
      return Verdict.pass(
          "TTY auditing is enabled for the SSH sessions of "
              + users.value().names().size()
              + " target user(s): "
              + r.users().get(0).why(),
          ev);
    }
    String byReason =
        gaps.stream()
            .collect(
                Collectors.groupingBy(
                    TtyAuditAssessment.UserResult::why,
                    java.util.LinkedHashMap::new,
                    Collectors.mapping(TtyAuditAssessment.UserResult::user, Collectors.toList())))
            .entrySet()
            .stream()
            .map(e -> e.getKey() + " [" + String.join(", ", e.getValue()) + "]")
            .collect(Collectors.joining("; "));
    return Verdict.fail(
        "SSH sessions of "
            + gaps.size()
            + " of "
            + r.users().size()
            + " target user(s) are not TTY-audited: "
            + byReason,
        ev);
  }
}
