package io.auditgap.facts.logging;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SnapshotFacts;
import io.auditgap.facts.system.ServiceState;
import io.auditgap.facts.system.SystemFacts;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Facts about how logs leave the host: rsyslog, syslog-ng, journal-upload and agents. */
public final class LoggingFacts {
  public static final String RSYSLOG_CONF = "/etc/rsyslog.conf";
  public static final String SYSLOG_NG_CONF = "/etc/syslog-ng/syslog-ng.conf";
  static final List<String> UPLOAD_DROPIN_DIRS =
      List.of(
          "/usr/lib/systemd/journal-upload.conf.d",
          "/usr/local/lib/systemd/journal-upload.conf.d",
          "/run/systemd/journal-upload.conf.d",
          "/etc/systemd/journal-upload.conf.d");

  public static final CollectionItem SERVICES_CMD =
      CollectionItem.Command.bounded("systemctl show logging services", LoggingServices.shell());
  public static final CollectionItem ELASTIC_FLEET =
      CollectionItem.Command.quick(
          "elastic-agent fleet",
          "for f in /opt/Elastic/Agent/fleet.enc /opt/Elastic/Agent/data/fleet.enc; do"
              + " [ -e \"$f\" ] && echo \"$f\"; done; return 0");

  /**
   * The forwarding daemons' own messages of the last 24 h, bounded: the journal entries of their
   * units (audisp-remote runs under auditd.service) when the system journal is readable, and their
   * lines among the last 20,000 of /var/log/syslog (Debian, Ubuntu) and /var/log/messages (RHEL).
   * Parsed by {@link DaemonLogParser}; the first line is the host's clock and UTC offset, from the
   * collector's one {@code date} ({@code ag_now}, {@code ag_tz}) or, run alone, its own. Under the
   * timeout; its output is cut at the item cap ({@code ag_c}) while it is produced only when one of
   * those sources is read (a log line has no size bound): without them it is a few lines, and the
   * cap's head is not started. Reads only.
   */
  public static final CollectionItem.Command DAEMON_MESSAGES =
      CollectionItem.Command.bounded(
          "forwarding daemon messages",
          "if [ -n \"$ag_now\" ] && [ -n \"$ag_tz\" ]; then n=\"now $ag_now $ag_tz\"; else"
              + " n=$(date '+now %s %z'); fi; j=no-journalctl; if command -v journalctl"
              + " >/dev/null 2>&1; then j=absent; for f in /var/log/journal/*/system.journal"
              + " /run/log/journal/*/system.journal; do [ -e \"$f\" ] || continue;"
              + " if [ -r \"$f\" ]; then j=read; break; fi; j=denied; done; fi;"
              + " b() { echo \"$n\"; echo '== journal'; s=$j; if [ \"$j\" = read ]; then"
              + " journalctl -q --no-pager -o short-iso --since -24h -u rsyslog.service"
              + " -u syslog-ng.service -u systemd-journal-upload.service -u auditd.service -n 200"
              + " 2>&1; r=$?; [ \"$r\" = 0 ] || s=\"error $r\"; fi; echo \"-- $s\";"
              + " for f in /var/log/syslog /var/log/messages; do echo \"== $f\";"
              + " if [ ! -e \"$f\" ]; then echo '-- absent'; elif [ ! -r \"$f\" ]; then"
              + " echo '-- denied'; else tail -n 20000 \"$f\" | grep -E"
              + " '^([^ ]+|[A-Z][a-z][a-z] +[0-9]+ [0-9:]+) [^ ]+"
              + " (rsyslogd|syslog-ng|systemd-journal-upload|audisp-remote)(-[0-9]+)?(\\[[0-9]+\\])?: '"
              + " | tail -n 200; echo '-- read'; fi; done; }; c=$j;"
              + " for f in /var/log/syslog /var/log/messages; do [ -r \"$f\" ] && c=read; done;"
              + " if [ \"$c\" = read ]; then"
              + " b | head -c $((${ag_c:-1048576} + 1)); else b; fi; return 0");

  private static final List<CollectionItem> RSYSLOG_ITEMS =
      List.of(
          new CollectionItem.File(RSYSLOG_CONF), new CollectionItem.Directory("/etc/rsyslog.d"));
  private static final List<CollectionItem> SYSLOG_NG_ITEMS =
      List.of(
          new CollectionItem.File(SYSLOG_NG_CONF),
          new CollectionItem.Directory("/etc/syslog-ng/conf.d"));
  private static final List<CollectionItem> UPLOAD_ITEMS = uploadItems();
  static final String WAZUH = "/var/ossec/etc/ossec.conf";
  static final String SPLUNK_INPUTS = "/opt/splunkforwarder/etc/system/local/inputs.conf";
  static final String SPLUNK_OUTPUTS = "/opt/splunkforwarder/etc/system/local/outputs.conf";
  static final String FILEBEAT = "/etc/filebeat/filebeat.yml";
  static final String FILEBEAT_MODULES = "/etc/filebeat/modules.d";
  static final String AUDITBEAT = "/etc/auditbeat/auditbeat.yml";
  static final String FLUENT_BIT = "/etc/fluent-bit/fluent-bit.conf";
  static final String TD_AGENT_BIT = "/etc/td-agent-bit/td-agent-bit.conf";
  static final String VECTOR_YAML = "/etc/vector/vector.yaml";
  static final String VECTOR_TOML = "/etc/vector/vector.toml";
  static final String ELASTIC_AGENT = "/opt/Elastic/Agent/elastic-agent.yml";
  private static final List<CollectionItem> AGENT_ITEMS =
      List.of(
          new CollectionItem.File(WAZUH),
          new CollectionItem.File(SPLUNK_INPUTS),
          new CollectionItem.File(SPLUNK_OUTPUTS),
          new CollectionItem.File(FILEBEAT),
          new CollectionItem.Directory(FILEBEAT_MODULES),
          new CollectionItem.File(AUDITBEAT),
          new CollectionItem.File(FLUENT_BIT),
          new CollectionItem.File(TD_AGENT_BIT),
          new CollectionItem.File(VECTOR_YAML),
          new CollectionItem.File(VECTOR_TOML),
          new CollectionItem.File(ELASTIC_AGENT),
          ELASTIC_FLEET);

  /** rsyslog's configuration; {@code present() == false} when rsyslog.conf does not exist. */
  public static final FactKey<RsyslogConfig> RSYSLOG =
      new FactKey<>(
          "rsyslog config",
          Set.copyOf(RSYSLOG_ITEMS),
          s -> RsyslogParser.parse(new SyslogIncludes(s), RSYSLOG_CONF));

  public static final FactKey<SyslogNgConfig> SYSLOG_NG =
      new FactKey<>(
          "syslog-ng config",
          Set.copyOf(SYSLOG_NG_ITEMS),
          s -> SyslogNgParser.parse(new SyslogIncludes(s), SYSLOG_NG_CONF));

  public static final FactKey<Observed<JournalUpload>> JOURNAL_UPLOAD =
      new FactKey<>("journal-upload config", Set.copyOf(UPLOAD_ITEMS), LoggingFacts::journalUpload);

  /** Unit name (without .service) to state, for every unit in {@link LoggingServices#UNITS}. */
  public static final FactKey<Observed<Map<String, ServiceState>>> SERVICES =
      new FactKey<>("logging services", servicesNeeds(), LoggingFacts::services);

  /** Agents whose configuration exists (or exists but cannot be read), by unit. */
  public static final FactKey<Map<String, Observed<AgentConfig>>> AGENTS =
      new FactKey<>("log agents", Set.copyOf(AGENT_ITEMS), LoggingFacts::agents);

  /** What the forwarding daemons said about delivery in the last 24 h. */
  public static final FactKey<Observed<DaemonLog>> DAEMON_LOG =
      FactKey.ofCommand(
          "forwarding daemon messages", DAEMON_MESSAGES, i -> DaemonLogParser.parse(i.text()));

  private LoggingFacts() {}

  /** Everything the forwarding checks read. */
  public static Set<CollectionItem> allNeeds() {
    Set<CollectionItem> n = new HashSet<>();
    n.addAll(RSYSLOG.needs());
    n.addAll(SYSLOG_NG.needs());
    n.addAll(JOURNAL_UPLOAD.needs());
    n.addAll(SERVICES.needs());
    n.addAll(AGENTS.needs());
    n.addAll(SyslogdProcesses.RUNNING.needs());
    return n;
  }

  private static List<CollectionItem> uploadItems() {
    List<CollectionItem> l = new ArrayList<>();
    l.add(new CollectionItem.File("/etc/systemd/journal-upload.conf"));
    for (String d : UPLOAD_DROPIN_DIRS) {
      l.add(new CollectionItem.Directory(d));
    }
    return l;
  }

  private static Set<CollectionItem> servicesNeeds() {
    Set<CollectionItem> n = new HashSet<>(SystemFacts.RUNNING.needs());
    n.add(SERVICES_CMD);
    return n;
  }

  static Observed<JournalUpload> journalUpload(HostSnapshot s) {
    SyslogIncludes files = new SyslogIncludes(s);
    List<Map.Entry<String, String>> texts = new ArrayList<>();
    SyslogIncludes.Text main = files.read("/etc/systemd/journal-upload.conf");
    if (!main.readable()) {
      return Observed.unseen(main.problem());
    }
    main.content().ifPresent(c -> texts.add(new AbstractMap.SimpleEntry<>(main.path(), c)));
    // Drop-ins sort by file name across directories; later directories mask earlier same names.
    TreeMap<String, String> byName = new TreeMap<>();
    for (String d : UPLOAD_DROPIN_DIRS) {
      SyslogIncludes.Expansion e = files.expand(d + "/*.conf");
      for (String p : e.problems()) {
        if (!p.contains("was not collected")) {
          return Observed.unseen(p);
        }
      }
      for (String f : e.files()) {
        byName.put(f.substring(f.lastIndexOf('/') + 1), f);
      }
    }
    for (String f : byName.values()) {
      files.read(f).content().ifPresent(c -> texts.add(new AbstractMap.SimpleEntry<>(f, c)));
    }
    return Observed.seen(JournalUpload.parse(texts));
  }

  static Observed<Map<String, ServiceState>> services(HostSnapshot s) {
    Optional<SnapshotItem> show = s.command("systemctl show logging services");
    if (show.isPresent() && show.get().problem() == null) {
      Map<String, ServiceState> m = LoggingServices.parseSystemctl(show.get().text());
      if (!m.isEmpty()) {
        return Observed.seen(m);
      }
    }
    Observed<SnapshotItem> procs = SnapshotFacts.command(s, "processes");
    if (!procs.isSeen()) {
      return Observed.unseen(
          "logging service states unknown: systemctl gave no state and the process list was not"
              + " collected");
    }
    Set<String> running = new HashSet<>();
    for (String l : procs.value().text().split("\n")) {
      if (!l.isBlank()) {
        running.add(l.strip());
      }
    }
    Map<String, ServiceState> m = new LinkedHashMap<>();
    for (String unit : LoggingServices.UNITS.keySet()) {
      m.put(unit, LoggingServices.fromProcesses(unit, running));
    }
    return Observed.seen(m);
  }

  static Map<String, Observed<AgentConfig>> agents(HostSnapshot s) {
    SyslogIncludes files = new SyslogIncludes(s);
    Map<String, Observed<AgentConfig>> out = new LinkedHashMap<>();
    SyslogIncludes.Text wazuh = files.read(WAZUH);
    if (!wazuh.readable() && files.collected(WAZUH) && s.file(WAZUH).isPresent()) {
      out.put("wazuh-agent", Observed.unseen(wazuh.problem()));
    } else if (wazuh.content().isPresent()) {
      out.put("wazuh-agent", Observed.seen(AgentParsers.wazuh(WAZUH, wazuh.content().get())));
    }
    SyslogIncludes.Text in = files.read(SPLUNK_INPUTS);
    SyslogIncludes.Text outp = files.read(SPLUNK_OUTPUTS);
    if ((s.file(SPLUNK_INPUTS).isPresent() && !in.readable())
        || (s.file(SPLUNK_OUTPUTS).isPresent() && !outp.readable())) {
      out.put("SplunkForwarder", Observed.unseen(in.readable() ? outp.problem() : in.problem()));
    } else if (in.content().isPresent() || outp.content().isPresent()) {
      out.put(
          "SplunkForwarder",
          Observed.seen(
              AgentParsers.splunk(
                  SPLUNK_INPUTS,
                  in.content().orElse(""),
                  SPLUNK_OUTPUTS,
                  outp.content().orElse(""))));
    }
    beat(s, files, out, "Filebeat", "filebeat", FILEBEAT, true);
    beat(s, files, out, "Auditbeat", "auditbeat", AUDITBEAT, false);
    beat(s, files, out, "Elastic Agent", "elastic-agent", ELASTIC_AGENT, false);
    Optional<SnapshotItem> fleet = s.command("elastic-agent fleet");
    if (fleet.isPresent() && fleet.get().problem() == null && !fleet.get().text().isBlank()) {
      out.put(
          "elastic-agent",
          Observed.seen(
              new AgentConfig(
                  "Elastic Agent",
                  "elastic-agent",
                  null,
                  List.of(),
                  List.of(),
                  null,
                  "Fleet-managed: the policy is stored encrypted in "
                      + fleet.get().text().strip().split("\n")[0])));
    }
    for (String[] fb :
        new String[][] {{FLUENT_BIT, "fluent-bit"}, {TD_AGENT_BIT, "td-agent-bit"}}) {
      SyslogIncludes.Text t = files.read(fb[0]);
      if (!t.readable() && s.file(fb[0]).isPresent()) {
        out.put(fb[1], Observed.unseen(t.problem()));
      } else if (t.content().isPresent()) {
        out.put(fb[1], Observed.seen(AgentParsers.fluentBit(fb[1], fb[0], t.content().get())));
      }
    }
    for (String v : List.of(VECTOR_YAML, VECTOR_TOML)) {
      SyslogIncludes.Text t = files.read(v);
      if (!t.readable() && s.file(v).isPresent()) {
        out.put("vector", Observed.unseen(t.problem()));
      } else if (t.content().isPresent()) {
        out.put("vector", Observed.seen(AgentParsers.vector(v, t.content().get())));
        break;
      }
    }
    return out;
  }

  private static void beat(
      HostSnapshot s,
      SyslogIncludes files,
      Map<String, Observed<AgentConfig>> out,
      String agent,
      String unit,
      String path,
      boolean modules) {
    SyslogIncludes.Text t = files.read(path);
    if (!t.readable() && s.file(path).isPresent()) {
      out.put(unit, Observed.unseen(t.problem()));
      return;
    }
    if (t.content().isEmpty()) {
      return;
    }
    List<String[]> mods = new ArrayList<>();
    if (modules) {
      SyslogIncludes.Expansion e = files.expand(FILEBEAT_MODULES + "/*.yml");
      for (String f : e.files()) {
        files.read(f).content().ifPresent(c -> mods.add(new String[] {f, c}));
      }
    }
    out.put(unit, Observed.seen(AgentParsers.beat(agent, unit, path, t.content().get(), mods)));
  }
}
