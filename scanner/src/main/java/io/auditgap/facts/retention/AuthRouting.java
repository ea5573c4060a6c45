package io.auditgap.facts.retention;

import io.auditgap.facts.Observed;
import io.auditgap.facts.logging.ConfigLine;
import io.auditgap.facts.logging.RsyslogAction;
import io.auditgap.facts.logging.RsyslogConfig;
import io.auditgap.facts.logging.SyslogPriority;
import io.auditgap.facts.logging.Tri;
import io.auditgap.facts.system.ServiceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the syslog daemon stores authentication events, from rsyslog's configuration (the
 * forwarding family's {@link io.auditgap.facts.logging.RsyslogParser}: includes, RainerScript,
 * {@code stop} and filters) and its state — not from which files happen to exist.
 *
 * @param kind what could be established
 * @param files the files rsyslog writes auth/authpriv messages to (kind {@link Kind#FILES})
 * @param service the rsyslog state, for evidence (null when unknown)
 * @param undecided actions whose filter depends on message content, or dynamic files
 * @param problems what could not be read in rsyslog's configuration
 * @param reason why the routing is not decisive (kinds other than FILES and NO_FILE)
 */
public record AuthRouting(
    Kind kind,
    List<AuthFile> files,
    ServiceState service,
    List<Undecided> undecided,
    List<String> problems,
    String reason) {

  public enum Kind {
    /** rsyslog runs and at least one rule stores auth events in a fixed file. */
    FILES,
    /** rsyslog runs, its configuration was read, and no rule stores auth events in a file. */
    NO_FILE,
    /** rsyslog runs, but what it does with auth events cannot be established from its config. */
    UNDECIDABLE,
    /** The routing cannot be seen or does not apply (state unknown, rsyslog not running, ...). */
    NOT_SEEN
  }

  /**
   * A file rsyslog stores auth events in.
   *
   * @param path absolute path
   * @param where the rule (file:line and text)
   * @param priorities the auth priorities it certainly receives, e.g. {@code auth.info}
   */
  public record AuthFile(String path, ConfigLine where, List<String> priorities) {
    public AuthFile {
      priorities = List.copyOf(priorities);
    }
  }

  /** A rule that may store auth events, but whether (or where) cannot be established. */
  public record Undecided(ConfigLine where, String why) {}

  public AuthRouting {
    files = List.copyOf(files);
    undecided = List.copyOf(undecided);
    problems = List.copyOf(problems);
    reason = reason == null ? "" : reason;
  }

  private static AuthRouting notSeen(ServiceState st, String reason) {
    return new AuthRouting(Kind.NOT_SEEN, List.of(), st, List.of(), List.of(), reason);
  }

  /**
   * @param rs rsyslog's configuration as parsed
   * @param services logging service states ({@code rsyslog}, {@code syslog-ng}, ...)
   */
  public static AuthRouting of(RsyslogConfig rs, Observed<Map<String, ServiceState>> services) {
    if (!services.isSeen()) {
      return notSeen(null, "rsyslog state: " + ((Observed.Unseen<?>) services).reason());
    }
    ServiceState st = services.value().get("rsyslog");
    if (st == null || !st.active()) {
      return notSeen(
          st, "rsyslog is not running (" + (st == null ? "no state" : st.detail()) + ")");
    }
    if (!rs.present() && rs.problems().isEmpty()) {
      return notSeen(st, "rsyslog runs, but " + rs.mainFile() + " does not exist");
    }
    List<AuthFile> files = new ArrayList<>();
    List<Undecided> undecided = new ArrayList<>();
    for (RsyslogAction a : rs.actions()) {
      if (!a.type().equals("omfile")) {
        continue;
      }
      List<String> certain = new ArrayList<>();
      boolean maybe = false;
      for (SyslogPriority.Priority p : SyslogPriority.AUTH_EVENTS) {
        Tri t = rs.delivers(a, p);
        if (t == Tri.TRUE) {
          certain.add(p.toString());
        } else if (t == Tri.MAYBE) {
          maybe = true;
        }
      }
      if (certain.isEmpty() && !maybe) {
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
    if (!files.isEmpty()) {
      return new AuthRouting(Kind.FILES, files, st, undecided, rs.problems(), "");
    }
    ServiceState ng = services.value().get("syslog-ng");
    if (ng != null && ng.active()) {
      return notSeen(st, "rsyslog stores no auth events in a file and syslog-ng also runs");
    }
    if (!rs.problems().isEmpty()) {
      return new AuthRouting(
          Kind.UNDECIDABLE,
          files,
          st,
          undecided,
          rs.problems(),
          "rsyslog runs, but its configuration could not be read completely: "
              + rs.problems().get(0)
              + (rs.problems().size() > 1 ? " (+" + (rs.problems().size() - 1) + " more)" : ""));
    }
    if (!undecided.isEmpty()) {
      return new AuthRouting(
          Kind.UNDECIDABLE,
          files,
          st,
          undecided,
          rs.problems(),
          "rsyslog runs, but where it stores auth events cannot be established: "
              + undecided.get(0).where().location()
              + " "
              + undecided.get(0).why());
    }
    return new AuthRouting(Kind.NO_FILE, files, st, undecided, rs.problems(), "");
  }
}
