package io.auditgap.checks.matchers.time;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.ParamType;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.OsFacts;
import io.auditgap.facts.time.ChronyTracking;
import io.auditgap.facts.time.TimeDaemon;
import io.auditgap.facts.time.TimeDaemons;
import io.auditgap.facts.time.TimeFacts;
import io.auditgap.facts.time.TimedatectlStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code time.sync}: exactly one time daemon is active and the clock is synchronised, so log
 * timestamps from this host line up with every other source. Two daemons step the clock against
 * each other. On a container the clock belongs to the host kernel: not applicable.
 */
public final class TimeSyncMatcher extends DeclaredMatcher {

  public TimeSyncMatcher() {
    super(
        "time-sync",
        List.of(ParamSpec.of("max_offset_seconds", ParamType.TEXT).orElse("1")),
        needsOf(
            List.of(
                TimeFacts.DAEMONS, TimeFacts.TIMEDATE, TimeFacts.TRACKING, OsFacts.IN_CONTAINER)));
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    Observed<Boolean> container = facts.get(OsFacts.IN_CONTAINER);
    if (container.isSeen() && container.value()) {
      return Verdict.notApplicable(
          "the host is a container; its clock is the container host's", List.of());
    }
    double maxOffset = Double.parseDouble(params.string("max_offset_seconds", "1"));
    Observed<TimeDaemons> daemons = facts.get(TimeFacts.DAEMONS);
    if (!daemons.isSeen()) {
      return Verdict.unknown("time daemons could not be listed: " + daemons.reason());
    }
    List<Evidence> ev = new ArrayList<>();
    String src = daemons.value().source().equals("systemd") ? "systemctl show" : "process list";
    for (TimeDaemon d : daemons.value().daemons()) {
      ev.add(
          Evidence.of(src, 0, d.name() + ": " + d.detail(), d.active() ? "active" : "not active"));
    }
    List<TimeDaemon> active = daemons.value().active();
    if (active.isEmpty()) {
      return Verdict.fail("no time synchronisation daemon is active", ev);
    }
    if (active.size() > 1) {
      return Verdict.fail(
          active.size()
              + " time daemons are active ("
              + String.join(", ", active.stream().map(TimeDaemon::name).toList())
              + "): they adjust the clock against each other",
          ev);
    }
    String name = active.get(0).name();
    Observed<ChronyTracking> tracking = facts.get(TimeFacts.TRACKING);
    if (name.startsWith("chrony") && tracking.isSeen() && tracking.value().answered()) {
      ChronyTracking t = tracking.value();
      ev.add(Evidence.of("chronyc -n tracking", 0, t.evidence(), "chronyd's own view"));
      String leap = t.leapStatus().orElse("");
      OptionalDouble off = t.systemTimeOffset();
      if (leap.equals("Not synchronised")) {
        return Verdict.fail(
            name + " is active but not synchronised (Leap status: Not synchronised)", ev);
      }
      if (off.isPresent() && off.getAsDouble() > maxOffset) {
        return Verdict.fail(
            name
                + " is synchronised but the system clock is "
                + off.getAsDouble()
                + " s off (max "
                + maxOffset
                + " s)",
            ev);
      }
      return Verdict.pass(
          name + " is the only time daemon and is synchronised (Leap status " + leap + ")", ev);
    }
    Observed<TimedatectlStatus> td = facts.get(TimeFacts.TIMEDATE);
    if (td.isSeen() && td.value().answered()) {
      ev.add(
          Evidence.of("timedatectl show", 0, td.value().evidence(), "kernel synchronisation flag"));
      if (td.value().synchronised().orElse(false)) {
        return Verdict.pass(name + " is the only time daemon and the clock is synchronised", ev);
      }
      return Verdict.fail(
          name + " is active but the clock is not synchronised (NTPSynchronized=no)", ev);
    }
    String why = td.isSeen() ? "timedatectl: " + td.value().firstLine() : td.reason();
    return Verdict.unknown(
        name
            + " is the only time daemon, but whether the clock is synchronised could not be seen ("
            + why
            + ")",
        ev);
  }
}
