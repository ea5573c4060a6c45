package io.auditgap.checks.matchers.session;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.CommonParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.ParamType;
import io.auditgap.checks.Verdict;
import io.auditgap.facts.sudo.CommandTag;
import io.auditgap.facts.sudo.DefaultsEntry;
import io.auditgap.facts.sudo.SudoersPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sudo.io-logging}: sudo records the I/O of privileged sessions for every user: each flag
 * the profile requires ({@code require}, default {@code log_output}) is on in the global Defaults
 * in force and not turned off for users, hosts or runas users. Command-scoped exemptions (the usual
 * {@code Defaults!/usr/bin/sudoreplay !log_output}), LOG_ tags, {@code log_subcmds}, {@code
 * log_servers} and {@code iolog_dir} are reported as evidence.
 */
public final class SudoIoLoggingMatcher extends SudoCheck {
  static final List<String> NOTED = List.of("log_subcmds", "log_servers", "iolog_dir");

  public SudoIoLoggingMatcher() {
    super(
        "sudo-io-logging",
        CommonParams.with(
            CommonParams.SESSION_USERS,
            ParamSpec.of("require", ParamType.TEXT_LIST)
                .allowing("log_output", "log_input")
                .byProfile()));
  }

  @Override
  Verdict judge(CheckParams params, SudoContext c, List<Evidence> ev) {
    SudoersPolicy pol = c.policy();
    List<String> required = SudoContext.profileList(params, "require", List.of("log_output"));
    List<String> gaps = new ArrayList<>();
    for (String flag : required) {
      Optional<SudoersPolicy.EffectiveDefault> g = pol.global(flag);
      if (g.isPresent()) {
        ev.add(
            SudoContext.of(
                g.get().entry(),
                g.get().on() ? flag + " on for everyone" : flag + " off for everyone"));
      }
      boolean on = g.isPresent() && g.get().on();
      if (!on) {
        gaps.add(
            g.isPresent()
                ? flag + " turned off by " + g.get().entry().at().location()
                : "no global Defaults " + flag);
      }
      for (DefaultsEntry d : pol.scoped(flag)) {
        boolean cmd = d.scope() == DefaultsEntry.Scope.COMMAND;
        ev.add(
            SudoContext.of(
                d,
                (d.negated() ? "off" : "on")
                    + " only for "
                    + d.scopeWord()
                    + (cmd && d.negated() ? " (command exemption)" : "")));
        if (on && d.negated() && !cmd) {
          gaps.add(flag + " turned off for " + d.scopeWord() + " at " + d.at().location());
        }
      }
    }
    for (CommandTag t : pol.tags()) {
      ev.add(Evidence.of(t.at(), "tag " + t.tag() + " on this rule only"));
    }
    for (String n : NOTED) {
      pol.global(n)
          .ifPresent(
              g ->
                  ev.add(
                      SudoContext.of(
                          g.entry(),
                          n.equals("log_servers")
                              ? "I/O logs are sent to sudo_logsrvd"
                              : n.equals("iolog_dir")
                                  ? "I/O logs are kept in " + g.entry().value()
                                  : "child commands are logged")));
    }
    if (pol.global("log_servers").isEmpty()) {
      ev.add(
          Evidence.note(
              "no log_servers: I/O logs stay on this host unless an agent ships iolog_dir"));
    }
    if (!gaps.isEmpty()) {
      return Verdict.fail("sudo I/O logging is incomplete: " + String.join("; ", gaps), ev);
    }
    return Verdict.pass("sudo records " + String.join(" and ", required) + " for every user", ev);
  }
}
