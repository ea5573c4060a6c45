package io.auditgap.checks.matchers.auditdconf;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.facts.ConfigProblem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.audit.daemon.AuditdConf;
import io.auditgap.facts.audit.daemon.AuditdConfFacts;
import io.auditgap.facts.audit.daemon.AuditdDirective;
import io.auditgap.facts.audit.daemon.AuditdSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The auditd.conf a setting check evaluates, or the verdict that ends the check before it starts
 * (unreadable file, file auditd refuses).
 */
final class AuditdConfView {
  static final String PATH = AuditdConfFacts.PATH;

  final AuditdConf conf;
  final Verdict early;
  final List<Evidence> context;

  private AuditdConfView(AuditdConf conf, Verdict early, List<Evidence> context) {
    this.conf = conf;
    this.early = early;
    this.context = context;
  }

  static AuditdConfView load(Facts facts) {
    Observed<Optional<AuditdConf>> o = facts.get(AuditdConfFacts.CONF);
    if (!o.isSeen()) {
      return new AuditdConfView(null, Verdict.unknown(o.reason()), List.of());
    }
    if (o.value().isEmpty()) {
      List<Evidence> ctx =
          List.of(
              Evidence.of(
                  PATH,
                  0,
                  "(absent)",
                  "no auditd.conf: auditd (if installed, see auditd.installed) uses compiled-in"
                      + " defaults"));
      return new AuditdConfView(new AuditdConf(PATH, List.of(), List.of()), null, ctx);
    }
    AuditdConf conf = o.value().get();
    if (conf.fatal()) {
      List<Evidence> ev = new ArrayList<>();
      for (ConfigProblem p : conf.problems()) {
        if (p.fatal()) {
          ev.add(Evidence.of(p.at(), p.message()));
        }
      }
      return new AuditdConfView(
          conf,
          Verdict.fail(
              "auditd refuses this auditd.conf and does not start (see auditd-conf.valid), so no"
                  + " setting in it takes effect",
              ev),
          List.of());
    }
    return new AuditdConfView(conf, null, List.of());
  }

  AuditdSetting setting(String key) {
    return conf.setting(key);
  }

  /** Evidence for a setting: the deciding line (or the default) and the lines it overrode. */
  List<Evidence> evidence(AuditdSetting s, String note) {
    List<Evidence> ev = new ArrayList<>(context);
    if (s.isDefault()) {
      ev.add(
          Evidence.of(
              PATH,
              0,
              s.key() + " (not set)",
              "compiled-in default " + s.key() + " = " + s.value() + "; " + note));
    } else {
      ev.add(Evidence.of(s.directive().at(), note));
      for (AuditdDirective d : s.overridden()) {
        ev.add(
            Evidence.of(
                d.at(),
                "overridden by line " + s.directive().at().line() + " (the last occurrence wins)"));
      }
    }
    return ev;
  }

  static String describe(AuditdSetting s) {
    return s.key()
        + " = "
        + s.value()
        + (s.option() != null ? " " + s.option() : "")
        + (s.isDefault() ? " (compiled-in default)" : " (line " + s.directive().at().line() + ")");
  }
}
