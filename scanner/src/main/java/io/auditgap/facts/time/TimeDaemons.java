package io.auditgap.facts.time;

import io.auditgap.facts.system.SystemctlShow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which time daemons are active: from {@code systemctl show} over every known unit name (aliases
 * such as Debian's {@code chronyd.service} → {@code chrony.service} are folded by {@code Id}), or,
 * without systemd, from the process list.
 *
 * @param source {@code systemd} or {@code process}
 * @param daemons every unit/process found (loaded units, or running processes)
 */
public record TimeDaemons(String source, List<TimeDaemon> daemons) {
  /** Unit names collected; each daemon under every name distributions use. */
  public static final List<String> UNITS =
      List.of(
          "chrony.service",
          "chronyd.service",
          "systemd-timesyncd.service",
          "ntp.service",
          "ntpd.service",
          "ntpsec.service",
          "openntpd.service");

  /**
   * Process names (/proc/PID/comm, cut at 15 characters): chronyd, systemd-timesyncd, and ntpd,
   * which ntp, ntpsec and OpenNTPD all run as.
   */
  public static final List<String> PROCESSES = List.of("chronyd", "systemd-timesyn", "ntpd");

  public TimeDaemons {
    daemons = List.copyOf(daemons);
  }

  public List<TimeDaemon> active() {
    return daemons.stream().filter(TimeDaemon::active).toList();
  }

  /** Parses {@code systemctl show -p ...} output for several units (blank-line separated). */
  public static TimeDaemons fromSystemctl(String text) {
    Map<String, TimeDaemon> byId = new LinkedHashMap<>();
    for (Map<String, String> p : SystemctlShow.units(text)) {
      String id = p.get("Id");
      if (id == null || !"loaded".equals(p.get("LoadState"))) {
        continue;
      }
      boolean active = "active".equals(p.get("ActiveState"));
      String detail =
          "ActiveState="
              + p.getOrDefault("ActiveState", "?")
              + " SubState="
              + p.getOrDefault("SubState", "?")
              + " UnitFileState="
              + p.getOrDefault("UnitFileState", "");
      byId.putIfAbsent(id, new TimeDaemon(id, active, detail));
    }
    return new TimeDaemons("systemd", new ArrayList<>(byId.values()));
  }

  public static TimeDaemons fromProcesses(Set<String> running) {
    List<TimeDaemon> found = new ArrayList<>();
    for (String p : PROCESSES) {
      if (running.contains(p)) {
        found.add(new TimeDaemon(p, true, "process " + p + " running"));
      }
    }
    return new TimeDaemons("process", found);
  }
}
