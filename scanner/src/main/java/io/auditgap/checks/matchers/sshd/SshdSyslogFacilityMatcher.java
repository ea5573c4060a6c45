package io.auditgap.checks.matchers.sshd;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.logging.LogsFacts;
import io.auditgap.facts.logging.SyslogRoute;
import io.auditgap.facts.logging.SyslogRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sshd.syslog-facility}: sshd logs to AUTH or AUTHPRIV, the facilities every shipped syslog
 * rule and SIEM filter for authentication reads. A LOCALn facility passes only when an rsyslog rule
 * keeps that facility.
 */
public final class SshdSyslogFacilityMatcher extends SshdSettingMatcher {

  public SshdSyslogFacilityMatcher() {
    super("sshd-syslog-facility", List.of(), LogsFacts.SYSLOG_ROUTES.needs(), "SyslogFacility");
  }

  @Override
  Verdict judge(EffectiveSshd f, CheckParams params, Facts facts) {
    List<Evidence> ev = new ArrayList<>(f.evidence());
    String origin = f.fromFiles() ? " [from " + f.sourceNote() + "]" : "";
    if (f.value().equals("AUTH") || f.value().equals("AUTHPRIV")) {
      return Verdict.pass("sshd logs to facility " + f.value() + origin, ev);
    }
    if (f.value().startsWith("LOCAL")) {
      Observed<SyslogRoutes> routes = facts.get(LogsFacts.SYSLOG_ROUTES);
      if (!routes.isSeen()) {
        return Verdict.unknown(
            "sshd logs to "
                + f.value()
                + " and the rsyslog rules could not be read: "
                + routes.reason(),
            ev);
      }
      Optional<SyslogRoute> r = routes.value().storing(f.value());
      if (r.isPresent()) {
        ev.add(Evidence.of(r.get().at(), "keeps " + f.value() + " messages"));
        return Verdict.pass(
            "sshd logs to "
                + f.value()
                + ", which rsyslog keeps ("
                + r.get().at().location()
                + "); auth-facility filters will not see it"
                + origin,
            ev);
      }
      return Verdict.fail(
          "sshd logs to "
              + f.value()
              + " and no rsyslog rule keeps that facility: authentication events are lost or only"
              + " in the journal, outside every auth-facility rule"
              + origin,
          ev);
    }
    return Verdict.fail(
        "sshd logs to facility " + f.value() + ", not AUTH or AUTHPRIV" + origin, ev);
  }
}
