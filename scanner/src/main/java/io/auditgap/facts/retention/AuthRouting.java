package io.auditgap.facts.retention;

import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SourceLine;
import io.auditgap.facts.logging.LoggingFacts;
import io.auditgap.facts.logging.RsyslogAction;
import io.auditgap.facts.logging.RsyslogConfig;
import io.auditgap.facts.logging.SyslogNgConfig;
import io.auditgap.facts.logging.SyslogPriority;
import io.auditgap.facts.logging.Tri;
import io.auditgap.facts.system.ServiceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the running syslog daemon stores authentication events, from its configuration — rsyslog's
 * rules (the forwarding family's {@link io.auditgap.facts.logging.RsyslogParser}: includes,
 * RainerScript, {@code stop} and filters) or syslog-ng's {@code log { source; filter;
 * destination(file(...)) }} paths ({@link io.auditgap.facts.logging.SyslogNgParser}: {@code
 * @include}, nested paths, {@code flags(final)}) — and its state, not from which files happen to
 * exist.
 *
 * @param kind what could be established
 * @param files the files the daemon writes auth/authpriv messages to (kind {@link Kind#FILES})
 * @param service the deciding daemon's state, for evidence (null when unknown)
 * @param undecided rules whose filter depends on message content, or dynamic files
 * @param problems what could not be read in the configuration
 * @param reason why the routing is not decisive (kinds other than FILES and NO_FILE)
 * @param daemon {@code rsyslog}, {@code syslog-ng}, or both joined by " and "; empty when none runs
 */
public record AuthRouting(
    Kind kind,
    List<AuthFile> files,
    ServiceState service,
    List<Undecided> undecided,
    List<String> problems,
    String reason,
    String daemon) {

  public enum Kind {
    /** a syslog daemon runs and at least one rule stores auth events in a fixed file. */
    FILES,
    /** it runs, its configuration was read, and no rule stores auth events in a file. */
    NO_FILE,
    /** it runs, but what it does with auth events cannot be established from its config. */
    UNDECIDABLE,
    /** The routing cannot be seen or does not apply (state unknown, no syslog daemon, ...). */
    NOT_SEEN
  }

  /**
   * A file the daemon stores auth events in.
   *
   * @param path absolute path
   * @param where the rule (file:line and text)
   * @param priorities the auth priorities it certainly receives, e.g. {@code auth.info}
   */
  public record AuthFile(String path, SourceLine where, List<String> priorities) {
    public AuthFile {
      priorities = List.copyOf(priorities);
    }
  }

  /** A rule that may store auth events, but whether (or where) cannot be established. */
  public record Undecided(SourceLine where, String why) {}

  public AuthRouting {
    files = List.copyOf(files);
    undecided = List.copyOf(undecided);
    problems = List.copyOf(problems);
    reason = reason == null ? "" : reason;
    daemon = daemon == null ? "" : daemon;
  }

  private static AuthRouting notSeen(ServiceState st, String reason, String daemon) {
    return new AuthRouting(Kind.NOT_SEEN, List.of(), st, List.of(), List.of(), reason, daemon);
  }

  /** What one daemon's configuration says. */
  private record Part(
      String daemon,
      ServiceState state,
      List<AuthFile> files,
      List<Undecided> undecided,
      List<String> problems) {}

  /**
   * @param rs rsyslog's configuration as parsed
   * @param ng syslog-ng's configuration as parsed
   * @param services logging service states ({@code rsyslog}, {@code syslog-ng}, ...)
   */
  /** The routing of the host whose facts these are: its rsyslog, syslog-ng and their state. */
  public static AuthRouting of(Facts facts) {
    return of(
        facts.get(LoggingFacts.RSYSLOG),
        facts.get(LoggingFacts.SYSLOG_NG),
        facts.get(LoggingFacts.SERVICES));
  }

  public static AuthRouting of(
      RsyslogConfig rs, SyslogNgConfig ng, Observed<Map<String, ServiceState>> services) {
    if (!services.isSeen()) {
      return notSeen(null, "syslog daemon state: " + services.reason(), "");
    }
    ServiceState rst = services.value().get("rsyslog");
    ServiceState nst = services.value().get("syslog-ng");
    boolean rsOn = rst != null && rst.active();
    boolean ngOn = nst != null && nst.active();
    if (!rsOn && !ngOn) {
      return notSeen(
          rst,
          "no syslog daemon is running (rsyslog: "
              + (rst == null ? "no state" : rst.detail())
              + (nst == null || !nst.loaded() ? "" : "; syslog-ng: " + nst.detail())
              + ")",
          "");
    }
    List<Part> parts = new ArrayList<>();
    if (rsOn) {
      if (!rs.present() && rs.problems().isEmpty()) {
        return notSeen(rst, "rsyslog runs, but " + rs.mainFile() + " does not exist", "rsyslog");
      }
      parts.add(rsyslog(rs, rst));
    }
    if (ngOn) {
      if (!ng.present() && ng.problems().isEmpty()) {
        return notSeen(
            nst, "syslog-ng runs, but " + ng.mainFile() + " does not exist", "syslog-ng");
      }
      parts.add(syslogNg(ng, nst));
    }
    List<AuthFile> files = new ArrayList<>();
    List<Undecided> undecided = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Part p : parts) {
      files.addAll(p.files());
      undecided.addAll(p.undecided());
      for (String pr : p.problems()) {
        problems.add(parts.size() > 1 ? p.daemon() + ": " + pr : pr);
      }
      names.add(p.daemon());
    }
    String daemon = String.join(" and ", names);
    ServiceState st = parts.get(0).state();
    Kind kind = files.isEmpty() ? Kind.NO_FILE : Kind.FILES;
    String reason = "";
    if (files.isEmpty() && !problems.isEmpty()) {
      kind = Kind.UNDECIDABLE;
      reason =
          daemon
              + " runs, but its configuration could not be read completely: "
              + problems.get(0)
              + (problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : "");
    } else if (files.isEmpty() && !undecided.isEmpty()) {
      kind = Kind.UNDECIDABLE;
      reason =
          daemon
              + " runs, but where it stores auth events cannot be established: "
              + undecided.get(0).where().location()
              + " "
              + undecided.get(0).why();
    }
    return new AuthRouting(kind, files, st, undecided, problems, reason, daemon);
  }

  private static Part rsyslog(RsyslogConfig rs, ServiceState st) {
    List<AuthFile> files = new ArrayList<>();
    List<Undecided> undecided = new ArrayList<>();
    for (RsyslogAction a : rs.actions()) {
      if (!a.type().equals("omfile")) {
        continue;
      }
      AuthEvents ev = AuthEvents.through(p -> rs.delivers(a, p));
      List<String> certain = ev.certain();
      if (certain.isEmpty() && !ev.maybe()) {
        continue;
      }
      if (a.filePath().isPresent() && !certain.isEmpty()) {
        files.add(new AuthFile(a.filePath().get(), a.where(), certain));
      } else if (a.filePath().isPresent()) {
        undecided.add(
            new Undecided(
                a.where(),
                "filter "
                    + a.filterText()
                    + " depends on message content: whether auth events are stored here is"
                    + " unknown"));
      } else {
        undecided.add(
            new Undecided(
                a.where(),
                a.dynamicFile().isEmpty()
                    ? "file action without a fixed path"
                    : "dynamic file (template " + a.dynamicFile() + "): the path is per message"));
      }
    }
    return new Part("rsyslog", st, files, undecided, rs.problems());
  }

  /** Every log path from a local source to a file() destination that takes auth messages. */
  private static Part syslogNg(SyslogNgConfig ng, ServiceState st) {
    List<AuthFile> files = new ArrayList<>();
    List<Undecided> undecided = new ArrayList<>();
    for (SyslogNgConfig.LogPath lp : ng.paths()) {
      for (String dn : lp.destinations()) {
        SyslogNgConfig.Destination d = ng.destinations().get(dn);
        if (d == null || !d.driver().equals("file")) {
          continue;
        }
        AuthEvents ev = AuthEvents.through(p -> ng.passes(lp, p));
        List<String> certain = ev.certain();
        if (certain.isEmpty() && !ev.maybe()) {
          continue;
        }
        if (d.fixedFile() && !certain.isEmpty()) {
          files.add(new AuthFile(d.file(), lp.where(), certain));
        } else if (d.fixedFile()) {
          undecided.add(
              new Undecided(
                  lp.where(),
                  "the log path's filters depend on message content: whether auth events reach "
                      + d.file()
                      + " is unknown"));
        } else {
          undecided.add(
              new Undecided(
                  d.where(),
                  "destination "
                      + d.name()
                      + " writes file(\""
                      + d.file()
                      + "\"): the path is per message"));
        }
      }
    }
    return new Part("syslog-ng", st, files, undecided, ng.problems());
  }

  /**
   * Which authentication priorities a filter surely passes, and whether any other might pass
   * (content-dependent filters).
   */
  private record AuthEvents(List<String> certain, boolean maybe) {
    static AuthEvents through(Function<SyslogPriority.Priority, Tri> filter) {
      List<String> certain = new ArrayList<>();
      boolean maybe = false;
      for (SyslogPriority.Priority p : SyslogPriority.AUTH_EVENTS) {
        Tri t = filter.apply(p);
        if (t == Tri.TRUE) {
          certain.add(p.toString());
        } else if (t == Tri.MAYBE) {
          maybe = true;
        }
      }
      return new AuthEvents(certain, maybe);
    }
  }
}
