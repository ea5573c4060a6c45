package io.auditgap.facts.system;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SnapshotFacts;
import java.util.LinkedHashMap;
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
      Map<String, String> props = properties(show.get().text());
      if (props.containsKey("ActiveState")) {
        return Observed.seen(fromSystemd(unit, props));
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

  private static ServiceState fromSystemd(String unit, Map<String, String> p) {
    boolean loaded = "loaded".equals(p.get("LoadState"));
    boolean active = "active".equals(p.get("ActiveState")) && "running".equals(p.get("SubState"));
    String ufs = p.getOrDefault("UnitFileState", "");
    Boolean enabled =
        switch (ufs) {
          case "enabled", "enabled-runtime", "static", "alias", "indirect", "generated" -> true;
          case "" -> null;
          default -> false;
        };
    String detail =
        "LoadState="
            + p.getOrDefault("LoadState", "?")
            + " ActiveState="
            + p.getOrDefault("ActiveState", "?")
            + " SubState="
            + p.getOrDefault("SubState", "?")
            + " UnitFileState="
            + ufs;
    return new ServiceState(unit, "systemd", loaded, active, enabled, detail);
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

  static Map<String, String> properties(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return m;
  }
}
