package io.auditgap.checks.matchers.auditd;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.checks.matchers.Preconditions;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.audit.AuditFacts;
import io.auditgap.facts.system.ServiceState;
import io.auditgap.facts.system.SystemFacts;
import java.util.List;
import java.util.Optional;

/** Asserts that auditd is active now and enabled at boot: both, or events are lost on reboot. */
public final class AuditdRunningMatcher extends DeclaredMatcher {

  public AuditdRunningMatcher() {
    super(
        "auditd-running",
        Preconditions.needs(SystemFacts.AUDITD_SERVICE, AuditFacts.AUDITCTL_INSTALLED));
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    Optional<Verdict> pre =
        Preconditions.notInContainer(facts, "auditd runs on the container host");
    Observed<ServiceState> svc = facts.get(SystemFacts.AUDITD_SERVICE);
    if (pre.isPresent()) {
      // What can be judged inside a container still is: an auditd unit installed there that
      // failed is a broken unit, whoever audits the kernel.
      if (svc.isSeen()
          && svc.value().loaded()
          && (svc.value().failed() || svc.value().restartingAfterFailure())) {
        List<Evidence> ev = new java.util.ArrayList<>(pre.get().evidence());
        ev.add(Evidence.of("systemctl show auditd.service", 0, svc.value().detail(), null));
        return Verdict.fail(
            "auditd.service is installed in the container and failed"
                + (svc.value().failed() ? "" : " (systemd is restarting it after the failure)")
                + " (audit belongs to the container host, but this unit is broken)",
            ev);
      }
      return pre.get();
    }
    if (!svc.isSeen()) {
      return Verdict.unknown(svc.reason());
    }
    ServiceState s = svc.value();
    String source =
        s.manager().equals("systemd") ? "systemctl show auditd.service" : "process list";
    List<Evidence> ev = List.of(Evidence.of(source, 0, s.detail(), null));
    if (!s.loaded()) {
      Observed<Boolean> installed = facts.get(AuditFacts.AUDITCTL_INSTALLED);
      Verdict v = Verdict.fail("auditd.service is not installed (no unit)", ev);
      return installed.isSeen() && !installed.value()
          ? v.causedBy(Preconditions.AUDITD_INSTALLED)
          : v;
    }
    if (!s.active()) {
      return Verdict.fail(
          "auditd is not running" + (Boolean.TRUE.equals(s.enabled()) ? " (enabled at boot)" : ""),
          ev);
    }
    if (s.enabled() == null) {
      return Verdict.unknown(
          "auditd is running, but whether it starts at boot could not be established", ev);
    }
    if (!s.enabled()) {
      return Verdict.fail("auditd is running now but not enabled at boot", ev);
    }
    return Verdict.pass("auditd is running and enabled at boot", ev);
  }
}
