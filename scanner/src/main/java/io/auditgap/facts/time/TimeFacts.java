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

  public static final CollectionItem.Command TIMEDATECTL =
      CollectionItem.Command.bounded("timedatectl show", "timedatectl show");

  public static final CollectionItem.Command CHRONYC =
      CollectionItem.Command.bounded(
          "chronyc -n tracking",
          "command -v chronyc >/dev/null 2>&1 || exit 127; chronyc -n tracking");

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
