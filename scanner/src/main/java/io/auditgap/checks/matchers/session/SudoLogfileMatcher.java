package io.auditgap.checks.matchers.session;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.facts.sudo.DefaultsEntry;
import io.auditgap.facts.sudo.SudoersPolicy;
import java.util.List;
import java.util.Optional;

/**
 * {@code sudo.logfile}: the global Defaults in force give sudo a dedicated log file with an
 * absolute path. sudo accepts double quotes around the value; anything else not starting with
 * {@code /} is rejected.
 */
public final class SudoLogfileMatcher extends SudoCheck {

  public SudoLogfileMatcher() {
    super("sudo-logfile", List.of());
  }

  @Override
  Verdict judge(CheckParams params, SudoContext c, List<Evidence> ev) {
    for (DefaultsEntry d : c.policy().scoped("logfile")) {
      ev.add(SudoContext.of(d, "applies only to " + d.scopeWord() + ", not to every sudo user"));
    }
    Optional<SudoersPolicy.EffectiveDefault> g = c.policy().global("logfile");
    if (g.isEmpty()) {
      return Verdict.fail(
          "no global Defaults logfile: sudo logs only to syslog (authpriv)"
              + (c.policy().scoped("logfile").isEmpty()
                  ? ""
                  : "; scoped logfile settings do not cover every user"),
          ev);
    }
    DefaultsEntry d = g.get().entry();
    String note =
        g.get().overridden() == null
            ? "in force"
            : "in force, overrides " + g.get().overridden().at().location();
    ev.add(SudoContext.of(d, note));
    if (d.negated()) {
      return Verdict.fail(
          "the logfile is turned off by " + d.at().location() + " " + d.at().text(), ev);
    }
    if (!d.value().startsWith("/")) {
      return Verdict.fail(
          "Defaults logfile at "
              + d.at().location()
              + " is not an absolute path ('"
              + d.value()
              + "')",
          ev);
    }
    return Verdict.pass("sudo logs to " + d.value() + " (" + d.at().location() + ")", ev);
  }
}
