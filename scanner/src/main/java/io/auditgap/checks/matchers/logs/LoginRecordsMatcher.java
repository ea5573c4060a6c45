package io.auditgap.checks.matchers.logs;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.logging.LogFileStats;
import io.auditgap.facts.logging.LogsFacts;
import io.auditgap.facts.system.FileStat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code logs.login-records}: the login records {@code last}, {@code lastb} and {@code lastlog}
 * read exist, are owned root:utmp and are no more open than the distributions create them (Debian
 * 12 base-files postinst and systemd tmpfiles var.conf: wtmp 0664, btmp 0660, lastlog 0664; RHEL:
 * btmp 0600). btmp must never be world-readable: it holds mistyped passwords typed as user names.
 * Hosts on wtmpdb and lastlog2 (util-linux 2.40+) pass with those databases instead.
 */
public final class LoginRecordsMatcher extends DeclaredMatcher {

  public LoginRecordsMatcher() {
    super("login-records", LogsFacts.STATS.needs());
  }

  private record Wanted(String path, String alternative, int maxMode, String role) {}

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    Observed<LogFileStats> stats = facts.get(LogsFacts.STATS);
    if (!stats.isSeen()) {
      return Verdict.unknown("login records could not be examined: " + stats.reason());
    }
    LogFileStats st = stats.value();
    List<Wanted> wanted =
        List.of(
            new Wanted(LogsFacts.WTMP, LogsFacts.WTMPDB, 0664, "logins and logouts (last)"),
            new Wanted(LogsFacts.BTMP, null, 0660, "failed logins (lastb)"),
            new Wanted(
                LogsFacts.LASTLOG, LogsFacts.LASTLOG2, 0664, "last login per user (lastlog)"));
    List<Evidence> ev = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<String> unseen = new ArrayList<>();
    for (Wanted w : wanted) {
      Optional<FileStat> f = st.file(w.path());
      String used = w.path();
      if (f.isEmpty() && w.alternative() != null && st.file(w.alternative()).isPresent()) {
        f = st.file(w.alternative());
        used = w.alternative();
      }
      if (f.isEmpty()) {
        if (st.denied().contains(w.path()) || !st.covers(w.path())) {
          unseen.add(w.path());
        } else {
          failures.add(w.path() + " is missing: " + w.role() + " are not recorded");
          ev.add(Evidence.of("stat " + w.path(), 0, "absent", "no " + w.role()));
        }
        continue;
      }
      FileStat s = f.get();
      boolean db = !used.equals(w.path());
      int allowed = db ? 0644 : w.maxMode();
      boolean modeOk = s.isRegular() && s.modeWithin(allowed);
      boolean ownerOk =
          s.owner().equals("root") && (db || s.group().equals("utmp") || s.group().equals("root"));
      ev.add(
          Evidence.of(
              "stat " + used,
              0,
              s.describe(),
              modeOk && ownerOk
                  ? "present and protected"
                  : "expected at most "
                      + String.format("%04o", allowed)
                      + " root:"
                      + (db ? "root" : "utmp")));
      if (!s.isRegular()) {
        failures.add(used + " is not a regular file (" + s.type() + ")");
      } else if (!modeOk || !ownerOk) {
        failures.add(
            used
                + " is "
                + String.format("%04o %s:%s", s.mode(), s.owner(), s.group())
                + ", expected at most "
                + String.format("%04o", allowed)
                + " root:"
                + (db ? "root" : "utmp")
                + (w.path().equals(LogsFacts.BTMP) && (s.mode() & 04) != 0
                    ? " (world-readable btmp exposes passwords typed as user names)"
                    : ""));
      }
    }
    if (!failures.isEmpty()) {
      return Verdict.fail(String.join("; ", failures), ev);
    }
    if (!unseen.isEmpty()) {
      return Verdict.unknown("could not examine " + String.join(", ", unseen), ev);
    }
    return Verdict.pass("wtmp, btmp and lastlog present and protected", ev);
  }
}
