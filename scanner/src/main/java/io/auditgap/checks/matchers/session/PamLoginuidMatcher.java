package io.auditgap.checks.matchers.session;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.checks.matchers.Preconditions;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.pam.PamFacts;
import io.auditgap.facts.pam.PamStack;
import io.auditgap.facts.pam.Reach;
import io.auditgap.facts.pam.StackEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code pam.loginuid}: sshd uses PAM and its session stack runs pam_loginuid as {@code required}
 * (or {@code requisite}), so every process of an SSH session carries the user's auid. Without it,
 * rules filtered on {@code auid>=1000 auid!=unset} silently skip SSH users.
 */
public final class PamLoginuidMatcher extends DeclaredMatcher {
  static final String MODULE = "pam_loginuid.so";
  static final String UNSET = "4294967295";

  public PamLoginuidMatcher() {
    super(
        "pam-loginuid",
        needsOf(
            List.of(PamFacts.MODULE_FILES),
            Set.of(PamFacts.SELF_LOGINUID),
            Preconditions.sessionStackNeeds()));
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    List<Evidence> ev = new ArrayList<>();
    // In a container whose sessions do get a loginuid (systemd-nspawn), pam_loginuid works and is
    // judged like on any host; only where the kernel gives none is it the container host's matter.
    Optional<Evidence> seen = runtime(facts);
    boolean loginuidWorks =
        seen.isPresent() && !seen.get().text().isEmpty() && !seen.get().text().equals(UNSET);
    Preconditions.SessionStart start = Preconditions.sshdSessionStack(facts, ev, !loginuidWorks);
    if (start.stop() != null) {
      return start.stop();
    }
    PamStack stack = start.stack();
    seen.ifPresent(ev::add);
    List<StackEntry> lines = stack.module(MODULE);
    for (String p : stack.problems()) {
      ev.add(Evidence.note(p));
    }
    if (lines.isEmpty()) {
      return Verdict.fail(
          "no pam_loginuid line in sshd's session stack ("
              + stack.serviceFile()
              + "): SSH sessions get no auid",
          ev);
    }
    Observed<Set<String>> files = facts.get(PamFacts.MODULE_FILES);
    boolean missing =
        files.isSeen() && files.value().stream().noneMatch(p -> p.endsWith("/" + MODULE));
    StackEntry best = null;
    for (StackEntry e : lines) {
      ev.add(Evidence.of(e.rule().at().file(), e.rule().at().line(), e.chain(), describe(e)));
      if (best == null && e.reach() == Reach.ALWAYS && strict(e)) {
        best = e;
      }
    }
    if (missing) {
      ev.add(Evidence.of("pam modules", 0, "(no " + MODULE + ")", "module file not installed"));
      return Verdict.fail(MODULE + " is referenced but not installed on the host", ev);
    }
    if (best != null) {
      return Verdict.pass(
          "sshd uses PAM and "
              + best.rule().at().location()
              + " runs pam_loginuid as "
              + best.rule().control(),
          ev);
    }
    StackEntry first = lines.get(0);
    if (first.reach() != Reach.ALWAYS) {
      return Verdict.fail(
          "pam_loginuid at "
              + first.rule().at().location()
              + " may be skipped by "
              + first.reachNote(),
          ev);
    }
    return Verdict.fail(
        "pam_loginuid at "
            + first.rule().at().location()
            + " is '"
            + first.rule().control()
            + "', not required: a failure to set the loginuid lets the session start without auid",
        ev);
  }

  private static boolean strict(StackEntry e) {
    return !e.rule().bracket()
        && (e.rule().control().equals("required") || e.rule().control().equals("requisite"));
  }

  private static String describe(StackEntry e) {
    String s =
        e.reach() == Reach.ALWAYS
            ? "runs for every sshd session"
            : "may be skipped by " + e.reachNote();
    return e.rule().dashed() ? s + "; '-' prefix: skipped silently if the module is missing" : s;
  }

  /** The scanner's own session as a runtime cross-check; informative, never decisive. */
  private static Optional<Evidence> runtime(Facts facts) {
    Optional<SnapshotItem> f = facts.snapshot().file("/proc/self/loginuid");
    if (f.isEmpty() || !f.get().isComplete()) {
      return Optional.empty();
    }
    String v = f.get().text().strip();
    return Optional.of(
        Evidence.of(
            "/proc/self/loginuid",
            0,
            v,
            v.equals(UNSET)
                ? "the scanner's own session has no loginuid (expected if not scanned over SSH)"
                : "the scanner's own session carries loginuid " + v));
  }
}
