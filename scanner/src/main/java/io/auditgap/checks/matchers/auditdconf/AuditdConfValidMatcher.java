package io.auditgap.checks.matchers.auditdconf;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.GatedMatcher;
import io.auditgap.facts.ConfigProblem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.audit.daemon.AuditdConf;
import io.auditgap.facts.audit.daemon.AuditdConfFacts;
import io.auditgap.facts.system.FileStat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Would auditd accept /etc/audit/auditd.conf? Predicts the daemon's own parse (see {@link
 * io.auditgap.facts.audit.daemon.AuditdConfParser}) and its ownership test: root-owned, not
 * world-writable, a regular file (auditd opens it with O_NOFOLLOW).
 */
public final class AuditdConfValidMatcher extends GatedMatcher {
  private static final String PATH = AuditdConfFacts.PATH;

  public AuditdConfValidMatcher() {
    super(
        "auditd-conf-valid",
        needsOf(List.of(AuditdConfFacts.CONF, AuditdConfFacts.STAT)),
        Gate.auditd("auditd runs on the container host", "there is no auditd.conf to validate"));
  }

  @Override
  protected Verdict judge(CheckParams params, Facts facts) {
    Observed<Optional<AuditdConf>> o = facts.get(AuditdConfFacts.CONF);
    if (!o.isSeen()) {
      return Verdict.unknown(o.reason());
    }
    if (o.value().isEmpty()) {
      return Verdict.fail(
          PATH
              + " does not exist: auditd is not installed (see auditd.installed) or runs on"
              + " compiled-in defaults that ignore disk-space events",
          List.of(Evidence.of(PATH, 0, "(absent)", "stat: No such file or directory")));
    }
    AuditdConf conf = o.value().get();
    List<Evidence> ev = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    Observed<FileStat> st = facts.get(AuditdConfFacts.STAT);
    if (st.isSeen()) {
      FileStat f = st.value();
      ev.add(Evidence.of("stat " + PATH, 0, f.shortLine(), "mode, owner, group, type"));
      if (!f.owner().equals("root")) {
        reasons.add("owned by " + f.owner() + ", not root (auditd: \"isn't owned by root\")");
      }
      if (f.worldWritable()) {
        reasons.add("world-writable (mode " + f.octalMode() + ")");
      }
      if (!f.isRegular()) {
        reasons.add("not a regular file (" + f.type() + "): auditd opens it with O_NOFOLLOW");
      }
    }
    for (ConfigProblem p : conf.problems()) {
      boolean lost = !p.fatal() && !p.at().text().startsWith("#");
      if (p.fatal() || lost) {
        ev.add(Evidence.of(p.at(), p.message()));
        reasons.add(
            "line "
                + p.at().line()
                + ": "
                + p.message()
                + (lost ? " (the directive on it is silently ignored)" : ""));
      } else {
        ev.add(Evidence.of(PATH, p.at().line(), "", p.message() + " (a comment: harmless)"));
      }
    }
    if (!reasons.isEmpty()) {
      return Verdict.fail(
          (conf.fatal() || reasons.stream().anyMatch(r -> !r.startsWith("line"))
                  ? "auditd refuses " + PATH + ": "
                  : "auditd ignores part of " + PATH + ": ")
              + String.join("; ", reasons),
          ev);
    }
    if (!st.isSeen()) {
      return Verdict.unknown(
          "the content is valid but ownership and mode could not be checked: " + st.reason(), ev);
    }
    ev.add(
        Evidence.of(
            PATH, 0, conf.directives().size() + " directives", "every line parses as auditd does"));
    return Verdict.pass(
        "auditd accepts "
            + PATH
            + ": "
            + conf.directives().size()
            + " valid directives, owned by root, mode "
            + st.value().octalMode(),
        ev);
  }
}
