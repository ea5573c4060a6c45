package io.auditgap.facts.time;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import io.auditgap.facts.system.SystemFacts;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Time synchronisation: which daemons run and whether the clock is synchronised. */
public final class TimeFacts {
  public static final CollectionItem SYSTEMCTL_TIME =
      CollectionItem.Command.bounded(
          "systemctl show time daemons",
          "systemctl show -p Id,LoadState,ActiveState,SubState,UnitFileState "
              + String.join(" ", TimeDaemons.UNITS));

  /**
   * The kernel's synchronisation flag as systemd-timedated reports it, which time.sync reads unless
   * chronyd answers {@code chronyc -n tracking} (then chronyd's own view decides). timedated is
   * started on demand and stops when idle, so on a host scanned now and then each {@code
   * timedatectl show} starts it: about 50 ms of the host's CPU, against 6 ms while it runs and 1.5
   * ms for one more chronyc (measured on the booted Debian 12 of scanner/src/test/nspawn). Where
   * chronyd answers, timedatectl is not run and the item says so. The {@link #CHRONYC} item, run
   * before it in the same shell (the group of commands under the timeout runs them in order, in one
   * shell), leaves chronyc's status in {@code ag_r_chronyc}; where it did not run there, this item
   * asks chronyc itself.
   */
  public static final CollectionItem.Command TIMEDATECTL =
      CollectionItem.Command.bounded(
          "timedatectl show",
          "if command -v chronyc >/dev/null 2>&1 && { [ \"${ag_r_chronyc:-}\" = 0 ] || {"
              + " [ -z \"${ag_r_chronyc:-}\" ] && chronyc -n tracking >/dev/null 2>&1; }; }; then"
              + " echo '# not run: chronyd answers chronyc -n tracking'; return 0; fi;"
              + " timedatectl show");

  public static final CollectionItem.Command CHRONYC =
      CollectionItem.Command.bounded(
          "chronyc -n tracking",
          "command -v chronyc >/dev/null 2>&1 || return 127; chronyc -n tracking;"
              + " ag_r_chronyc=$?; return $ag_r_chronyc");

  public static final FactKey<Observed<TimeDaemons>> DAEMONS =
      new FactKey<>("time daemons", needsDaemons(), TimeFacts::daemons);

  public static final FactKey<Observed<TimedatectlStatus>> TIMEDATE =
      FactKey.ofCommand("timedatectl", TIMEDATECTL, i -> TimedatectlStatus.parse(i.text()));

  public static final FactKey<Observed<ChronyTracking>> TRACKING =
      FactKey.ofCommand("chronyc tracking", CHRONYC, i -> ChronyTracking.parse(i.text()));

  private TimeFacts() {}

  private static Set<CollectionItem> needsDaemons() {
    Set<CollectionItem> n = new HashSet<>(SystemFacts.RUNNING.needs());
    n.add(SYSTEMCTL_TIME);
    return n;
  }

  static Observed<TimeDaemons> daemons(HostSnapshot s) {
    Optional<SnapshotItem> show = s.command("systemctl show time daemons");
    if (show.isPresent() && show.get().problem() == null && show.get().exitStatus() == 0) {
      TimeDaemons d = TimeDaemons.fromSystemctl(show.get().text());
      if (show.get().text().contains("Id=")) {
        return Observed.seen(d);
      }
    }
    // not booted with systemd (containers, SysV/OpenRC hosts): the process list decides
    Observed<Set<String>> procs = SystemFacts.RUNNING.derive().apply(s);
    return procs.map(TimeDaemons::fromProcesses);
  }
}
