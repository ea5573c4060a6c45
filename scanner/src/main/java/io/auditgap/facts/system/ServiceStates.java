package io.auditgap.facts.system;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SnapshotFacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Derives a service's state. Prefers {@code systemctl show}; a host not booted with systemd makes
 * systemctl refuse ("System has not been booted with systemd"), and then the process list and
 * SysV/OpenRC boot links decide.
 */
final class ServiceStates {
  private ServiceStates() {}

  static Observed<ServiceState> of(HostSnapshot s, String unit) {
    Optional<SnapshotItem> show = s.command("systemctl show " + unit);
    if (show.isPresent() && show.get().exitStatus() == 0 && show.get().problem() == null) {
      List<Map<String, String>> units = SystemctlShow.units(show.get().text());
      Map<String, String> props = units.isEmpty() ? Map.of() : units.get(0);
      if (props.containsKey("ActiveState")) {
        return Observed.seen(SystemctlShow.state(unit, props, Set.of("running")));
      }
    }
    Observed<Set<String>> procs =
        SnapshotFacts.command(s, "processes").map(i -> SystemFacts.lines(i.text()));
    if (!procs.isSeen()) {
      return Observed.unseen(
          "service state of "
              + unit
              + " unknown: systemctl gave no state and the process list was not collected");
    }
    boolean running = procs.value().contains(unit);
    Boolean enabled = enabledWithoutSystemd(s, unit);
    String detail =
        "no systemd state (systemctl: "
            + show.map(i -> SystemFacts.firstLine(i).orElse("no output")).orElse("not collected")
            + "); process "
            + unit
            + (running ? " running" : " not running");
    return Observed.seen(new ServiceState(unit, "process", true, running, enabled, detail));
  }

  private static Boolean enabledWithoutSystemd(HostSnapshot s, String unit) {
    Optional<SnapshotItem> isEnabled = s.command("systemctl is-enabled " + unit);
    if (isEnabled.isPresent() && isEnabled.get().problem() == null) {
      String word = SystemFacts.firstLine(isEnabled.get()).orElse("");
      if (word.equals("enabled") || word.equals("static") || word.equals("alias")) {
        return true;
      }
      if (word.equals("disabled") || word.equals("masked")) {
        return false;
      }
    }
    Optional<SnapshotItem> links = s.command("boot links");
    if (links.isPresent() && links.get().problem() == null) {
      for (String l : links.get().text().split("\n")) {
        String name = l.strip();
        if (name.equals(unit) || (name.startsWith("S") && name.endsWith(unit))) {
          return true;
        }
      }
    }
    return null;
  }
}
