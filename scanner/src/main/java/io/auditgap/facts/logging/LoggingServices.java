package io.auditgap.facts.logging;

import io.auditgap.facts.system.ServiceState;
import io.auditgap.facts.system.SystemctlShow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * States of the logging daemons and agents, from one {@code systemctl show} over all units (blocks
 * separated by blank lines), or from the process list on hosts without systemd.
 */
public final class LoggingServices {
  /** Units asked about, with the process names (/proc/PID/comm, 15 chars) that stand for them. */
  public static final Map<String, List<String>> UNITS = orderedUnits();

  private LoggingServices() {}

  private static Map<String, List<String>> orderedUnits() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("rsyslog", List.of("rsyslogd"));
    m.put("syslog-ng", List.of("syslog-ng"));
    // comm is cut to 15 characters: systemd-journal-upload shows as "systemd-journal",
    // the same as systemd-journald, so the process list cannot prove it runs.
    m.put("systemd-journal-upload", List.of());
    m.put("systemd-journal-remote", List.of());
    m.put("wazuh-agent", List.of("wazuh-agentd", "ossec-agentd"));
    m.put("SplunkForwarder", List.of("splunkd"));
    m.put("splunk", List.of("splunkd"));
    m.put("fluent-bit", List.of("fluent-bit"));
    m.put("td-agent-bit", List.of("td-agent-bit"));
    m.put("vector", List.of("vector"));
    m.put("filebeat", List.of("filebeat"));
    m.put("auditbeat", List.of("auditbeat"));
    m.put("elastic-agent", List.of("elastic-agent"));
    return m;
  }

  static String shell() {
    StringBuilder sb =
        new StringBuilder("systemctl show -p Id,LoadState,ActiveState,SubState,UnitFileState");
    for (String u : UNITS.keySet()) {
      sb.append(' ').append(u).append(".service");
    }
    sb.append(" systemd-journal-remote.socket");
    return sb.toString();
  }

  /** Parses systemctl show output for several units; keyed by unit name without suffix. */
  static Map<String, ServiceState> parseSystemctl(String text) {
    Map<String, ServiceState> out = new LinkedHashMap<>();
    for (Map<String, String> p : SystemctlShow.units(text)) {
      String id = p.getOrDefault("Id", "");
      if (id.isEmpty() || !p.containsKey("ActiveState")) {
        continue;
      }
      String unit = id.endsWith(".service") ? id.substring(0, id.length() - 8) : id;
      // journal-remote is a socket unit: listening is its running state.
      out.put(unit, SystemctlShow.state(id, p, Set.of("running", "listening")));
    }
    return out;
  }

  static ServiceState fromProcesses(String unit, Set<String> running) {
    for (String comm : UNITS.getOrDefault(unit, List.of())) {
      if (running.contains(comm)) {
        return new ServiceState(unit, "process", true, true, null, "process " + comm + " running");
      }
    }
    return new ServiceState(unit, "process", false, false, null, "no " + unit + " process running");
  }
}
