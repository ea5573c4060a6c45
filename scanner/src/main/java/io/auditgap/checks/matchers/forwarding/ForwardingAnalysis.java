package io.auditgap.checks.matchers.forwarding;

import io.auditgap.checks.Evidence;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SourceLine;
import io.auditgap.facts.audit.daemon.plugins.AuditPluginFacts;
import io.auditgap.facts.audit.daemon.plugins.AuditPlugins;
import io.auditgap.facts.audit.daemon.plugins.KeyValueConfig;
import io.auditgap.facts.logging.AgentConfig;
import io.auditgap.facts.logging.BusyboxSyslogd;
import io.auditgap.facts.logging.DaemonLog;
import io.auditgap.facts.logging.JournalUpload;
import io.auditgap.facts.logging.LoggingFacts;
import io.auditgap.facts.logging.RsyslogAction;
import io.auditgap.facts.logging.RsyslogConfig;
import io.auditgap.facts.logging.SyslogNgConfig;
import io.auditgap.facts.logging.SyslogPriority;
import io.auditgap.facts.logging.SyslogdProcesses;
import io.auditgap.facts.logging.Tri;
import io.auditgap.facts.system.ServiceState;
import io.auditgap.facts.system.SystemFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds every path by which authentication events, and audit records, leave the host. Shared by the
 * forwarding matchers so they agree on what forwards.
 */
final class ForwardingAnalysis {
  /** Result for one event stream. */
  record Streams(List<ForwardingPath> paths, List<String> unseen, List<Evidence> misses) {}

  static Set<CollectionItem> needs() {
    Set<CollectionItem> n = new HashSet<>(LoggingFacts.allNeeds());
    n.addAll(LoggingFacts.DAEMON_LOG.needs());
    n.addAll(AuditPluginFacts.PLUGINS.needs());
    n.addAll(SystemFacts.AUDITD_SERVICE.needs());
    return n;
  }

  private final Facts facts;
  private final Observed<Map<String, ServiceState>> services;

  ForwardingAnalysis(Facts facts) {
    this.facts = facts;
    this.services = facts.get(LoggingFacts.SERVICES);
  }

  /** What the forwarding daemons logged about delivery. */
  Observed<DaemonLog> daemonLog() {
    return facts.get(LoggingFacts.DAEMON_LOG);
  }

  /**
   * Every receiver the configuration sends to, whatever it carries: a daemon's message about one of
   * them must not be read as being about another.
   */
  List<DeliveryHealth.Endpoint> endpoints() {
    List<DeliveryHealth.Endpoint> out = new ArrayList<>();
    RsyslogConfig rs = facts.get(LoggingFacts.RSYSLOG);
    for (RsyslogAction a : rs.forwardingActions()) {
      out.add(new DeliveryHealth.Endpoint("rsyslogd", a.target(), a.port(), a.param("name")));
    }
    for (SyslogNgConfig.Destination d : facts.get(LoggingFacts.SYSLOG_NG).destinations().values()) {
      if (d.network() && !d.host().isEmpty()) {
        out.add(new DeliveryHealth.Endpoint("syslog-ng", d.host(), "", ""));
      }
    }
    Observed<JournalUpload> ju = facts.get(LoggingFacts.JOURNAL_UPLOAD);
    if (ju.isSeen() && ju.value().values().get("URL") != null) {
      String host =
          ju.value().values().get("URL").value().replaceAll("^[a-z]+://", "").split("[:/]")[0];
      out.add(new DeliveryHealth.Endpoint("systemd-journal-upload", host, "", ""));
    }
    Observed<AuditPlugins> plugins = facts.get(AuditPluginFacts.PLUGINS);
    if (plugins.isSeen() && plugins.value().remote() != null) {
      String host = plugins.value().remote().get("remote_server");
      if (!host.isEmpty()) {
        out.add(new DeliveryHealth.Endpoint("audisp-remote", host, "", ""));
      }
    }
    return out;
  }

  /** Paths that carry auth/authpriv events. */
  Streams auth() {
    List<ForwardingPath> paths = new ArrayList<>();
    List<String> unseen = new ArrayList<>();
    List<Evidence> misses = new ArrayList<>();
    syslogPaths(SyslogPriority.AUTH_EVENTS, "auth/authpriv", paths, unseen, misses);
    busyboxSyslogd(paths, unseen, misses);
    journalUpload(paths, unseen, misses);
    agents(true, paths, unseen, misses);
    return new Streams(paths, unseen, misses);
  }

  /**
   * BusyBox syslogd (Alpine): its {@code -R} targets receive every message, auth included, over
   * UDP; the running command line is the proof, /etc/conf.d/syslog what the next start uses.
   */
  private void busyboxSyslogd(
      List<ForwardingPath> paths, List<String> unseen, List<Evidence> misses) {
    Observed<SyslogdProcesses> o = facts.get(SyslogdProcesses.RUNNING);
    if (!o.isSeen()) {
      // only a host where a process named syslogd runs (or may run) needs its command line
      Observed<Set<String>> running = facts.get(SystemFacts.RUNNING);
      if (!running.isSeen() || running.value().contains("syslogd")) {
        unseen.add("syslogd processes: " + o.reason());
      }
      return;
    }
    SyslogdProcesses p = o.value();
    Optional<SourceLine> conf = p.optsLine();
    for (String u : p.unidentified()) {
      if (u.contains(" -R")) {
        unseen.add("a syslogd of unknown origin runs with -R: " + u);
      }
    }
    if (p.busybox().isEmpty()) {
      conf.filter(c -> c.text().contains("-R"))
          .ifPresent(
              c ->
                  misses.add(
                      Evidence.of(c, "names a receiver, but no BusyBox syslogd is running")));
      return;
    }
    for (BusyboxSyslogd d : p.busybox()) {
      Evidence running =
          Evidence.of(SyslogdProcesses.ITEM.name(), 0, d.commandLine(), "BusyBox syslogd running");
      if (d.remotes().isEmpty()) {
        misses.add(Evidence.of(SyslogdProcesses.ITEM.name(), 0, d.commandLine(), "no -R receiver"));
        continue;
      }
      for (String r : d.remotes()) {
        String host = BusyboxSyslogd.host(r);
        if (loopback(host)) {
          misses.add(
              Evidence.of(
                  SyslogdProcesses.ITEM.name(), 0, d.commandLine(), "-R " + r + " is loopback"));
          continue;
        }
        List<Evidence> ev = new ArrayList<>();
        ev.add(running);
        conf.ifPresent(
            c ->
                ev.add(
                    Evidence.of(
                        c,
                        c.text().contains(r)
                            ? "OpenRC starts syslogd with these options"
                            : "the next start uses these options, without -R " + r)));
        paths.add(
            new ForwardingPath(
                "busybox syslogd",
                host,
                ev,
                false,
                "BusyBox syslogd sends each message once over UDP, with no queue: what is sent"
                    + " while the receiver is unreachable is lost",
                false,
                "plain UDP syslog: not encrypted, the receiver is not authenticated",
                BusyboxSyslogd.port(r),
                ""));
      }
    }
  }

  /** Paths that carry audit records (audisp-remote, audisp-syslog into a syslog path, agents). */
  Streams audit() {
    List<ForwardingPath> paths = new ArrayList<>();
    List<String> unseen = new ArrayList<>();
    List<Evidence> misses = new ArrayList<>();
    agents(false, paths, unseen, misses);
    Observed<AuditPlugins> plugins = facts.get(AuditPluginFacts.PLUGINS);
    if (!plugins.isSeen()) {
      unseen.add("audit plugins: " + plugins.reason());
      return new Streams(paths, unseen, misses);
    }
    AuditPlugins ap = plugins.value();
    for (String n : ap.notes()) {
      misses.add(Evidence.note(n));
    }
    Observed<ServiceState> auditd = facts.get(SystemFacts.AUDITD_SERVICE);
    boolean auditdRunning = auditd.isSeen() && auditd.value().active();
    for (AuditPlugins.Plugin p : ap.plugins()) {
      KeyValueConfig.Entry active = p.conf().entry("active");
      Evidence ev =
          active == null
              ? Evidence.of(p.file(), 0, "", "no 'active' line: treated as active = no")
              : Evidence.of(
                  active.where().file(), active.where().line(), active.where().text(), null);
      if (!p.isRemote() && !p.isSyslog()) {
        continue;
      }
      if (!p.active()) {
        misses.add(note(ev, p.path() + " plugin is not active"));
        continue;
      }
      if (!auditd.isSeen()) {
        unseen.add("auditd service: " + auditd.reason());
      } else if (!auditdRunning) {
        misses.add(note(ev, "plugin active but auditd is not running, so nothing is dispatched"));
        continue;
      }
      if (p.isRemote()) {
        audispRemote(ap, ev, paths, misses);
      } else {
        audispSyslog(p, ev, paths, unseen, misses);
      }
    }
    if (ap.plugins().isEmpty()) {
      misses.add(Evidence.of(ap.dir(), 0, "", "no plugin files in " + ap.dir()));
    }
    return new Streams(paths, unseen, misses);
  }

  private static Evidence note(Evidence e, String note) {
    return Evidence.of(e.source(), e.line(), e.text(), note);
  }

  private void audispRemote(
      AuditPlugins ap, Evidence active, List<ForwardingPath> paths, List<Evidence> misses) {
    KeyValueConfig rc = ap.remote();
    if (rc == null) {
      misses.add(note(active, ap.remotePath() + " does not exist: audisp-remote has no server"));
      return;
    }
    KeyValueConfig.Entry server = rc.entry("remote_server");
    String host = server == null ? "" : server.value();
    Evidence sev =
        server == null
            ? Evidence.of(rc.file(), 0, "", "remote_server is not set")
            : Evidence.of(
                server.where().file(), server.where().line(), server.where().text(), null);
    if (host.isEmpty() || loopback(host)) {
      misses.add(
          note(sev, host.isEmpty() ? "remote_server is empty" : "remote_server is loopback"));
      return;
    }
    String mode = rc.get("mode").toLowerCase(Locale.ROOT);
    boolean forward = mode.equals("forward");
    KeyValueConfig.Entry transport = rc.entry("transport");
    KeyValueConfig.Entry krb = rc.entry("enable_krb5");
    boolean kerberos = transport != null && transport.value().equalsIgnoreCase("krb5");
    // audisp-remote.conf(5): a later enable_krb5 overrides transport.
    if (krb != null && (transport == null || krb.where().line() > transport.where().line())) {
      kerberos = krb.value().equalsIgnoreCase("yes");
    }
    List<Evidence> ev = new ArrayList<>();
    ev.add(note(active, "audisp-remote plugin active"));
    ev.add(note(sev, "audit records sent to " + host + ":" + orDefault(rc.get("port"), "60")));
    paths.add(
        new ForwardingPath(
            "audisp-remote",
            host,
            ev,
            forward,
            forward
                ? "mode = forward (store and forward through "
                    + orDefault(rc.get("queue_file"), "the queue file")
                    + ")"
                : "mode = "
                    + orDefault(mode, "immediate (default)")
                    + ": records are dropped while the server is unreachable",
            kerberos,
            kerberos
                ? "transport = KRB5 (Kerberos 5 authentication and encryption)"
                : "transport = "
                    + (transport == null ? "TCP (default)" : transport.value())
                    + ": cleartext, audisp-remote has no TLS"));
  }

  private void audispSyslog(
      AuditPlugins.Plugin p,
      Evidence active,
      List<ForwardingPath> paths,
      List<String> unseen,
      List<Evidence> misses) {
    int facility = 1;
    int severity = 6;
    for (String a : p.args().split("\\s+")) {
      if (a.isEmpty() || a.equalsIgnoreCase("interpret")) {
        continue;
      }
      int f = SyslogPriority.facility(a);
      int sv = SyslogPriority.severity(a);
      if (a.toLowerCase(Locale.ROOT).startsWith("log_") && sv >= 0) {
        severity = sv;
      } else if (a.toLowerCase(Locale.ROOT).startsWith("log_") && f >= 0) {
        facility = f;
      } else {
        misses.add(note(active, "audisp-syslog rejects argument '" + a + "' and exits"));
        return;
      }
    }
    SyslogPriority.Priority pr = new SyslogPriority.Priority(facility, severity);
    List<ForwardingPath> carried = new ArrayList<>();
    syslogPaths(List.of(pr), pr.toString(), carried, unseen, misses);
    List<String> ignored = new ArrayList<>();
    journalUpload(carried, ignored, new ArrayList<>());
    if (carried.isEmpty()) {
      misses.add(
          note(
              active,
              "audisp-syslog logs audit records as "
                  + pr
                  + " but no forwarding path carries "
                  + pr));
    }
    for (ForwardingPath c : carried) {
      List<Evidence> ev = new ArrayList<>();
      ev.add(note(active, "audisp-syslog plugin active, records logged as " + pr));
      ev.addAll(c.evidence());
      paths.add(
          new ForwardingPath(
              "audisp-syslog via " + c.mechanism(),
              c.target(),
              ev,
              c.reliable(),
              c.reliabilityReason(),
              c.verified(),
              c.tlsReason(),
              c.port(),
              c.action()));
    }
  }

  private ServiceState service(String unit) {
    return services.isSeen() ? services.value().get(unit) : null;
  }

  private void syslogPaths(
      List<SyslogPriority.Priority> prios,
      String what,
      List<ForwardingPath> paths,
      List<String> unseen,
      List<Evidence> misses) {
    RsyslogConfig rs = facts.get(LoggingFacts.RSYSLOG);
    if (rs.present() || !rs.problems().isEmpty()) {
      rsyslog(rs, prios, what, paths, unseen, misses);
    }
    SyslogNgConfig ng = facts.get(LoggingFacts.SYSLOG_NG);
    if (ng.present() || !ng.problems().isEmpty()) {
      syslogNg(ng, prios, what, paths, unseen, misses);
    }
  }

  private void rsyslog(
      RsyslogConfig rs,
      List<SyslogPriority.Priority> prios,
      String what,
      List<ForwardingPath> paths,
      List<String> unseen,
      List<Evidence> misses) {
    List<ForwardingPath> found = new ArrayList<>();
    for (RsyslogAction a : rs.forwardingActions()) {
      if (a.target().isEmpty() || loopback(a.target())) {
        misses.add(
            Evidence.of(
                a.where(),
                a.target().isEmpty()
                    ? "forwarding action without a target"
                    : "target " + a.target() + " is loopback"));
        continue;
      }
      Tri all = Tri.TRUE;
      RsyslogConfig.Discard swallowed = null;
      for (SyslogPriority.Priority p : prios) {
        all = all.and(rs.delivers(a, p));
        if (swallowed == null) {
          swallowed = rs.swallowedBy(a, p);
        }
      }
      if (all != Tri.TRUE) {
        String why;
        if (swallowed != null) {
          why =
              "not reached: "
                  + what
                  + " messages are discarded earlier by '"
                  + swallowed.where().text()
                  + "' at "
                  + swallowed.where().location();
        } else if (!rs.localRulesets().contains(a.ruleset())) {
          why = "in ruleset '" + a.ruleset() + "', which local inputs do not feed";
        } else if (all == Tri.FALSE) {
          why = "filter " + a.filterText() + " does not select " + what + " messages";
        } else {
          why =
              "filter "
                  + a.filterText()
                  + " depends on message content; cannot establish that all "
                  + what
                  + " messages pass";
        }
        misses.add(Evidence.of(a.where(), why));
        continue;
      }
      found.add(rsyslogPath(rs, a, what));
    }
    if (!found.isEmpty()) {
      ServiceState st = service("rsyslog");
      if (!services.isSeen()) {
        unseen.add("rsyslog state: " + services.reason());
        for (ForwardingPath f : found) {
          misses.add(
              Evidence.of(
                  f.evidence().get(0).source(),
                  f.evidence().get(0).line(),
                  f.evidence().get(0).text(),
                  "forwards, but whether rsyslog runs is unknown"));
        }
        return;
      }
      if (st == null || !st.active()) {
        for (ForwardingPath f : found) {
          Evidence e = f.evidence().get(0);
          misses.add(
              Evidence.of(
                  e.source(),
                  e.line(),
                  e.text(),
                  "forwards, but rsyslog is not running ("
                      + (st == null ? "no state" : st.detail())
                      + ")"));
        }
        return;
      }
      paths.addAll(found);
    }
    if (found.isEmpty() || paths.isEmpty()) {
      for (String p : rs.problems()) {
        unseen.add("rsyslog: " + p);
      }
      for (String n : rs.notes()) {
        misses.add(Evidence.note(n));
      }
    }
  }

  private ForwardingPath rsyslogPath(RsyslogConfig rs, RsyslogAction a, String what) {
    List<Evidence> ev = new ArrayList<>();
    ev.add(
        Evidence.of(
            a.where(),
            "forwards "
                + what
                + " ("
                + a.filterText()
                + ") to "
                + a.target()
                + ":"
                + a.port()
                + " over "
                + a.protocol()
                + (a.ruleset().equals(RsyslogConfig.DEFAULT_RULESET)
                    ? ""
                    : " in ruleset " + a.ruleset())));
    for (var c : a.filter()) {
      if (c.kind() != io.auditgap.facts.logging.RsyslogCondition.Kind.SELECTOR) {
        ev.add(Evidence.note("filtered by " + c));
      }
    }
    String proto = a.protocol();
    boolean transport = proto.equals("tcp") || proto.equals("relp");
    String qtype = a.param("queue.type").toLowerCase(Locale.ROOT);
    boolean queue = qtype.equals("linkedlist") || qtype.equals("fixedarray");
    boolean disk = !a.param("queue.filename").isEmpty();
    boolean retry = a.param("action.resumeretrycount").strip().equals("-1");
    List<String> missing = new ArrayList<>();
    if (!transport) {
      missing.add("protocol " + (proto.isEmpty() ? "udp" : proto) + " (use tcp or RELP)");
    }
    if (!queue) {
      missing.add(
          "queue.type " + (qtype.isEmpty() ? "Direct (default)" : qtype) + " (use LinkedList)");
    }
    if (!disk) {
      missing.add("no queue.filename (no disk-assisted queue)");
    }
    if (!retry) {
      missing.add(
          "action.resumeRetryCount "
              + orDefault(a.param("action.resumeretrycount"), "0 (default)")
              + " (use -1)");
    }
    boolean reliable = missing.isEmpty();
    String rel =
        reliable
            ? proto + " with a disk-assisted " + qtype + " queue and infinite retries"
            : String.join("; ", missing);
    Boolean tls;
    String tlsReason;
    if (a.type().equals("omrelp")) {
      boolean on = a.param("tls").equalsIgnoreCase("on");
      String am = a.param("tls.authmode").toLowerCase(Locale.ROOT);
      tls = on && (am.equals("name") || am.equals("fingerprint"));
      tlsReason =
          on
              ? "RELP tls=on with tls.authMode=" + orDefault(am, "(unset: anonymous)")
              : "RELP without tls=\"on\": cleartext";
    } else {
      String driver = a.param("streamdriver");
      RsyslogConfig.Setting def = rs.globals().get("defaultnetstreamdriver");
      if (driver.isEmpty() && def != null) {
        driver = def.value();
      }
      driver = driver.toLowerCase(Locale.ROOT);
      String mode = a.param("streamdrivermode").strip();
      String auth = a.param("streamdriverauthmode").toLowerCase(Locale.ROOT);
      boolean tlsDriver = driver.equals("gtls") || driver.equals("ossl");
      boolean strong = auth.equals("x509/name") || auth.equals("x509/fingerprint");
      tls = proto.equals("tcp") && tlsDriver && mode.equals("1") && strong;
      List<String> why = new ArrayList<>();
      if (!proto.equals("tcp")) {
        why.add("protocol " + proto + " cannot carry TLS");
      }
      if (!tlsDriver) {
        why.add("stream driver " + orDefault(driver, "ptcp (default)") + " is not gtls/ossl");
      }
      if (!mode.equals("1")) {
        why.add("StreamDriverMode " + orDefault(mode, "0 (default)") + " (TLS needs 1)");
      }
      if (!strong) {
        why.add(
            "StreamDriverAuthMode "
                + orDefault(auth, "anon (default)")
                + (auth.equals("x509/certvalid")
                    ? " checks the CA but not the name"
                    : " does not authenticate the receiver"));
      }
      tlsReason =
          tls
              ? "TLS (" + driver + ", mode 1) with " + auth + " peer authentication"
              : String.join("; ", why);
    }
    return new ForwardingPath(
        "rsyslog", a.target(), ev, reliable, rel, tls, tlsReason, a.port(), a.param("name"));
  }

  private void syslogNg(
      SyslogNgConfig ng,
      List<SyslogPriority.Priority> prios,
      String what,
      List<ForwardingPath> paths,
      List<String> unseen,
      List<Evidence> misses) {
    List<ForwardingPath> found = new ArrayList<>();
    for (SyslogNgConfig.Destination d : ng.destinations().values()) {
      if (!d.network()) {
        continue;
      }
      Evidence dev = Evidence.of(d.where(), null);
      if (d.host().isEmpty() || loopback(d.host())) {
        misses.add(note(dev, "destination " + d.name() + " sends to loopback or no host"));
        continue;
      }
      List<SyslogNgConfig.LogPath> users = ng.pathsTo(d.name());
      if (users.isEmpty()) {
        misses.add(
            note(
                dev,
                "destination "
                    + d.name()
                    + " is defined but no log { } path uses it, so it sends nothing"));
        continue;
      }
      SyslogNgConfig.LogPath ok = null;
      for (SyslogNgConfig.LogPath lp : users) {
        Tri all = Tri.TRUE;
        for (SyslogPriority.Priority p : prios) {
          all = all.and(ng.passes(lp, p));
        }
        if (all == Tri.TRUE) {
          ok = lp;
          break;
        }
        String why =
            !ng.hasLocalSource(lp)
                ? "log path has no local source (system(), /dev/log or systemd-journal())"
                : all == Tri.FALSE
                    ? "log path filters do not pass "
                        + what
                        + " messages (or an earlier flags(final) path takes them)"
                    : "log path filters depend on message content; cannot establish that "
                        + what
                        + " messages pass";
        misses.add(Evidence.of(lp.where(), why));
      }
      if (ok == null) {
        continue;
      }
      List<Evidence> ev = new ArrayList<>();
      ev.add(
          Evidence.of(
              ok.where(), "log path routes " + what + " from a local source to " + d.name()));
      ev.add(
          note(
              dev,
              "destination "
                  + d.name()
                  + ": "
                  + d.driver()
                  + " to "
                  + d.host()
                  + " over "
                  + d.transport()));
      boolean reliable = !d.transport().equals("udp") && d.diskBuffer();
      String rel =
          reliable
              ? d.transport() + " with disk-buffer()"
              : (d.transport().equals("udp")
                  ? "udp transport"
                  : d.transport()
                      + " without disk-buffer(): messages are lost when the memory queue fills during an outage");
      String pv = d.peerVerify().isEmpty() ? "required-trusted" : d.peerVerify();
      boolean verifies = pv.equals("required-trusted") || pv.equals("yes");
      Boolean tls = d.transport().equals("tls") && d.tlsBlock() && verifies;
      String tlsReason =
          !d.transport().equals("tls")
              ? "transport(" + d.transport() + "): cleartext"
              : !d.tlsBlock()
                  ? "transport(tls) without a tls() block"
                  : "tls() peer-verify("
                      + pv
                      + (d.peerVerify().isEmpty() ? ", the default" : "")
                      + ")"
                      + (verifies ? "" : " does not verify the receiver");
      found.add(new ForwardingPath("syslog-ng", d.host(), ev, reliable, rel, tls, tlsReason));
    }
    if (!found.isEmpty()) {
      ServiceState st = service("syslog-ng");
      if (!services.isSeen()) {
        unseen.add("syslog-ng state: " + services.reason());
        return;
      }
      if (st == null || !st.active()) {
        for (ForwardingPath f : found) {
          Evidence e = f.evidence().get(0);
          misses.add(
              note(
                  e,
                  "forwards, but syslog-ng is not running ("
                      + (st == null ? "no state" : st.detail())
                      + ")"));
        }
        return;
      }
      paths.addAll(found);
      return;
    }
    for (String p : ng.problems()) {
      unseen.add("syslog-ng: " + p);
    }
    for (String n : ng.notes()) {
      misses.add(Evidence.note(n));
    }
  }

  private void journalUpload(
      List<ForwardingPath> paths, List<String> unseen, List<Evidence> misses) {
    ServiceState st = service("systemd-journal-upload");
    if (st == null || !st.loaded()) {
      return;
    }
    Observed<JournalUpload> ju = facts.get(LoggingFacts.JOURNAL_UPLOAD);
    Evidence sev =
        Evidence.of("systemctl show systemd-journal-upload.service", 0, st.detail(), null);
    if (!st.active()) {
      misses.add(note(sev, "systemd-journal-upload is installed but not running"));
      return;
    }
    if (!ju.isSeen()) {
      unseen.add("journal-upload.conf: " + ju.reason());
      return;
    }
    JournalUpload.Setting url = ju.value().values().get("URL");
    if (url == null || url.value().isEmpty()) {
      misses.add(
          note(sev, "systemd-journal-upload runs but no URL= is set in journal-upload.conf"));
      return;
    }
    String host = url.value().replaceAll("^[a-z]+://", "").split("[:/]")[0];
    if (loopback(host)) {
      misses.add(Evidence.of(url.where(), "URL points to loopback"));
      return;
    }
    List<Evidence> ev = new ArrayList<>();
    ev.add(note(sev, "systemd-journal-upload running"));
    ev.add(
        Evidence.of(
            url.where(),
            url.overrode() == null
                ? "uploads the journal"
                : "uploads the journal (overrides " + url.overrode().location() + ")"));
    boolean https = url.value().toLowerCase(Locale.ROOT).startsWith("https://");
    List<String> missing = new ArrayList<>();
    for (String k : List.of("ServerKeyFile", "ServerCertificateFile", "TrustedCertificateFile")) {
      JournalUpload.Setting s = ju.value().values().get(k);
      if (s == null
          || s.value().isEmpty()
          || (k.equals("TrustedCertificateFile") && s.value().equals("all"))) {
        missing.add(
            k + (s != null && s.value().equals("all") ? "=all (no verification)" : " not set"));
      }
    }
    Boolean tls = https && missing.isEmpty();
    String tlsReason =
        !https
            ? "URL is not https://"
            : missing.isEmpty()
                ? "https with client key, certificate and a trusted CA"
                : String.join("; ", missing);
    paths.add(
        new ForwardingPath(
            "journal-upload",
            host,
            ev,
            true,
            "journal-upload resumes from its saved cursor after outages",
            tls,
            tlsReason));
  }

  private void agents(
      boolean auth, List<ForwardingPath> paths, List<String> unseen, List<Evidence> misses) {
    for (Map.Entry<String, Observed<AgentConfig>> e : facts.get(LoggingFacts.AGENTS).entrySet()) {
      ServiceState st = service(e.getKey());
      boolean running = st != null && st.active();
      if (!e.getValue().isSeen()) {
        if (running || !services.isSeen()) {
          unseen.add(e.getKey() + " configuration: " + e.getValue().reason());
        }
        continue;
      }
      AgentConfig a = e.getValue().value();
      if (a.opaque() != null) {
        if (running) {
          unseen.add(
              a.agent() + ": " + a.opaque() + "; what it ships cannot be read from the host");
        }
        continue;
      }
      List<SourceLine> inputs = auth ? a.authInputs() : a.auditInputs();
      if (inputs.isEmpty()) {
        if (running) {
          misses.add(
              Evidence.note(
                  a.agent()
                      + " runs but reads no "
                      + (auth ? "auth log or journal" : "audit log")));
        }
        continue;
      }
      if (a.output() == null) {
        misses.add(Evidence.of(inputs.get(0), a.agent() + " reads it but has no non-local output"));
        continue;
      }
      if (!services.isSeen()) {
        unseen.add(a.agent() + " state: " + services.reason());
        continue;
      }
      if (!running) {
        misses.add(
            Evidence.of(
                inputs.get(0),
                a.agent()
                    + " is configured but not running ("
                    + (st == null ? "no state" : st.detail())
                    + ")"));
        continue;
      }
      List<Evidence> ev = new ArrayList<>();
      ev.add(Evidence.of("systemctl show " + e.getKey(), 0, st.detail(), a.agent() + " running"));
      for (SourceLine l : inputs) {
        ev.add(Evidence.of(l, "input"));
      }
      ev.add(Evidence.of(a.output(), "output"));
      paths.add(
          new ForwardingPath(
              a.agent(),
              a.output().text(),
              ev,
              true,
              a.agent() + " tracks read offsets and retries (agent-managed delivery)",
              a.tls(),
              a.tls() == null
                  ? "TLS settings of " + a.agent() + " not established from its configuration"
                  : a.tls()
                      ? "encrypted with server verification"
                      : "output without server certificate verification"));
    }
  }

  static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|\\]$", "");
    return h.startsWith("127.")
        || h.equals("localhost")
        || h.equals("::1")
        || h.startsWith("localhost.");
  }

  private static String orDefault(String v, String d) {
    return v == null || v.isEmpty() ? d : v;
  }
}
