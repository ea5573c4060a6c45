package io.auditgap.checks.matchers.session;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.matchers.UidMin;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.pam.LocalAccounts;
import io.auditgap.facts.pam.LocalUser;
import io.auditgap.facts.pam.PamFacts;
import io.auditgap.facts.pam.TargetUsers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The users whose SSH sessions must be captured: the scan's {@code tty_audit_users} when given,
 * otherwise every interactive account (uid ≥ UID_MIN — the scan's {@code uid_min}, else
 * /etc/login.defs, else 1000 — with a login shell listed in /etc/shells or a tlog recording shell).
 * A host with no such account falls back to root, the one account left to log in with.
 */
final class SessionUsers {
  static final String PARAM_USERS = "tty_audit_users";

  private SessionUsers() {}

  static Set<CollectionItem> needs() {
    Set<CollectionItem> n = new HashSet<>();
    n.addAll(PamFacts.USERS.needs());
    n.addAll(PamFacts.SHELL_LIST.needs());
    n.addAll(PamFacts.UID_MIN.needs());
    return n;
  }

  /** The users a session check judged, and why those: evidence for every verdict on them. */
  static Evidence evidence(TargetUsers users) {
    return Evidence.note(
        "target users: " + users.basis() + ": " + String.join(", ", users.names()));
  }

  static Observed<TargetUsers> of(CheckParams params, Facts facts) {
    List<String> given = params.strings(PARAM_USERS);
    if (!given.isEmpty()) {
      return Observed.seen(new TargetUsers(given, "tty_audit_users from the scan settings"));
    }
    Observed<List<LocalUser>> users = facts.get(PamFacts.USERS);
    if (!users.isSeen()) {
      return Observed.unseen(users.reason());
    }
    Observed<Set<String>> shells = facts.get(PamFacts.SHELL_LIST);
    if (!shells.isSeen()) {
      return Observed.unseen(shells.reason());
    }
    UidMin min = UidMin.of(params, facts);
    long uidMin = min.value();
    String uidSource = min.source();
    List<String> names = new ArrayList<>();
    for (LocalUser u : users.value()) {
      if (u.uid() >= uidMin
          && interactive(u.shell(), shells.value())
          && !names.contains(u.name())) {
        names.add(u.name());
      }
    }
    String basis = "interactive users (uid ≥ " + uidMin + " from " + uidSource + ", login shell)";
    if (names.isEmpty()) {
      for (LocalUser u : users.value()) {
        if (u.uid() == 0 && interactive(u.shell(), shells.value())) {
          return Observed.seen(
              new TargetUsers(List.of(u.name()), "root: no interactive user with uid ≥ " + uidMin));
        }
      }
    }
    return Observed.seen(new TargetUsers(names, basis));
  }

  static boolean interactive(String shell, Set<String> shells) {
    if (LocalAccounts.refusesLogin(shell)) {
      return false;
    }
    return shells.contains(shell) || TlogShells.isRecordingShell(shell);
  }
}
