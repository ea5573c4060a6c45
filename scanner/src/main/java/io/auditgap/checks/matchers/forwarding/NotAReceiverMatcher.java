package io.auditgap.checks.matchers.forwarding;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.ParamType;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SourceLine;
import io.auditgap.facts.audit.daemon.plugins.AuditPluginFacts;
import io.auditgap.facts.audit.daemon.plugins.KeyValueConfig;
import io.auditgap.facts.logging.LoggingFacts;
import io.auditgap.facts.logging.RsyslogConfig;
import io.auditgap.facts.logging.SyslogNgConfig;
import io.auditgap.facts.system.ServiceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code logs.not-a-receiver}: a host that is not a log server accepts no remote logs (rsyslog
 * imudp/imtcp/imrelp, syslog-ng network sources, systemd-journal-remote, auditd tcp_listen_port).
 * Not applicable when the scan marks the host as a log server ({@code log_server: true}).
 */
public final class NotAReceiverMatcher extends DeclaredMatcher {
  public NotAReceiverMatcher() {
    super(
        "logs-not-a-receiver",
        List.of(ParamSpec.of("log_server", ParamType.BOOLEAN).orElse("false").settable()),
        needsOf(List.of(), LoggingFacts.allNeeds(), Set.of(AuditPluginFacts.AUDITD_CONF)));
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    if (params.bool("log_server", false)) {
      return Verdict.notApplicable("the host is designated a log server", List.of());
    }
    Observed<Map<String, ServiceState>> services = facts.get(LoggingFacts.SERVICES);
    List<Evidence> receivers = new ArrayList<>();
    List<Evidence> notes = new ArrayList<>();
    List<String> unseen = new ArrayList<>();
    RsyslogConfig rs = facts.get(LoggingFacts.RSYSLOG);
    for (RsyslogConfig.Input in : rs.listeners()) {
      add(
          receivers,
          notes,
          services,
          "rsyslog",
          in.where(),
          in.type() + " listener on port " + in.port());
    }
    rs.problems().forEach(p -> unseen.add("rsyslog: " + p));
    SyslogNgConfig ng = facts.get(LoggingFacts.SYSLOG_NG);
    for (SourceLine l : ng.listeners()) {
      add(receivers, notes, services, "syslog-ng", l, "network source");
    }
    ng.problems().forEach(p -> unseen.add("syslog-ng: " + p));
    if (services.isSeen()) {
      for (String unit : List.of("systemd-journal-remote", "systemd-journal-remote.socket")) {
        ServiceState st = services.value().get(unit);
        if (st != null && st.active()) {
          receivers.add(
              Evidence.of(
                  "systemctl show " + st.unit(), 0, st.detail(), "journal-remote accepts uploads"));
        }
      }
    } else {
      unseen.add("service states: " + services.reason());
    }
    Optional<SnapshotItem> conf = facts.snapshot().file("/etc/audit/auditd.conf");
    if (conf.isPresent() && conf.get().isComplete()) {
      KeyValueConfig.Entry port =
          KeyValueConfig.parse("/etc/audit/auditd.conf", conf.get().text())
              .entry("tcp_listen_port");
      if (port != null && !port.value().isEmpty()) {
        receivers.add(
            Evidence.of(
                port.where().file(),
                port.where().line(),
                port.where().text(),
                "auditd accepts remote audit records"));
      }
    } else if (conf.isPresent() && conf.get().exitStatus() != SnapshotItem.ABSENT) {
      unseen.add("/etc/audit/auditd.conf: " + conf.get().problem());
    }
    if (!receivers.isEmpty()) {
      receivers.addAll(notes);
      return Verdict.fail(
          "the host accepts remote logs but is not designated a log server", receivers);
    }
    if (!unseen.isEmpty()) {
      return Verdict.unknown(
          "no listener found, but some configuration could not be seen: "
              + String.join("; ", unseen),
          notes);
    }
    notes.add(
        Evidence.note(
            "no imudp/imtcp/imrelp input, syslog-ng network source, journal-remote or tcp_listen_port"));
    return Verdict.pass("the host does not accept remote logs", notes);
  }

  private static void add(
      List<Evidence> receivers,
      List<Evidence> notes,
      Observed<Map<String, ServiceState>> services,
      String unit,
      SourceLine where,
      String what) {
    ServiceState st = services.isSeen() ? services.value().get(unit) : null;
    if (st != null && !st.active()) {
      notes.add(
          Evidence.of(
              where.file(),
              where.line(),
              where.text(),
              what + ", but " + unit + " is not running"));
      return;
    }
    receivers.add(Evidence.of(where.file(), where.line(), where.text(), what));
  }
}
