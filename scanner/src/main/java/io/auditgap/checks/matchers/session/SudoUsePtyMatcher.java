package io.auditgap.checks.matchers.session;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.facts.sudo.DefaultsEntry;
import io.auditgap.facts.sudo.SudoersPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sudo.use-pty}: sudo runs commands in their own pseudo-terminal for everyone: a global
 * {@code Defaults use_pty} in force (the last global setting wins), or sudo ≥ 1.9.14 where it is
 * the default and no global {@code !use_pty}. A scoped {@code !use_pty} for users, hosts or runas
 * users breaks "for everyone"; scoped forms never count as the global setting.
 */
public final class SudoUsePtyMatcher extends SudoCheck {
  static final String FLAG = "use_pty";

  public SudoUsePtyMatcher() {
    super("sudo-use-pty", List.of());
  }

  @Override
  Verdict judge(CheckParams params, SudoContext c, List<Evidence> ev) {
    Optional<SudoersPolicy.EffectiveDefault> g = c.policy().global(FLAG);
    List<DefaultsEntry> weakened = new ArrayList<>();
    for (DefaultsEntry d : c.policy().scoped(FLAG)) {
      boolean breaks = d.negated() && d.scope() != DefaultsEntry.Scope.COMMAND;
      ev.add(
          SudoContext.of(
              d,
              (d.negated() ? "turns use_pty off" : "sets use_pty") + " only for " + d.scopeWord()));
      if (breaks) {
        weakened.add(d);
      }
    }
    boolean defaultOn = c.version().atLeast(1, 9, 14);
    boolean on;
    String why;
    if (g.isPresent()) {
      DefaultsEntry d = g.get().entry();
      String note = g.get().on() ? "use_pty on for everyone" : "use_pty off for everyone";
      if (g.get().overridden() != null) {
        note +=
            " (overrides "
                + g.get().overridden().at().location()
                + " "
                + g.get().overridden().at().text()
                + ")";
      }
      ev.add(SudoContext.of(d, note));
      on = g.get().on();
      why = d.at().location() + " " + d.at().text();
    } else {
      on = defaultOn;
      why =
          "no global Defaults use_pty; "
              + c.version().text()
              + (defaultOn
                  ? " enables it by default (≥ 1.9.14)"
                  : " leaves it off by default (< 1.9.14)");
    }
    if (!on) {
      return Verdict.fail("sudo does not use a pty: " + why, ev);
    }
    if (!weakened.isEmpty()) {
      DefaultsEntry w = weakened.get(0);
      return Verdict.fail(
          "use_pty is on globally but "
              + w.at().location()
              + " "
              + w.at().text()
              + " turns it off for "
              + w.scopeList(),
          ev);
    }
    return Verdict.pass("sudo runs commands in a pty: " + why, ev);
  }
}
