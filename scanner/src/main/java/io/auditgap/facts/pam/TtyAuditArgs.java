package io.auditgap.facts.pam;

import io.auditgap.text.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of one pam_tty_audit line, read as {@code pam_sm_open_session} in linux-pam's
 * {@code modules/pam_tty_audit/pam_tty_audit.c} reads them: left to right; for each {@code enable=}
 * or {@code disable=} argument, if any comma-separated fnmatch pattern matches the PAM user, that
 * argument's command replaces the earlier one; an argument that matches nothing changes nothing.
 * Options it does not know ({@code enabled=*}, {@code enable *}) are only logged. The source
 * matches user names only; there is no uid-range syntax.
 *
 * @param switches the enable=/disable= arguments in order
 * @param openOnly {@code open_only}: the state is not restored when the session closes
 * @param logPasswd {@code log_passwd}: passwords typed with echo off are recorded too
 * @param unknown arguments the module ignores
 */
public record TtyAuditArgs(
    List<Switch> switches, boolean openOnly, boolean logPasswd, List<String> unknown) {
  public TtyAuditArgs {
    switches = List.copyOf(switches);
    unknown = List.copyOf(unknown);
  }

  /** What the module does for a user. */
  public enum Command {
    /** No argument matched: the session keeps the state it inherited (sshd: off). */
    NONE,
    ENABLE,
    DISABLE
  }

  /** One {@code enable=}/{@code disable=} argument. */
  public record Switch(Command command, List<String> patterns, String raw) {
    public Switch {
      patterns = List.copyOf(patterns);
    }

    boolean matches(String user) {
      for (String p : patterns) {
        if (Glob.matches(p, user, Glob.FNMATCH)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The decision for a user and the argument that made it (null for {@link Command#NONE}). */
  public record Decision(Command command, Switch decidedBy) {}

  public static TtyAuditArgs parse(List<String> args) {
    List<Switch> switches = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    boolean openOnly = false;
    boolean logPasswd = false;
    for (String a : args) {
      if (a.startsWith("enable=") || a.startsWith("disable=")) {
        Command c = a.charAt(0) == 'e' ? Command.ENABLE : Command.DISABLE;
        List<String> patterns = new ArrayList<>();
        // strtok_r skips empty tokens, so "enable=" and "enable=," match nobody
        for (String p : a.substring(a.indexOf('=') + 1).split(",")) {
          if (!p.isEmpty()) {
            patterns.add(p);
          }
        }
        switches.add(new Switch(c, patterns, a));
      } else if (a.equals("open_only")) {
        openOnly = true;
      } else if (a.equals("log_passwd")) {
        logPasswd = true;
      } else {
        unknown.add(a);
      }
    }
    return new TtyAuditArgs(switches, openOnly, logPasswd, unknown);
  }

  public Decision decide(String user) {
    Decision d = new Decision(Command.NONE, null);
    for (Switch s : switches) {
      if (s.matches(user)) {
        d = new Decision(s.command(), s);
      }
    }
    return d;
  }
}
