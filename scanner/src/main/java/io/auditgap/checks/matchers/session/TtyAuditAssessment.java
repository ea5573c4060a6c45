package io.auditgap.checks.matchers.session;

import io.auditgap.checks.Evidence;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Observed;
import io.auditgap.facts.pam.PamConfigSource;
import io.auditgap.facts.pam.PamFile;
import io.auditgap.facts.pam.PamFileParser;
import io.auditgap.facts.pam.PamRule;
import io.auditgap.facts.pam.PamStack;
import io.auditgap.facts.pam.Reach;
import io.auditgap.facts.pam.StackEntry;
import io.auditgap.facts.pam.TtyAuditArgs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the pam_tty_audit lines of sshd's session stack do for each target user. Each line that runs
 * and whose arguments match the user sets the TTY-audit flag; the last one wins, so a later {@code
 * disable=} undoes an earlier {@code enable=}. A line that a jump or early exit may skip proves
 * nothing.
 */
final class TtyAuditAssessment {
  static final String MODULE = "pam_tty_audit.so";

  /** The outcome for one user. */
  record UserResult(String user, boolean enabled, String why) {}

  record Result(List<UserResult> users, List<StackEntry> lines, List<Evidence> evidence) {
    List<UserResult> notEnabled() {
      return users.stream().filter(u -> !u.enabled()).toList();
    }
  }

  private TtyAuditAssessment() {}

  static Result assess(
      PamStack stack, Observed<Set<String>> moduleFiles, List<String> users, HostSnapshot snap) {
    List<StackEntry> lines = stack.module(MODULE);
    List<Evidence> ev = new ArrayList<>();
    boolean moduleMissing =
        moduleFiles.isSeen()
            && moduleFiles.value().stream().noneMatch(p -> p.endsWith("/" + MODULE));
    for (StackEntry e : lines) {
      ev.add(Evidence.of(e.rule().at().file(), e.rule().at().line(), e.chain(), describe(e)));
    }
    if (moduleMissing && !lines.isEmpty()) {
      ev.add(
          Evidence.of("pam modules", 0, "(no " + MODULE + ")", "the module file is not installed"));
    }
    if (lines.isEmpty()) {
      Set<String> read = new java.util.LinkedHashSet<>();
      read.add(stack.serviceFile());
      stack.entries().forEach(e -> read.add(e.rule().at().file()));
      ev.add(
          Evidence.of(
              stack.serviceFile(),
              0,
              String.join(" → ", read),
              "files of sshd's session stack: none loads " + MODULE));
    }
    ev.addAll(outsideStack(stack, snap));
    for (String p : stack.problems()) {
      ev.add(Evidence.note(p));
    }
    List<UserResult> results = new ArrayList<>();
    for (String u : users) {
      results.add(forUser(u, lines, moduleMissing));
    }
    return new Result(results, lines, ev);
  }

  private static UserResult forUser(String user, List<StackEntry> lines, boolean moduleMissing) {
    if (lines.isEmpty()) {
      return new UserResult(user, false, "no pam_tty_audit line in sshd's session stack");
    }
    if (moduleMissing) {
      return new UserResult(user, false, MODULE + " is not installed, so no line can load it");
    }
    TtyAuditArgs.Command state = TtyAuditArgs.Command.NONE;
    boolean certain = true;
    StackEntry decided = null;
    String decidingArg = "";
    for (StackEntry e : lines) {
      if (e.reach() == Reach.SKIPPED) {
        continue;
      }
      TtyAuditArgs.Decision d = TtyAuditArgs.parse(e.rule().args()).decide(user);
      if (d.command() == TtyAuditArgs.Command.NONE) {
        continue;
      }
      if (e.reach() == Reach.ALWAYS) {
        certain = true;
      } else if (d.command() != state) {
        certain = false;
      }
      state = d.command();
      decided = e;
      decidingArg = d.decidedBy().raw();
    }
    if (decided == null) {
      boolean anySkipped = lines.stream().allMatch(e -> e.reach() == Reach.SKIPPED);
      return new UserResult(
          user,
          false,
          anySkipped
              ? "every pam_tty_audit line is jumped over (" + lines.get(0).reachNote() + ")"
              : "no enable=/disable= pattern matches '" + user + "' (sessions stay unaudited)");
    }
    String at = decided.rule().at().location();
    if (!certain) {
      return new UserResult(
          user, false, decidingArg + " at " + at + " may be skipped by " + decided.reachNote());
    }
    if (state == TtyAuditArgs.Command.DISABLE) {
      return new UserResult(user, false, "disabled by " + decidingArg + " at " + at);
    }
    return new UserResult(user, true, "enabled by " + decidingArg + " at " + at);
  }

  private static String describe(StackEntry e) {
    PamRule r = e.rule();
    TtyAuditArgs a = TtyAuditArgs.parse(r.args());
    List<String> notes = new ArrayList<>();
    notes.add(
        switch (e.reach()) {
          case ALWAYS -> "runs for every sshd session";
          case MAYBE_SKIPPED -> "may be skipped by " + e.reachNote();
          case SKIPPED -> "always jumped over by " + e.reachNote();
        });
    if (!r.bracket() && r.control().equals("optional")) {
      notes.add("optional: a failure to set the flag does not stop the login");
    }
    if (r.dashed()) {
      notes.add("'-' prefix: skipped silently when the module file is missing");
    }
    if (!a.unknown().isEmpty()) {
      notes.add("ignored by the module (unknown option): " + String.join(" ", a.unknown()));
    }
    if (a.logPasswd()) {
      notes.add("log_passwd: passwords typed with echo off are recorded too");
    }
    return String.join("; ", notes);
  }

  /**
   * pam_tty_audit lines in /etc/pam.d files the sshd stack never reads — the classic mistake is
   * RHEL's system-auth, which sshd does not include (it includes password-auth).
   */
  private static List<Evidence> outsideStack(PamStack stack, HostSnapshot snap) {
    Set<String> used = new HashSet<>();
    for (StackEntry e : stack.entries()) {
      used.add(e.rule().at().file());
    }
    List<Evidence> out = new ArrayList<>();
    for (SnapshotItem f : snap.filesIn(PamConfigSource.ETC)) {
      if (used.contains(f.name()) || !f.isComplete() || !f.text().contains(MODULE)) {
        continue;
      }
      PamFile parsed = PamFileParser.parse(f.name(), f.text());
      for (PamRule r : parsed.rules()) {
        if (r.isModule(MODULE) && r.type().equals("session")) {
          out.add(Evidence.of(r.at(), "not part of sshd's session stack: has no effect on SSH"));
        }
      }
    }
    return out;
  }
}
