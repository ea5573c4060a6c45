package io.auditgap.checks.matchers.sshd;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.facts.ConfigProblem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.sshd.SshdConfig;
import io.auditgap.facts.sshd.SshdDirective;
import io.auditgap.facts.sshd.SshdDump;
import io.auditgap.facts.sshd.SshdFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code sshd.config-valid}: {@code sshd -t} accepts the configuration. An invalid file is a time
 * bomb: the running daemon keeps its old settings, and the next restart (reboot, package update)
 * leaves the host without SSH or, after a hasty fix, without the logging the checks saw. Without
 * root sshd -t cannot load the host keys; then only certain file errors fail, anything else is
 * unknown.
 */
public final class SshdConfigValidMatcher extends DeclaredMatcher {
  /** Keywords sshd refuses inside a (non-{@code all}) Match block, among the logging ones. */
  static final Set<String> GLOBAL_ONLY = Set.of("usepam", "syslogfacility", "include");

  public SshdConfigValidMatcher() {
    super("sshd-config-valid", needsOf(List.of(SshdFacts.TEST, SshdFacts.CONFIG)));
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    Observed<SshdDump> test = facts.get(SshdFacts.TEST);
    Observed<SshdConfig> config = facts.get(SshdFacts.CONFIG);
    if (!test.isSeen()
        && test.reason().contains("command not found")
        && config.isSeen()
        && config.value().files().isEmpty()) {
      return Verdict.notApplicable(
          "no OpenSSH server on the host (no sshd, no sshd_config)", List.of());
    }
    if (test.isSeen()) {
      SshdDump t = test.value();
      String msg = t.firstMessage();
      boolean noKeys =
          msg.contains("no hostkeys available") || msg.contains("Could not load host key");
      if (t.exitStatus() == 0) {
        return Verdict.pass(
            "sshd -t accepts the configuration",
            List.of(Evidence.of("sshd -t", 0, "exit 0", "configuration valid")));
      }
      if (!noKeys) {
        List<Evidence> ev = new ArrayList<>();
        for (String m : t.messages()) {
          ev.add(Evidence.of("sshd -t", 0, m, "sshd refuses the configuration"));
        }
        return Verdict.fail(
            "sshd -t rejects the configuration (exit " + t.exitStatus() + "): " + msg, ev);
      }
    }
    String why =
        test.isSeen()
            ? "sshd -t could not load the host keys (needs root)"
            : "sshd -t not available (" + test.reason() + ")";
    if (!config.isSeen()) {
      return Verdict.unknown(why + "; configuration files not readable: " + config.reason());
    }
    List<Evidence> ev = new ArrayList<>();
    for (ConfigProblem p : config.value().problems()) {
      ev.add(Evidence.of(p.at(), p.message()));
    }
    for (var e : config.value().entries()) {
      if (e instanceof SshdDirective d
          && d.match() != null
          && !d.match().isAll()
          && GLOBAL_ONLY.contains(d.keyword())
          && !d.keyword().equals("include")) {
        ev.add(Evidence.of(d.source(), "not allowed within a Match block: sshd refuses to start"));
      }
    }
    if (!ev.isEmpty()) {
      ev.add(Evidence.note("from configuration files; " + why));
      return Verdict.fail("sshd would refuse the configuration [from configuration files]", ev);
    }
    return Verdict.unknown(
        why + "; the configuration files show no error the scanner recognises", List.of());
  }
}
